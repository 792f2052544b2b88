package vn.hoso.ingest;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

import vn.hoso.spark.Seqs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

/**
 * The silver rules as pure functions of Datasets (no reads, writes or clock), so tests call them on tiny
 * in-memory data. Every choice between records uses a total order — event time, then export date, file
 * and line — so the result does not depend on the order in which nights are loaded.
 */
final class SilverMerge {
    static final Column[] EXPORT_ORDER_DESC = {col("export_date").desc(), col("export_file").desc(), col("export_line").desc()};

    private SilverMerge() {
    }

    /** The latest snapshot per dossier: greatest last_synced_at, then later export date, file and line. */
    static Dataset<Row> latestSnapshot(Dataset<Row> snapshots) {
        return latestBy(snapshots, "dossier_id", col("last_synced_at").desc());
    }

    /** The latest rating per dossier: greatest rated_at, then later export. */
    static Dataset<Row> latestRating(Dataset<Row> ratings) {
        return latestBy(ratings, "dossier_id", col("rated_at").desc());
    }

    /** The latest export of each feedback: later export date, then later line. */
    static Dataset<Row> latestFeedback(Dataset<Row> exports) {
        return latestBy(exports, "feedback_id");
    }

    private static Dataset<Row> latestBy(Dataset<Row> rows, String key, Column... firstOrder) {
        List<Column> order = new ArrayList<>(List.of(firstOrder));
        order.addAll(List.of(EXPORT_ORDER_DESC));
        WindowSpec w = Window.partitionBy(key).orderBy(order.toArray(Column[]::new));
        return rows.withColumn("_rn", row_number().over(w)).where(col("_rn").equalTo(1)).drop("_rn");
    }

    /**
     * How many batch records repeat, byte for byte, a record exported earlier, in the batch or in
     * {@code earlier} ("earlier" is the export order, not the load order): for each (key, line_hash), every
     * batch record but the first in export order, and that one too when {@code earlier} exported the same
     * bytes before it.
     *
     * @param earlier        records of other export dates, or null when there are none (a full rebuild)
     * @param broadcastBatch the batch is small: its keys are broadcast to the scan of {@code earlier}
     */
    static long countReExports(Dataset<Row> batch, Dataset<Row> earlier, String key, boolean broadcastBatch) {
        Column order = struct(col("export_date"), col("export_file"), col("export_line"));
        Dataset<Row> pairs = batch.groupBy(col(key), col("line_hash")).agg(count(lit(1)).as("_n"), min(order).as("_first"));
        Column firstIsNew = lit(true);
        if (earlier != null) {
            Dataset<Row> keys = batch.select(col(key), col("line_hash")).distinct();
            Dataset<Row> before = earlier.join(broadcastBatch ? broadcast(keys) : keys, Seqs.of(key, "line_hash"), "left_semi")
                    .groupBy(col(key), col("line_hash")).agg(min(order).as("_earlier"));
            pairs = pairs.join(before, Seqs.of(key, "line_hash"), "left");
            firstIsNew = col("_earlier").isNull().or(col("_first").lt(col("_earlier")));
        }
        Row total = pairs.agg(sum(col("_n").minus(when(firstIsNew, 1L).otherwise(0L)))).first();
        return total.isNullAt(0) ? 0 : total.getLong(0);
    }

    /** One row each time a dossier's status differs from its previous snapshot. */
    static Dataset<Row> statusHistory(Dataset<Row> snapshots) {
        WindowSpec w = Window.partitionBy("dossier_id")
                .orderBy(col("synced_at"), col("export_date"), col("export_file"), col("export_line"));
        return snapshots
                .withColumn("_prev", lag("status", 1).over(w))
                .where(col("_prev").isNull().or(col("_prev").notEqual(col("status"))))
                .select(col("dossier_id"), col("status"), col("synced_at").as("first_seen_at"));
    }

    /**
     * Sets procedure_name from the catalogue: the name of the procedure's row valid on the day the dossier was
     * received (else submitted, else last synced; the latest start where rows overlap), or null when the
     * catalogue has no such row. The dossier's own TenTTHC is never used: it is free text.
     */
    static Dataset<Row> withProcedureName(Dataset<Row> dossiers, Dataset<Row> procedures) {
        Dataset<Row> bounds = procedures.select(col("procedure_code"), col("valid_from").as("segment_from"))
                .union(procedures.where(col("valid_to").isNotNull())
                        .select(col("procedure_code"), date_add(col("valid_to"), 1).as("segment_from")))
                .where(col("segment_from").isNotNull()).distinct();
        Dataset<Row> segments = bounds.withColumn("segment_to",
                lead("segment_from", 1).over(Window.partitionBy("procedure_code").orderBy("segment_from")));
        Column valid = col("s.segment_from").geq(col("p.valid_from"))
                .and(col("p.valid_to").isNull().or(col("s.segment_from").leq(col("p.valid_to"))));
        WindowSpec latest = Window.partitionBy(col("s.procedure_code"), col("s.segment_from"))
                .orderBy(col("p.valid_from").desc(), col("p.valid_to").desc_nulls_first());
        Dataset<Row> names = segments.as("s")
                .join(procedures.as("p"), col("s.procedure_code").equalTo(col("p.procedure_code")).and(valid))
                .withColumn("_rn", row_number().over(latest)).where(col("_rn").equalTo(1))
                .select(col("s.procedure_code").as("_code"), col("s.segment_from").as("_from"), col("s.segment_to").as("_to"),
                        col("p.procedure_name").as("_name"));
        Column day = to_date(coalesce(col("received_at"), col("submitted_at"), col("last_synced_at")));
        Column match = col("procedure_code").equalTo(col("_code")).and(day.geq(col("_from")))
                .and(col("_to").isNull().or(day.lt(col("_to"))));
        return dossiers.drop("procedure_name").join(broadcast(names), match, "left")
                .withColumnRenamed("_name", "procedure_name").drop("_code", "_from", "_to");
    }

    /** The calendar columns of received_at (session time zone = Vietnam). */
    static Dataset<Row> withCalendar(Dataset<Row> rows) {
        return rows
                .withColumn("received_date", to_date(col("received_at")))
                .withColumn("year", year(col("received_at")))
                .withColumn("month", month(col("received_at")));
    }

    /** The storage partition of a dossier: the month it was received, else submitted, else last synced. */
    static Dataset<Row> withPartitionMonth(Dataset<Row> dossiers) {
        return dossiers.withColumn("partition_month",
                date_format(coalesce(col("received_at"), col("submitted_at"), col("last_synced_at")), "yyyy-MM"));
    }

    /**
     * The end of each unit's successor chain. A unit's successor is that of its latest row; a chain that
     * loops stops at the unit where the loop is detected.
     */
    static Map<String, String> currentUnits(List<Row> units) {
        Map<String, String> successor = new HashMap<>();
        Map<String, java.time.LocalDate> latest = new HashMap<>();
        for (Row r : units) {
            String code = r.getAs("unit_code");
            java.time.LocalDate from = r.getAs("valid_from");
            if (!latest.containsKey(code) || (from != null && from.isAfter(latest.get(code)))) {
                latest.put(code, from);
                String next = r.getAs("successor_code");
                successor.put(code, next == null || next.isBlank() ? null : next);
            }
        }
        Map<String, String> current = new HashMap<>();
        for (String code : successor.keySet()) {
            String at = code;
            java.util.Set<String> seen = new java.util.HashSet<>();
            while (successor.get(at) != null && seen.add(at)) {
                at = successor.get(at);
            }
            current.put(code, at);
        }
        return current;
    }
}
