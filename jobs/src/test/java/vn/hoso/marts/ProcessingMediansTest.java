package vn.hoso.marts;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import vn.hoso.SparkTestBase;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * sql/intermediate/int_processing_medians.sql (its golden test): the median of a sorted group (no hash map of values) must be
 * that of Spark's percentile(x, 0.5), bit for bit, which is also DuckDB's quantile_cont (the bench's
 * baseline): on hand-computed groups (odd, even, ties, one value, nulls, unfinished) and on random data.
 */
class ProcessingMediansTest extends SparkTestBase {
    private static final StructType FACTS = DataTypes.createStructType(List.of(
            DataTypes.createStructField("year", DataTypes.IntegerType, true),
            DataTypes.createStructField("procedure_code", DataTypes.StringType, true),
            DataTypes.createStructField("unit_code", DataTypes.StringType, true),
            DataTypes.createStructField("unit_current_code", DataTypes.StringType, true),
            DataTypes.createStructField("channel", DataTypes.StringType, true),
            DataTypes.createStructField("is_finished", DataTypes.BooleanType, false),
            DataTypes.createStructField("micros", DataTypes.LongType, true)));

    private static final long DAY = 86_400_000_000L;

    /** int_dossier_facts with the columns the model reads; processing_days typed as the facts compute it. */
    private static void facts(List<Row> rows) {
        spark.createDataFrame(rows, FACTS)
                .selectExpr("year", "procedure_code", "unit_code", "unit_current_code", "channel", "is_finished",
                        "micros / 86400000000.0 as processing_days")
                .createOrReplaceTempView("int_dossier_facts");
    }

    private static Map<String, Double> medians() {
        Map<String, Double> out = new TreeMap<>();
        for (Row r : SqlModels.run(spark, "int_processing_medians", Map.of("province_code", "P")).collectAsList()) {
            out.put(key(r), r.getAs("median_days"));
        }
        return out;
    }

    /** year/scope_type/scope_code/channel/procedure_code of a median row. */
    private static String key(Row r) {
        return r.getAs("year") + "/" + r.getAs("scope_type") + "/" + r.getAs("scope_code") + "/" + r.getAs("channel")
                + "/" + r.getAs("procedure_code");
    }

    private static Row row(String proc, String unit, String currentUnit, String channel, boolean finished, Long days) {
        return RowFactory.create(2024, proc, unit, currentUnit, channel, finished, days == null ? null : days * DAY);
    }

    @Test
    void handComputedGroups() {
        List<Row> rows = new ArrayList<>();
        // A: odd count 1, 2, 10 (unit U1 online; U2 in person) -> 2; an unfinished 100 and a null do not count
        rows.add(row("A", "U1", "U1", "ONLINE", true, 10L));
        rows.add(row("A", "U1", "U1", "ONLINE", true, 1L));
        rows.add(row("A", "U2", "U9", "IN_PERSON", true, 2L));
        rows.add(row("A", "U2", "U9", "IN_PERSON", false, 100L));
        rows.add(row("A", "U2", "U9", "IN_PERSON", true, null));
        // B: even count 1, 2, 2, 7 -> 2 (ties in the middle); C: even 1, 4 -> 2.5; D: one value
        for (long d : new long[]{7, 2, 1, 2}) {
            rows.add(row("B", "U1", "U1", "ASSISTED", true, d));
        }
        rows.add(row("C", "U1", "U3", "ONLINE", true, 4L));
        rows.add(row("C", "U1", "U3", "ONLINE", true, 1L));
        rows.add(row("D", "U2", "U2", "IN_PERSON", true, 3L));
        // E: finished, but no processing time at all -> no median row
        rows.add(row("E", "U2", "U2", "ONLINE", true, null));
        facts(rows);

        Map<String, Double> m = medians();
        assertThat(m).containsEntry("2024/province/P/ALL/A", 2.0)
                .containsEntry("2024/unit/U1/ALL/A", 5.5)
                .containsEntry("2024/unit/U2/ALL/A", 2.0)
                .containsEntry("2024/unit_current/U9/ALL/A", 2.0)
                .containsEntry("2024/province/P/ONLINE/A", 5.5)
                .containsEntry("2024/province/P/IN_PERSON/A", 2.0)
                .containsEntry("2024/province/P/ALL/B", 2.0)
                .containsEntry("2024/province/P/ALL/C", 2.5)
                .containsEntry("2024/unit_current/U3/ALL/C", 2.5)
                .containsEntry("2024/province/P/ONLINE/C", 2.5)
                .containsEntry("2024/province/P/ALL/D", 3.0);
        // ASSISTED and other channels get no channel row; a group of only nulls gets no row
        assertThat(m.keySet()).noneMatch(k -> k.contains("ASSISTED") || k.endsWith("/E"));
        assertThat(m).hasSize(18);
    }

    @Test
    void sameAsSparksPercentileOnRandomGroups() {
        Random random = new Random(7);
        List<Row> rows = new ArrayList<>();
        String[] channels = {"ONLINE", "IN_PERSON", "ASSISTED"};
        for (int i = 0; i < 4000; i++) {
            int group = random.nextInt(40);
            // sizes from 1 to ~200 per group, values at microsecond precision with many ties among small groups
            long micros = group % 3 == 0 ? random.nextInt(5) * DAY : (long) (random.nextDouble() * 30 * DAY);
            rows.add(RowFactory.create(2023 + group % 2, "P" + group % 17, "U" + group % 5, "C" + group % 3,
                    channels[random.nextInt(3)], random.nextInt(10) > 0, random.nextInt(50) == 0 ? null : micros));
        }
        rows.add(RowFactory.create(2024, "LONE", "U1", "C1", "ONLINE", true, 12_345L));
        facts(rows);

        Dataset<Row> expected = spark.sql("""
                select year, scope_type, scope_code, grp as channel, procedure_code, percentile(processing_days, 0.5) as median_days
                from int_dossier_facts
                lateral view stack(4, 'province', 'P', 'ALL', 'unit', unit_code, 'ALL', 'unit_current', unit_current_code, 'ALL',
                    'province', 'P', case when channel in ('ONLINE', 'IN_PERSON') then channel end) g as scope_type, scope_code, grp
                where is_finished and grp is not null
                group by year, scope_type, scope_code, grp, procedure_code
                having count(processing_days) > 0""");
        Map<String, Double> want = new TreeMap<>();
        for (Row r : expected.collectAsList()) {
            want.put(key(r), r.getAs("median_days"));
        }
        Map<String, Double> got = medians();
        assertThat(want).hasSizeGreaterThan(100);
        assertThat(got).isEqualTo(want);
    }
}
