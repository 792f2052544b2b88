package vn.hoso.marts;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-made input rows for the KPI models, run alone: dossier facts, wide KPI inputs, feedback inputs. */
final class KpiFixtures {
    private KpiFixtures() {
    }

    /** The int_dossier_facts columns the registry's expressions and the adoption SQL read, with their defaults. */
    private static final Map<String, Object[]> FACT_COLUMNS = new LinkedHashMap<>();

    static {
        col("year", DataTypes.IntegerType, 2025);
        col("month", DataTypes.IntegerType, 1);
        col("unit_code", DataTypes.StringType, "U1");
        col("unit_current_code", DataTypes.StringType, "U1");
        col("procedure_code", DataTypes.StringType, "P1");
        col("sector_code", DataTypes.StringType, "S1");
        col("channel", DataTypes.StringType, "IN_PERSON");
        col("submitted_from", DataTypes.StringType, null);
        col("applicant_type", DataTypes.StringType, "CITIZEN");
        col("applicant_key", DataTypes.StringType, null);
        col("is_online", DataTypes.BooleanType, false);
        col("is_finished", DataTypes.BooleanType, false);
        col("is_online_service", DataTypes.BooleanType, false);
        col("is_full_online_service", DataTypes.BooleanType, false);
        col("has_online_service", DataTypes.BooleanType, false);
        col("eligible_full_online", DataTypes.BooleanType, false);
        col("is_paper_free_procedure", DataTypes.BooleanType, false);
        col("is_paper_result_procedure", DataTypes.BooleanType, false);
        col("has_paper_copy", DataTypes.BooleanType, false);
        col("fee_total", DataTypes.DoubleType, 0.0);
        col("paid_online", DataTypes.BooleanType, false);
        col("is_digitized", DataTypes.BooleanType, false);
        col("is_reused", DataTypes.BooleanType, false);
        col("has_e_result", DataTypes.BooleanType, false);
        col("rating", DataTypes.IntegerType, null);
        col("has_feedback", DataTypes.BooleanType, false);
        col("is_civil_servant", DataTypes.BooleanType, false);
        col("is_late", DataTypes.BooleanType, false);
    }

    private static void col(String name, DataType type, Object dflt) {
        FACT_COLUMNS.put(name, new Object[]{type, dflt});
    }

    /** A fact row: the defaults, then {@code kv} as name, value pairs. */
    static Map<String, Object> fact(Object... kv) {
        Map<String, Object> row = new LinkedHashMap<>();
        FACT_COLUMNS.forEach((k, v) -> row.put(k, v[1]));
        for (int i = 0; i < kv.length; i += 2) {
            if (!row.containsKey((String) kv[i])) {
                throw new IllegalArgumentException("no fact column " + kv[i]);
            }
            row.put((String) kv[i], kv[i + 1]);
        }
        if (Boolean.TRUE.equals(row.get("is_online"))) {
            row.put("channel", "ONLINE");
        }
        return row;
    }

    /** Binds the rows as int_dossier_facts. */
    static Dataset<Row> facts(SparkSession spark, List<Map<String, Object>> rows) {
        List<StructField> fields = new ArrayList<>();
        FACT_COLUMNS.forEach((k, v) -> fields.add(DataTypes.createStructField(k, (DataType) v[0], true)));
        List<Row> out = rows.stream().map(r -> RowFactory.create(r.values().toArray())).toList();
        Dataset<Row> df = spark.createDataFrame(out, DataTypes.createStructType(fields));
        df.createOrReplaceTempView("int_dossier_facts");
        return df;
    }

    /**
     * The four dossiers of the golden tests. Group 2025-03/U1/P1 (d1-d3), group 2025-04/U2/P2 (d4):
     * d1 online remote, full-process service, eligible, paper-free, fee 10 paid online, digitised,
     * finished with an e-result on a paper-result procedure, rated 3, on time;
     * d2 online assisted, online service, paper-free with a paper copy, reused, finished without an
     * e-result on a paper-result procedure, late, rated 1;
     * d3 in person, online service, eligible, fee 5 not paid online, digitised, reused, open, has feedback,
     * a civil servant's with an online service;
     * d4 online remote, no online service, paper-free, no fee at all (null), finished on a paper-result
     * procedure without an e-result, late, rated 2.
     */
    static List<Map<String, Object>> goldenFacts() {
        return List.of(
                fact("month", 3, "applicant_key", "c1", "is_online", true, "submitted_from", "REMOTE", "is_online_service", true,
                        "is_full_online_service", true, "has_online_service", true, "eligible_full_online", true,
                        "is_paper_free_procedure", true, "fee_total", 10.0, "paid_online", true, "is_digitized", true,
                        "is_finished", true, "has_e_result", true, "is_paper_result_procedure", true, "rating", 3),
                fact("month", 3, "applicant_key", "c2", "is_online", true, "submitted_from", "ASSISTED", "is_online_service", true,
                        "has_online_service", true, "is_paper_free_procedure", true, "has_paper_copy", true, "is_reused", true,
                        "is_finished", true, "is_paper_result_procedure", true, "is_late", true, "rating", 1),
                fact("month", 3, "applicant_key", "c1", "is_online_service", true, "has_online_service", true,
                        "eligible_full_online", true, "fee_total", 5.0, "is_digitized", true, "is_reused", true,
                        "has_feedback", true, "is_civil_servant", true),
                fact("month", 4, "unit_code", "U2", "unit_current_code", "U2", "procedure_code", "P2", "applicant_key", "c3",
                        "is_online", true, "submitted_from", "REMOTE", "is_paper_free_procedure", true, "fee_total", null,
                        "is_finished", true, "is_paper_result_procedure", true, "is_late", true, "rating", 2));
    }

    /**
     * Binds wide int_kpi_inputs rows: for each (year, month, unit, unit_current, procedure, sector) every
     * dossier KPI of {@code registry} gets numerator {@code num} and denominator {@code den} (null for a count).
     */
    static void wideInputs(SparkSession spark, Map<String, KpiCatalog.Kpi> registry, List<Object[]> rows) {
        List<StructField> fields = new ArrayList<>(List.of(
                DataTypes.createStructField("year", DataTypes.IntegerType, true),
                DataTypes.createStructField("month", DataTypes.IntegerType, true),
                DataTypes.createStructField("unit_code", DataTypes.StringType, true),
                DataTypes.createStructField("unit_current_code", DataTypes.StringType, true),
                DataTypes.createStructField("procedure_code", DataTypes.StringType, true),
                DataTypes.createStructField("sector_code", DataTypes.StringType, true)));
        List<KpiCatalog.Kpi> dossier = registry.values().stream().filter(k -> "dossier".equals(k.facts())).toList();
        for (KpiCatalog.Kpi k : dossier) {
            fields.add(DataTypes.createStructField(k.code() + "__num", DataTypes.LongType, true));
            fields.add(DataTypes.createStructField(k.code() + "__den", DataTypes.LongType, true));
        }
        List<Row> out = new ArrayList<>();
        for (Object[] r : rows) {
            List<Object> values = new ArrayList<>(java.util.Arrays.asList(r).subList(0, 6));
            for (KpiCatalog.Kpi k : dossier) {
                values.add(r[6]);
                values.add(k.kind().equals("count") ? null : r[7]);
            }
            out.add(RowFactory.create(values.toArray()));
        }
        spark.createDataFrame(out, DataTypes.createStructType(fields)).createOrReplaceTempView("int_kpi_inputs");
    }

    /** Binds int_feedback_inputs rows (year, month, unit_code, unit_current_code, kpi_code, numerator, denominator). */
    static void feedbackInputs(SparkSession spark, List<Object[]> rows) {
        spark.createDataFrame(rows.stream().map(RowFactory::create).toList(), DataTypes.createStructType(List.of(
                DataTypes.createStructField("year", DataTypes.IntegerType, true),
                DataTypes.createStructField("month", DataTypes.IntegerType, true),
                DataTypes.createStructField("unit_code", DataTypes.StringType, true),
                DataTypes.createStructField("unit_current_code", DataTypes.StringType, true),
                DataTypes.createStructField("kpi_code", DataTypes.StringType, true),
                DataTypes.createStructField("numerator", DataTypes.LongType, true),
                DataTypes.createStructField("denominator", DataTypes.LongType, true))))
                .createOrReplaceTempView("int_feedback_inputs");
    }

    /** "num/den" with "-" for null, the form the golden tables are written in. */
    static String pair(Object num, Object den) {
        return (num == null ? "-" : num.toString()) + "/" + (den == null ? "-" : den.toString());
    }
}
