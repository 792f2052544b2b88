package vn.hoso.marts;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import vn.hoso.SparkTestBase;
import vn.hoso.io.ModelSpec;
import vn.hoso.io.TableSpec;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Decision 766 counts (docs/index766.md), each model run alone on hand-computed rows: the on-time rule
 * late_766 of int_index766_dossiers, and the numerators and denominators of fct_index766_counts.
 */
class Index766CountsTest extends SparkTestBase {

    private static Map<String, Object> params(LocalDate asOf, Object... switches) {
        Map<String, Object> p = new HashMap<>(vn.hoso.index766.Index766Profile.load(vn.hoso.index766.Index766Profile.DEFAULT).parameters());
        p.put("as_of", asOf);
        p.put("province_code", "52");
        p.put("default_min_n", 1);
        for (int i = 0; i < switches.length; i += 2) {
            p.put((String) switches[i], switches[i + 1]);
        }
        return p;
    }

    private static void view(String name, List<StructField> fields, List<Map<String, String>> rows) {
        List<String> selects = new ArrayList<>();
        for (Map<String, String> row : rows) {
            assertThat(fields.stream().map(StructField::name).toList()).as("columns of %s", name).containsAll(row.keySet());
            List<String> cols = new ArrayList<>();
            for (StructField f : fields) {
                cols.add("cast(" + row.getOrDefault(f.name(), "null") + " as " + f.dataType().sql() + ") as " + f.name());
            }
            selects.add("select " + String.join(", ", cols));
        }
        if (selects.isEmpty()) {
            List<String> cols = fields.stream().map(f -> "cast(null as " + f.dataType().sql() + ") as " + f.name()).toList();
            selects.add("select " + String.join(", ", cols) + " where false");
        }
        spark.sql(String.join(" union all ", selects)).createOrReplaceTempView(name);
    }

    @SafeVarargs
    private static void silver(String table, Map<String, String>... rows) {
        view("silver_" + table, Arrays.asList(TableSpec.load("silver", table).sparkSchema().fields()), List.of(rows));
    }

    private static void model(String name, List<Map<String, String>> rows) {
        List<StructField> fields = new ArrayList<>();
        for (TableSpec.Column c : ModelSpec.all().get(name).columns()) {
            fields.add(new StructField(c.name(), TableSpec.sparkType(c.type()), true, Metadata.empty()));
        }
        view(name, fields, rows);
        if (name.equals("int_dossier_facts")) {
            // the proxy pairs' receipt days come from silver dossiers (with the year before): the same dossiers here
            // (every row of int_dossier_facts is received: its receipt time and a received status, whatever the fixture left null)
            spark.sql("select unit_code, procedure_code, received_date, coalesce(received_at, timestamp(received_date)) as received_at,"
                    + " coalesce(status, 2) as status from int_dossier_facts")
                    .createOrReplaceTempView("silver_dossiers_from_prior_year");
        }
    }

    private static Map<String, String> row(String... kv) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            out.put(kv[i], kv[i + 1]);
        }
        return out;
    }

    // ---- late_766 ---------------------------------------------------------------------------------------------

    /** A received dossier of int_dossier_facts: unit U1, procedure P1, in person, with the given columns. */
    private static Map<String, String> fact(String id, String received, int status, String... kv) {
        Map<String, String> r = row("dossier_id", "'" + id + "'", "unit_code", "'U1'", "unit_current_code", "'U1'",
                "procedure_code", "'P1'", "status", String.valueOf(status), "received_at", "timestamp'" + received + "'",
                "received_date", "date'" + received.substring(0, 10) + "'", "supplement_count", "0", "supplement_seconds", "0",
                "is_online", "false");
        r.putAll(row(kv));
        return r;
    }

    private static final LocalDate AS_OF = LocalDate.of(2024, 7, 10);

    private static List<Map<String, String>> lateFixture() {
        return List.of(
                // finished on its due date: on time; the day after: late
                fact("A1", "2024-06-03 09:00:00", 10, "due_at", "timestamp'2024-06-10 17:00:00'", "finished_at", "timestamp'2024-06-10 20:00:00'"),
                fact("A2", "2024-06-03 09:00:00", 10, "due_at", "timestamp'2024-06-10 17:00:00'", "finished_at", "timestamp'2024-06-11 08:00:00'"),
                // awaiting a supplement, its request pending: ends at the request (06-05), before the due date
                fact("A3", "2024-06-03 09:00:00", 5, "due_at", "timestamp'2024-06-07 17:00:00'", "supplement_count", "1",
                        "last_supplement_requested_at", "timestamp'2024-06-05 10:00:00'"),
                // two requests, the last pending (status 5): late under both scopes
                fact("A4", "2024-06-03 09:00:00", 5, "due_at", "timestamp'2024-06-30 17:00:00'", "supplement_count", "2",
                        "last_supplement_requested_at", "timestamp'2024-06-05 10:00:00'"),
                // two requests, both answered, finished before the due date: late only with scope 'all'
                fact("A5", "2024-06-03 09:00:00", 10, "due_at", "timestamp'2024-06-10 17:00:00'", "finished_at", "timestamp'2024-06-08 10:00:00'",
                        "supplement_count", "2", "last_supplement_requested_at", "timestamp'2024-06-04 10:00:00'",
                        "last_supplement_answered_at", "timestamp'2024-06-05 10:00:00'", "supplement_seconds", "86400"),
                // finished 2 days late after a 3-day supplement: late, on time when supplement time is subtracted
                fact("A6", "2024-06-03 09:00:00", 10, "due_at", "timestamp'2024-06-10 17:00:00'", "finished_at", "timestamp'2024-06-12 12:00:00'",
                        "supplement_count", "1", "last_supplement_requested_at", "timestamp'2024-06-04 09:00:00'",
                        "last_supplement_answered_at", "timestamp'2024-06-07 09:00:00'", "supplement_seconds", "259200"),
                // open, due 07-05: the month and the quarter end on 06-30 (on time), the year at the as-of date 07-10 (late)
                fact("A7", "2024-06-20 09:00:00", 4, "due_at", "timestamp'2024-07-05 17:00:00'"),
                // no due date, 3 working days allowed, received Thursday 06-13, 06-17 (Monday) a holiday:
                // finished Wednesday 06-19 = 14, 18, 19 = 3 working days (on time); Thursday 06-20 = 4 (late)
                fact("A8", "2024-06-13 09:00:00", 10, "deadline_days", "3", "finished_at", "timestamp'2024-06-19 16:00:00'"),
                fact("A9", "2024-06-13 09:00:00", 10, "deadline_days", "3", "finished_at", "timestamp'2024-06-20 16:00:00'"),
                // neither a due date nor a deadline: on time, undetermined
                fact("A10", "2024-06-13 09:00:00", 4));
    }

    private static List<String> late(Map<String, Object> params) {
        model("int_dossier_facts", lateFixture());
        silver("holidays", row("holiday_date", "date'2024-06-17'", "holiday_name", "'Holiday'"),
                row("holiday_date", "date'2024-09-02'", "holiday_name", "'Other'"));
        Dataset<Row> out = SqlModels.run(spark, "int_index766_dossiers", params);
        ModelDataTest.assertKey(ModelSpec.all().get("int_index766_dossiers"), out);
        return out.selectExpr("dossier_id", "period_type", "period", "is_late_766", "late_766_undetermined", "working_days",
                "cast(end_at as string)").collectAsList().stream().map(Row::toString).sorted().toList();
    }

    @Test
    void late766RulesAtTheDefaults() {
        List<String> rows = late(params(AS_OF));
        assertThat(rows.stream().filter(r -> r.contains(",M,")).toList()).containsExactly(
                "[A1,M,2024-06,false,false,null,2024-06-10 20:00:00]",
                "[A10,M,2024-06,false,true,null,2024-06-30 00:00:00]",
                "[A2,M,2024-06,true,false,null,2024-06-11 08:00:00]",
                "[A3,M,2024-06,false,false,null,2024-06-05 10:00:00]",
                "[A4,M,2024-06,true,false,null,2024-06-05 10:00:00]",
                "[A5,M,2024-06,false,false,null,2024-06-08 10:00:00]",
                "[A6,M,2024-06,true,false,null,2024-06-12 12:00:00]",
                "[A7,M,2024-06,false,false,null,2024-06-30 00:00:00]",
                "[A8,M,2024-06,false,false,3,2024-06-19 16:00:00]",
                "[A9,M,2024-06,true,false,4,2024-06-20 16:00:00]");
        // the open dossier: the quarter ends 06-30, the year at the as-of date, after its due date
        assertThat(rows).contains("[A7,Q,2024-Q2,false,false,null,2024-06-30 00:00:00]",
                "[A7,Y,2024,true,false,null,2024-07-10 00:00:00]", "[A10,Y,2024,false,true,null,2024-07-10 00:00:00]");
    }

    @Test
    void late766Switches() {
        List<String> all = late(params(AS_OF, "supplement_gt1_scope", "all", "subtract_supplement_time", true));
        assertThat(all).contains(
                "[A4,M,2024-06,true,false,null,2024-06-05 10:00:00]",
                // both answered: late under 'all'; its 1 day of supplement moved the end back
                "[A5,M,2024-06,true,false,null,2024-06-07 10:00:00]",
                // 3 days of supplement subtracted: ends 06-09, before its due date
                "[A6,M,2024-06,false,false,null,2024-06-09 12:00:00]");
    }

    private static List<String> flags(Map<String, Object> params) {
        model("int_dossier_facts", List.of(
                // e-result of a procedure without a paper result; fees 0 but paid online; a fee procedure with an all-zero list
                fact("B1", "2024-06-03 09:00:00", 10, "finished_at", "timestamp'2024-06-04 09:00:00'", "has_e_result", "true",
                        "is_paper_result_procedure", "false", "fee_total", "0", "paid_online", "true", "has_fee", "true",
                        "fee_list_all_zero", "true", "has_documents", "true", "rating", "2"),
                // e-result of a paper-result procedure; fees synced, not paid online; rated 1 (not satisfied)
                fact("B2", "2024-06-03 09:00:00", 10, "finished_at", "timestamp'2024-06-04 09:00:00'", "has_e_result", "true",
                        "is_paper_result_procedure", "true", "fee_total", "100", "paid_online", "false", "has_fee", "true",
                        "fee_list_all_zero", "false", "is_vneid", "true", "rating", "1"),
                // on time, no rating, but has feedback: not satisfied for 5.4
                fact("B3", "2024-06-03 09:00:00", 10, "finished_at", "timestamp'2024-06-04 09:00:00'", "has_feedback", "true",
                        "from_personal_store", "true")));
        silver("holidays");
        return SqlModels.run(spark, "int_index766_dossiers", params).where("period_type = 'M'")
                .selectExpr("dossier_id", "has_e_result_766", "is_fee_synced", "is_fee_dossier", "is_digitized_with_result",
                        "uses_citizen_data", "is_satisfied_766")
                .collectAsList().stream().map(Row::toString).sorted().toList();
    }

    @Test
    void dossierFlagsAndTheirSwitches() {
        assertThat(flags(params(AS_OF))).containsExactly(
                "[B1,true,false,false,true,false,true]",
                "[B2,true,true,true,false,true,false]",
                "[B3,false,false,false,false,true,false]");
        assertThat(flags(params(AS_OF, "e_result_requires_paper_result", true, "fee_synced_numerator", "paid_on_portal"))).containsExactly(
                "[B1,false,true,false,true,false,true]",
                "[B2,true,false,true,false,true,false]",
                "[B3,false,false,false,false,true,false]");
    }

    // ---- counts -------------------------------------------------------------------------------------------------

    /** One dossier of int_index766_dossiers in its three period types; flags not given are false. */
    private static List<Map<String, String>> dossier(String id, String unit, String procedure, int month, String... flags) {
        List<Map<String, String>> out = new ArrayList<>();
        String m = String.format("2024-%02d", month);
        LocalDate mEnd = LocalDate.of(2024, month, 1).plusMonths(1).minusDays(1);
        String[][] periods = {{"M", m, mEnd.toString()}, {"Q", "2024-Q3", "2024-09-30"}, {"Y", "2024", "2024-12-31"}};
        for (String[] p : periods) {
            Map<String, String> r = row("period_type", "'" + p[0] + "'", "period", "'" + p[1] + "'", "period_end", "date'" + p[2] + "'",
                    "dossier_id", "'" + id + "'", "unit_code", "'" + unit + "'", "unit_current_code", unit.equals("U2") ? "'U9'" : "'" + unit + "'",
                    "procedure_code", "'" + procedure + "'", "status", "4");
            for (String f : List.of("is_late_766", "is_finished", "is_online", "is_fee_dossier", "is_paid_online", "is_fee_synced",
                    "has_e_result_766", "is_digitized_with_result", "is_digitized", "from_personal_store", "uses_citizen_data",
                    "is_satisfied_766")) {
                r.put(f, "false");
            }
            for (String f : flags) {
                String[] kv = f.split("=");
                r.put(kv[0], kv.length > 1 ? kv[1] : "true");
            }
            out.add(r);
        }
        return out;
    }

    private static void countsFixture() {
        List<Map<String, String>> d = new ArrayList<>();
        // July
        d.addAll(dossier("d1", "U1", "P1", 7, "is_online", "is_fee_dossier", "is_paid_online", "is_fee_synced", "has_e_result_766",
                "is_satisfied_766", "is_finished", "processing_days=1.0"));
        d.addAll(dossier("d2", "U1", "P1", 7, "is_late_766", "is_fee_dossier"));
        d.addAll(dossier("d3", "U2", "P2", 7, "is_online", "is_digitized", "uses_citizen_data", "is_satisfied_766"));
        // August
        d.addAll(dossier("d4", "U1", "P3", 8, "is_late_766", "is_fee_dossier", "is_paid_online"));
        d.addAll(dossier("d5", "U2", "P2", 8, "from_personal_store", "uses_citizen_data", "is_satisfied_766"));
        d.addAll(dossier("d6", "U2", "P1", 8, "is_finished", "processing_days=2.0"));
        d.addAll(dossier("d7", "U2", "P1", 8));
        model("int_index766_dossiers", d);
        // the days the pairs received a dossier (the proxy of unit_procedures): (U2, P3) in October 2023 is within
        // 12 months of every 2024 period; (U1, P2) in August 2023 is not, for Q3
        List<Map<String, String>> facts = new ArrayList<>();
        String[][] receipts = {{"U1", "P1", "2024-07-02"}, {"U1", "P3", "2024-08-05"}, {"U2", "P2", "2024-07-03"},
                {"U2", "P1", "2024-08-06"}, {"U2", "P3", "2023-10-05"}, {"U1", "P2", "2023-08-15"}};
        for (String[] r : receipts) {
            facts.add(row("unit_code", "'" + r[0] + "'", "unit_current_code", r[0].equals("U2") ? "'U9'" : "'" + r[0] + "'",
                    "procedure_code", "'" + r[1] + "'", "received_date", "date'" + r[2] + "'"));
        }
        model("int_dossier_facts", facts);
        silver("units", row("unit_code", "'U1'", "current_unit_code", "'U1'"), row("unit_code", "'U2'", "current_unit_code", "'U9'"));
        silver("feedback",
                // answered by its deadline but not satisfied: on time (5.2), not 5.3
                row("feedback_id", "'F1'", "unit_code", "'U1'", "received_at", "timestamp'2024-07-04 10:00:00'",
                        "deadline_at", "timestamp'2024-07-14 17:00:00'", "answered_at", "timestamp'2024-07-10 10:00:00'", "is_satisfied", "false"),
                // unanswered, due 09-15: on time for August (ends 08-31), late for the quarter (ends at the as-of date 09-30)
                row("feedback_id", "'F2'", "unit_code", "'U2'", "received_at", "timestamp'2024-08-20 10:00:00'",
                        "deadline_at", "timestamp'2024-09-15 17:00:00'"));
    }

    private static void procedures(String p1Citizens, String p2Citizens) {
        silver("procedures",
                row("procedure_code", "'P1'", "service_level", "'TOAN_TRINH'", "has_fee", "true", "for_citizens", p1Citizens, "valid_from", "date'2020-01-01'"),
                // P2 was not online until a new catalogue row from 2024-09-01: online for Q3 (read on 09-30), not for July
                row("procedure_code", "'P2'", "service_level", "'KHONG'", "has_fee", "false", "for_citizens", p2Citizens,
                        "valid_from", "date'2020-01-01'", "valid_to", "date'2024-08-31'"),
                row("procedure_code", "'P2'", "service_level", "'MOT_PHAN'", "has_fee", "false", "for_citizens", p2Citizens, "valid_from", "date'2024-09-01'"),
                row("procedure_code", "'P3'", "service_level", "'KHONG'", "has_fee", "true", "for_citizens", "null", "valid_from", "date'2020-01-01'"));
    }

    private static Dataset<Row> counts() {
        Dataset<Row> out = SqlModels.run(spark, "fct_index766_counts", params(LocalDate.of(2024, 9, 30)));
        out.createOrReplaceTempView("counts_out");
        // unique on the whole grain (the child codes are null on total rows, so the YAML declares no key)
        assertThat(spark.sql("select period_type, period, scope_type, scope_code, child_type, child_unit_code, child_procedure_code,"
                + " indicator_code, count(*) from counts_out group by all having count(*) > 1").count()).isZero();
        return out;
    }

    private static List<String> select(String where) {
        return spark.sql("select indicator_code, numerator, denominator, proxy from counts_out where " + where)
                .collectAsList().stream().map(Row::toString).sorted().toList();
    }

    @Test
    void countsWithoutUnitProcedures() {
        countsFixture();
        procedures("null", "null");
        silver("unit_procedures");
        counts();
        // the province's quarter, pooled from its seven dossiers; procedures in scope: the pairs received in the
        // 12 months to 09-30: (U1,P1), (U1,P3), (U2,P1), (U2,P2), (U2,P3); P2 online by its row valid on 09-30
        assertThat(select("period = '2024-Q3' and scope_type = 'province' and child_type = 'total'")).containsExactly(
                "[2.1,5.0,7.0,false]",
                "[2.2,3.0,2.0,false]",
                "[3.1,2.0,3.0,true]",      // P1, P2 of P1, P2, P3
                "[3.2,2.0,3.0,true]",      // online pairs (U1,P1), (U2,P1), (U2,P2); used: (U1,P1) d1, (U2,P2) d3
                "[3.3,2.0,7.0,false]",
                "[3.5,1.0,2.0,true]",      // fee procedures P1, P3: P1 synced (d1)
                "[3.5b,2.0,2.0,true]",     // P1 (d1), P3 (d4) paid online
                "[3.6,2.0,3.0,false]",     // d1, d2, d4; paid d1, d4
                "[4.1,1.0,7.0,false]",
                "[4.2,0.0,7.0,false]",
                "[4.3,1.0,7.0,false]",
                "[4.4,1.0,7.0,false]",
                "[4.5a,1.0,3.0,true]",     // for_citizens unknown: all three; P2 has citizen data (d3, d5)
                "[4.5b,2.0,7.0,false]",
                "[5.2,1.0,2.0,false]",     // F2 past its deadline on 09-30
                "[5.3,0.0,2.0,false]",
                "[5.4,3.0,7.0,false]",
                "[cohort,7.0,7.0,false]");
        // Q pooled (5/7) is not the mean of its months (2/3 and 3/4)
        assertThat(select("period_type = 'M' and scope_type = 'province' and child_type = 'total' and indicator_code = '2.1'"))
                .containsExactly("[2.1,2.0,3.0,false]", "[2.1,3.0,4.0,false]");
        // August's feedback: F2 not yet due at the month's end
        assertThat(select("period = '2024-08' and scope_type = 'province' and child_type = 'total' and indicator_code in ('5.2', '5.3')"))
                .containsExactly("[5.2,1.0,1.0,false]", "[5.3,1.0,1.0,false]");
        // July: P2 not yet online (its row valid on 07-31), so 3.1 = P1 of P1, P2, P3 (P3 received 2023-10)
        assertThat(select("period = '2024-07' and scope_type = 'province' and child_type = 'total' and indicator_code = '3.1'"))
                .containsExactly("[3.1,1.0,3.0,true]");
        // the unit as it is (U2 -> U9): d3, d5, d6, d7; no 3.1 at unit scopes; U1 has no feedback in August: 0 / 0
        assertThat(select("period = '2024-Q3' and scope_type = 'unit_current' and scope_code = 'U9' and child_type = 'total'"
                + " and indicator_code in ('cohort', '2.1', '3.1', '3.2', '4.5b')"))
                .containsExactly("[2.1,4.0,4.0,false]", "[3.2,1.0,2.0,true]", "[4.5b,2.0,4.0,false]", "[cohort,4.0,4.0,false]");
        assertThat(select("period = '2024-08' and scope_type = 'unit' and scope_code = 'U1' and child_type = 'total'"
                + " and indicator_code in ('5.2', '5.3')")).containsExactly("[5.2,0.0,0.0,false]", "[5.3,0.0,0.0,false]");
        // feedback has no procedure children
        assertThat(select("indicator_code in ('5.2', '5.3') and child_type in ('procedure', 'unit_procedure')")).isEmpty();
        // the children of the additive dossier indicators sum to the scope's total
        for (String child : List.of("unit", "procedure", "unit_procedure")) {
            assertThat(spark.sql("select t.period, t.indicator_code, t.numerator, t.denominator, sum(c.numerator), sum(c.denominator)"
                    + " from counts_out t join counts_out c on c.period = t.period and c.period_type = t.period_type"
                    + " and c.scope_type = t.scope_type and c.scope_code = t.scope_code and c.indicator_code = t.indicator_code"
                    + " and c.child_type = '" + child + "'"
                    + " where t.child_type = 'total' and t.scope_type = 'province'"
                    + " and t.indicator_code in ('2.1', '2.2', '3.3', '3.6', '4.1', '4.2', '4.3', '4.4', '4.5b', '5.4', 'cohort')"
                    + " group by all having t.numerator <> sum(c.numerator) or t.denominator <> sum(c.denominator)").count())
                    .as("children %s", child).isZero();
        }
        assertThat(spark.sql("select * from counts_out where scope_type = 'province' and child_type = 'unit' and indicator_code = 'cohort'"
                + " and period = '2024-Q3'").count()).isEqualTo(2);
    }

    @Test
    void countsWithUnitProceduresAndCitizenFlags() {
        countsFixture();
        procedures("false", "true");
        silver("unit_procedures", row("unit_code", "'U1'", "procedure_code", "'P1'"), row("unit_code", "'U1'", "procedure_code", "'P2'"),
                row("unit_code", "'U2'", "procedure_code", "'P2'"));
        counts();
        // procedures in scope P1, P2: both online on 09-30; pairs (U1,P1) used (d1), (U1,P2) not, (U2,P2) used (d3)
        assertThat(select("period = '2024-Q3' and scope_type = 'province' and child_type = 'total'"
                + " and indicator_code in ('3.1', '3.2', '3.5', '3.5b', '4.5a')")).containsExactly(
                "[3.1,2.0,2.0,false]",
                "[3.2,2.0,3.0,false]",
                "[3.5,1.0,1.0,false]",
                "[3.5b,1.0,1.0,false]",
                "[4.5a,1.0,1.0,false]");   // only P2 is for citizens, and has citizen data
        // U1's own: P1 used, P2 not; its procedure children one pair each
        assertThat(select("period = '2024-Q3' and scope_type = 'unit' and scope_code = 'U1' and indicator_code = '3.2'"))
                .containsExactly("[3.2,0.0,1.0,false]", "[3.2,1.0,1.0,false]", "[3.2,1.0,2.0,false]");
    }
}
