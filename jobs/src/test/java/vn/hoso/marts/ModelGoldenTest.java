package vn.hoso.marts;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import vn.hoso.SparkTestBase;
import vn.hoso.io.ModelSpec;
import vn.hoso.io.TableSpec;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden tests of the SQL models, each run alone ({@link SqlModels#run}) on hand-written input rows bound
 * as the views it reads, against hand-computed output rows. The models of the KPI registry
 * (int_kpi_inputs, fct_kpi_sums, fct_priority_sums) have their own tests; int_processing_medians is
 * {@link ProcessingMediansTest}.
 */
class ModelGoldenTest extends SparkTestBase {
    private static final Map<String, Object> PARAMS = Map.of("as_of", LocalDate.of(2024, 7, 10), "province_code", "52",
            "default_min_n", 1);

    /** Binds {@code name} to rows of {@code fields}; each row maps columns to SQL literals, the rest null. */
    @SafeVarargs
    private static void view(String name, List<StructField> fields, Map<String, String>... rows) {
        List<String> selects = new ArrayList<>();
        for (Map<String, String> row : rows) {
            List<String> cols = new ArrayList<>();
            for (StructField f : fields) {
                cols.add("cast(" + row.getOrDefault(f.name(), "null") + " as " + f.dataType().sql() + ") as " + f.name());
            }
            assertThat(fields.stream().map(StructField::name).toList()).as("columns of %s", name).containsAll(row.keySet());
            selects.add("select " + String.join(", ", cols));
        }
        spark.sql(String.join(" union all ", selects)).createOrReplaceTempView(name);
    }

    @SafeVarargs
    private static void silver(String table, Map<String, String>... rows) {
        view("silver_" + table, Arrays.asList(TableSpec.load("silver", table).sparkSchema().fields()), rows);
    }

    /** A model's output bound as a view, with the columns its YAML declares. */
    @SafeVarargs
    private static void model(String name, Map<String, String>... rows) {
        List<StructField> fields = new ArrayList<>();
        for (TableSpec.Column c : ModelSpec.all().get(name).columns()) {
            fields.add(new StructField(c.name(), TableSpec.sparkType(c.type()), true, org.apache.spark.sql.types.Metadata.empty()));
        }
        view(name, fields, rows);
    }

    private static List<String> run(String model, String... columns) {
        Dataset<Row> out = SqlModels.run(spark, model, PARAMS);
        ModelDataTest.assertKey(ModelSpec.all().get(model), out);
        return out.selectExpr(columns).collectAsList().stream().map(Row::toString).sorted().toList();
    }

    private static Map<String, String> row(String... kv) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            out.put(kv[i], kv[i + 1]);
        }
        return out;
    }

    @Test
    void dossierFacts() {
        silver("dossiers",
                // online, finished on time, 1.5 days
                row("dossier_id", "'D1'", "procedure_code", "'P1'", "sector_code", "'S-OLD'", "unit_code", "'U1'", "channel", "'ONLINE'",
                        "applicant_key", "'K1'", "status", "10", "received_at", "timestamp'2024-03-04 09:00:00'",
                        "due_at", "timestamp'2024-03-06 17:00:00'", "finished_at", "timestamp'2024-03-05 21:00:00'",
                        "received_date", "date'2024-03-04'", "year", "2024", "month", "3", "supplement_count", "0"),
                // not received (status 1): no fact
                row("dossier_id", "'D2'", "procedure_code", "'P1'", "unit_code", "'U1'", "channel", "'ONLINE'", "status", "1",
                        "received_at", "timestamp'2024-03-04 09:00:00'", "received_date", "date'2024-03-04'", "year", "2024", "month", "3"),
                // in person by a civil servant, still open past its due date: ends on the as-of date, late
                row("dossier_id", "'D3'", "procedure_code", "'P9'", "sector_code", "'S9'", "unit_code", "'U2'", "channel", "'IN_PERSON'",
                        "applicant_key", "'K3'", "status", "4", "received_at", "timestamp'2024-07-01 09:00:00'",
                        "due_at", "timestamp'2024-07-05 17:00:00'", "received_date", "date'2024-07-01'", "year", "2024", "month", "7",
                        "supplement_count", "0"));
        silver("procedures", row("procedure_code", "'P1'", "sector_code", "'S1'", "service_level", "'TOAN_TRINH'",
                "eligible_full_online", "true", "requires_paper", "false", "paper_result", "true", "valid_from", "date'2020-01-01'"));
        silver("units", row("unit_code", "'U1'", "current_unit_code", "'U9'"), row("unit_code", "'U2'", "current_unit_code", "'U2'"));
        silver("civil_servants", row("applicant_key", "'K3'", "unit_code", "'U2'"));
        assertThat(run("int_dossier_facts", "dossier_id", "sector_code", "unit_current_code", "service_level", "is_online",
                "is_full_online_service", "eligible_full_online", "is_paper_free_procedure", "is_civil_servant", "end_date",
                "is_late", "cast(processing_days as double)")).containsExactly(
                "[D1,S1,U9,TOAN_TRINH,true,true,true,true,false,2024-03-05,false,1.5]",
                "[D3,S9,U2,null,false,false,false,false,true,2024-07-10,true,null]");
    }

    @Test
    void feedbackInputs() {
        silver("feedback",
                row("feedback_id", "'F1'", "unit_code", "'U1'", "deadline_at", "timestamp'2024-03-10 17:00:00'",
                        "answered_at", "timestamp'2024-03-09 10:00:00'", "is_published", "true", "year", "2024", "month", "3"),
                // unanswered, deadline before the as-of date: late
                row("feedback_id", "'F2'", "unit_code", "'U1'", "deadline_at", "timestamp'2024-03-12 17:00:00'",
                        "is_published", "false", "year", "2024", "month", "3"),
                // no deadline: on time
                row("feedback_id", "'F3'", "unit_code", "'U2'", "is_published", "false", "year", "2024", "month", "3"));
        silver("units", row("unit_code", "'U1'", "current_unit_code", "'U9'"));
        assertThat(run("int_feedback_inputs", "year", "month", "unit_code", "unit_current_code", "kpi_code", "numerator", "denominator"))
                .containsExactly(
                        "[2024,3,U1,U9,feedback_on_time_rate,1,2]",
                        "[2024,3,U1,U9,feedback_published_rate,1,2]",
                        "[2024,3,U2,U2,feedback_on_time_rate,1,1]",
                        "[2024,3,U2,U2,feedback_published_rate,0,1]");
    }

    @Test
    void processingTimeComparison() {
        List<Map<String, String>> facts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            facts.add(row("year", "2024", "procedure_code", "'P1'", "channel", "'ONLINE'", "is_finished", "true"));
            facts.add(row("year", "2024", "procedure_code", "'P1'", "channel", "'IN_PERSON'", "is_finished", "true"));
            facts.add(row("year", "2024", "procedure_code", "'P2'", "channel", "'IN_PERSON'", "is_finished", "true"));
            if (i < 19) { // P2 has 19 finished online dossiers: below 20, not compared
                facts.add(row("year", "2024", "procedure_code", "'P2'", "channel", "'ONLINE'", "is_finished", "true"));
            }
        }
        facts.add(row("year", "2024", "procedure_code", "'P1'", "channel", "'ONLINE'", "is_finished", "false"));
        model("int_dossier_facts", facts.toArray(Map[]::new));
        model("int_processing_medians",
                row("year", "2024", "scope_type", "'province'", "scope_code", "'52'", "channel", "'ONLINE'", "procedure_code", "'P1'", "median_days", "2.0"),
                row("year", "2024", "scope_type", "'province'", "scope_code", "'52'", "channel", "'IN_PERSON'", "procedure_code", "'P1'", "median_days", "4.0"),
                row("year", "2024", "scope_type", "'unit'", "scope_code", "'U1'", "channel", "'ALL'", "procedure_code", "'P1'", "median_days", "9.0"));
        assertThat(run("fct_processing_time_comparison", "year", "procedure_code", "finished_online", "finished_in_person",
                "median_days_online", "median_days_in_person", "reduction"))
                .containsExactly("[2024,P1,20,20,2.0,4.0,0.5]");
    }

    @Test
    void catalogCoverage() {
        model("int_dossier_facts",
                row("year", "2024", "procedure_code", "'P1'", "is_online", "true"),
                row("year", "2024", "procedure_code", "'P2'", "is_online", "false"),
                row("year", "2023", "procedure_code", "'P2'", "is_online", "false"));
        silver("procedures",
                row("procedure_code", "'P1'", "service_level", "'TOAN_TRINH'", "eligible_full_online", "true", "valid_from", "date'2020-01-01'"),
                row("procedure_code", "'P2'", "service_level", "'MOT_PHAN'", "eligible_full_online", "true", "valid_from", "date'2020-01-01'"),
                // ended before the 2024 as-of date (10 July): counted in 2023 only
                row("procedure_code", "'P3'", "service_level", "'KHONG'", "eligible_full_online", "false", "valid_from", "date'2020-01-01'",
                        "valid_to", "date'2024-06-30'"));
        assertThat(run("fct_catalog_coverage", "year", "as_of_date", "procedures_valid", "full_online", "partly_online", "not_online",
                "with_dossiers", "online_services", "online_services_used", "eligible_full_online", "eligible_offered_full_online",
                "online_services_used_share", "full_online_coverage")).containsExactly(
                "[2023,2023-12-31,3,1,1,1,1,2,0,2,1,0.0,0.5]",
                "[2024,2024-07-10,2,1,1,0,2,2,1,2,1,0.5,0.5]");
    }

    @Test
    void kpiDerived() {
        model("fct_processing_time_comparison",
                row("year", "2024", "procedure_code", "'P1'", "reduction", "0.5"),
                row("year", "2024", "procedure_code", "'P2'", "reduction", "0.1"),
                row("year", "2024", "procedure_code", "'P3'", "reduction", "0.2"),
                row("year", "2024", "procedure_code", "'P4'"));
        model("fct_catalog_coverage", row("year", "2024", "eligible_offered_full_online", "3", "eligible_full_online", "4"));
        assertThat(run("fct_kpi_derived", "year", "period_type", "period", "scope_type", "scope_code", "kpi_code", "numerator",
                "denominator", "precomputed_value")).containsExactly(
                "[2024,Y,2024,province,52,full_online_coverage,3,4,null]",
                "[2024,Y,2024,province,52,time_reduction_median,null,null,0.2]");
    }

    @Test
    void kpiSumsAllUnionsByName() {
        model("fct_kpi_sums", row("year", "2024", "period_type", "'Y'", "period", "'2024'", "scope_type", "'province'",
                "scope_code", "'52'", "kpi_code", "'online_rate'", "numerator", "1", "denominator", "2"));
        // the derived sums with their columns in another order: still matched by name
        spark.sql("select 'time_reduction_median' as kpi_code, 0.25D as precomputed_value, 2024 as year, 'Y' as period_type, "
                + "'2024' as period, 'province' as scope_type, '52' as scope_code, cast(null as bigint) as denominator, "
                + "cast(null as bigint) as numerator").createOrReplaceTempView("fct_kpi_derived");
        assertThat(run("fct_kpi_sums_all", "*")).containsExactly(
                "[2024,Y,2024,province,52,online_rate,1,2,null]",
                "[2024,Y,2024,province,52,time_reduction_median,null,null,0.25]");
    }

    /** The value rule of kpi_values, as gold kpi applies it: ratio, count, median, zero denominator, min_n. */
    @Test
    void kpiAppliesTheValueRule() {
        minN();
        model("fct_kpi_sums_all",
                kpi("online_rate", "3", "4", null),
                kpi("received", "7", null, null),
                kpi("time_reduction_median", null, null, "0.25"),
                kpi("e_result_rate", "0", "0", null),
                kpi("satisfaction_rate", "28", "29", null),
                kpi("feedback_on_time_rate", "0", "1", null));
        assertThat(run("fct_kpi", "kpi_code", "numerator", "denominator", "value", "suppressed")).containsExactly(
                "[e_result_rate,0,0,null,true]",
                "[feedback_on_time_rate,0,1,0.0,false]",
                "[online_rate,3,4,0.75,false]",
                "[received,7,null,7.0,false]",
                "[satisfaction_rate,28,29,null,true]",
                "[time_reduction_median,null,null,0.25,false]");
    }

    /** The same rule (one text) on the priority sums' grain. */
    @Test
    void priorityValuesApplyTheSameRule() {
        minN();
        model("fct_priority_sums",
                priority("P1", "satisfaction_rate", "30", "30"),
                priority("P2", "satisfaction_rate", "1", "2"),
                priority("P1", "received", "30", null));
        assertThat(run("fct_priority_values", "procedure_code", "kpi_code", "numerator", "denominator", "value", "suppressed"))
                .containsExactly(
                        "[P1,received,30,null,30.0,false]",
                        "[P1,satisfaction_rate,30,30,1.0,false]",
                        "[P2,satisfaction_rate,1,2,null,true]");
    }

    @Test
    void procedurePriority() {
        List<Map<String, String>> values = new ArrayList<>();
        // P1 8 of 10 received: rank 1, in the 80%; P2 2: rank 2, cum_share - share = 0.8, not in it
        values.add(priorityValue("P1", "received", "8", null, "8.0"));
        values.add(priorityValue("P1", "paper_parallel_rate", "1", "8", "0.125"));
        values.add(priorityValue("P1", "satisfaction_rate", "9", "10", "0.9"));
        values.add(priorityValue("P2", "received", "2", null, "2.0"));
        values.add(priorityValue("P2", "paper_parallel_rate", "0", "2", "0.0"));
        values.add(priorityValue("P2", "satisfaction_rate", "1", "2", null));
        model("fct_priority_values", values.toArray(Map[]::new));
        model("int_processing_medians",
                row("year", "2024", "scope_type", "'province'", "scope_code", "'52'", "channel", "'ALL'", "procedure_code", "'P1'", "median_days", "3.5"),
                row("year", "2024", "scope_type", "'province'", "scope_code", "'52'", "channel", "'ONLINE'", "procedure_code", "'P1'", "median_days", "1.0"));
        silver("procedures",
                row("procedure_code", "'P1'", "procedure_name", "'Một'", "sector_code", "'S1'", "service_level", "'MOT_PHAN'",
                        "eligible_full_online", "true", "reengineered_on", "date'2024-05-01'", "valid_from", "date'2020-01-01'"),
                row("procedure_code", "'P2'", "procedure_name", "'Hai'", "sector_code", "'S2'", "service_level", "'TOAN_TRINH'",
                        "eligible_full_online", "true", "valid_from", "date'2020-01-01'"));
        assertThat(run("fct_procedure_priority", "procedure_code", "procedure_name", "received", "rank", "share", "cum_share",
                "in_pareto_80", "reengineered", "paper_parallel_rate", "satisfaction_rate", "median_processing_days",
                "upgrade_candidate", "paper_hotspot", "low_satisfaction")).containsExactly(
                "[P1,Một,8,1,0.8,0.8,true,true,0.125,0.9,3.5,true,true,false]",
                "[P2,Hai,2,2,0.2,1.0,false,false,0.0,null,null,false,false,false]");
        // each rate's counts beside it; a suppressed rate keeps them (P2's 1 of 2 ratings); a rate with no sums has none
        assertThat(run("fct_procedure_priority", "procedure_code", "paper_parallel_numerator", "paper_parallel_denominator",
                "satisfaction_numerator", "satisfaction_denominator", "online_numerator", "online_denominator")).containsExactly(
                "[P1,1,8,9,10,null,null]",
                "[P2,0,2,1,2,null,null]");
    }

    private static void minN() {
        spark.sql("select 'satisfaction_rate' as kpi_code, 30 as min_n").createOrReplaceTempView("config_kpi_min_n");
    }

    private static Map<String, String> kpi(String code, String num, String den, String precomputed) {
        Map<String, String> r = row("year", "2024", "period_type", "'Y'", "period", "'2024'", "scope_type", "'province'",
                "scope_code", "'52'", "kpi_code", "'" + code + "'");
        put(r, "numerator", num);
        put(r, "denominator", den);
        put(r, "precomputed_value", precomputed);
        return r;
    }

    private static Map<String, String> priority(String procedure, String code, String num, String den) {
        Map<String, String> r = row("year", "2024", "scope_type", "'province'", "scope_code", "'52'", "procedure_code",
                "'" + procedure + "'", "kpi_code", "'" + code + "'");
        put(r, "numerator", num);
        put(r, "denominator", den);
        return r;
    }

    private static Map<String, String> priorityValue(String procedure, String code, String num, String den, String value) {
        Map<String, String> r = priority(procedure, code, num, den);
        put(r, "value", value);
        r.put("suppressed", value == null ? "true" : "false");
        return r;
    }

    private static void put(Map<String, String> row, String column, String value) {
        if (value != null) {
            row.put(column, value);
        }
    }
}
