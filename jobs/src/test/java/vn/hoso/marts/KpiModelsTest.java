package vn.hoso.marts;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import vn.hoso.SparkTestBase;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.hoso.marts.KpiFixtures.pair;

/**
 * Golden tests of the registry-generated KPI models, each run alone on hand-made rows: int_kpi_inputs
 * (facts -> wide sums), fct_kpi_sums (wide sums -> one row per period, scope and KPI, with feedback and
 * adoption) and fct_priority_sums (wide sums -> per-procedure rows of the priority list's KPIs).
 */
class KpiModelsTest extends SparkTestBase {
    private static final Map<String, Object> PARAMS = Map.of("province_code", "P", "as_of", java.time.LocalDate.of(2025, 12, 31));

    /** Hand-computed from KpiFixtures.goldenFacts: code -> "num/den" for group d1-d3, then for d4. */
    private static final String[][] GOLDEN_INPUTS = {
            {"received", "3/-", "1/-"},
            {"online_rate", "2/3", "1/1"},
            {"online_rate_dvctt", "2/3", "0/0"},
            {"full_online_rate", "1/2", "0/0"},
            {"full_online_share", "1/3", "0/1"},
            {"remote_rate", "1/2", "1/1"},
            {"assisted_rate", "1/2", "0/1"},
            {"paper_parallel_rate", "1/2", "0/1"},
            {"fully_electronic_rate", "1/2", "1/1"},
            // d4 has no fee at all: fee_total > 0 is null, so its denominator sum is null; "null and false" is false
            {"online_payment_rate", "1/2", "0/-"},
            {"digitization_rate", "2/3", "0/1"},
            {"reuse_rate", "2/3", "0/1"},
            {"e_result_rate", "1/2", "0/1"},
            {"on_time_rate", "2/3", "0/1"},
            {"late_online", "1/-", "1/-"},
            {"satisfaction_rate", "1/2", "1/1"},
            {"rating_coverage", "2/2", "1/1"},
            {"dossier_satisfaction_766", "1/3", "0/1"},
            {"civil_servant_in_person", "1/-", "0/-"},
    };

    @Test
    void intKpiInputsSumsEveryDossierKpiOfTheRegistry() {
        KpiFixtures.facts(spark, KpiFixtures.goldenFacts());
        List<Row> rows = SqlModels.run(spark, "int_kpi_inputs", PARAMS).orderBy("month").collectAsList();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).<Integer>getAs("month")).isEqualTo(3);
        assertThat(rows.get(1).<String>getAs("unit_code")).isEqualTo("U2");
        TreeSet<String> expectedColumns = new TreeSet<>(List.of("year", "month", "unit_code", "unit_current_code", "procedure_code", "sector_code"));
        for (String[] g : GOLDEN_INPUTS) {
            expectedColumns.add(g[0] + "__num");
            expectedColumns.add(g[0] + "__den");
            for (int i = 0; i < 2; i++) {
                assertThat(pair(rows.get(i).getAs(g[0] + "__num"), rows.get(i).getAs(g[0] + "__den")))
                        .as(g[0] + " in group " + (i + 1)).isEqualTo(g[i + 1]);
            }
        }
        assertThat(new TreeSet<>(Arrays.asList(rows.get(0).schema().fieldNames()))).isEqualTo(expectedColumns);
    }

    @Test
    void fctKpiSumsRollsUpEveryPeriodAndScope() {
        // r1: January, U1, procedure P1; r2: February, U2, no procedure; both in unit_current UC and sector S1
        KpiFixtures.wideInputs(spark, KpiCatalog.all(), List.of(
                new Object[]{2025, 1, "U1", "UC", "P1", "S1", 1L, 2L},
                new Object[]{2025, 2, "U2", "UC", null, "S1", 3L, 5L}));
        KpiFixtures.feedbackInputs(spark, List.<Object[]>of(
                new Object[]{2025, 1, "U1", "UC", "feedback_on_time_rate", 1L, 2L},
                new Object[]{2025, 3, "U1", "UC", "feedback_on_time_rate", 4L, 4L},
                new Object[]{2025, 1, "U1", "UC", "feedback_published_rate", 0L, 2L}));
        // adoption: c1 filed online in U1 and in person in U2; c2 in person in U2; a business and a keyless citizen do not count
        KpiFixtures.facts(spark, List.of(
                KpiFixtures.fact("applicant_key", "c1", "is_online", true),
                KpiFixtures.fact("applicant_key", "c1", "unit_code", "U2"),
                KpiFixtures.fact("applicant_key", "c2", "unit_code", "U2"),
                KpiFixtures.fact("applicant_key", "b1", "applicant_type", "BUSINESS", "is_online", true),
                KpiFixtures.fact("is_online", true)));
        Map<String, String> got = new TreeMap<>();
        for (Row r : SqlModels.run(spark, "fct_kpi_sums", PARAMS).collectAsList()) {
            String key = r.getAs("year") + " " + r.getAs("period_type") + " " + r.getAs("period") + " " + r.getAs("scope_type")
                    + " " + r.getAs("scope_code") + " " + r.getAs("kpi_code");
            assertThat(got.put(key, pair(r.getAs("numerator"), r.getAs("denominator")))).as("duplicate " + key).isNull();
            assertThat(r.<Object>getAs("precomputed_value")).isNull();
        }
        // the year's last month with data is March (feedback), so YTD 01..03. Dossier cells: Y 6, M 5 + 4, Q1 6,
        // YTD 5 + 6 + 6; feedback on time: 3 scopes x (Y, M01, M03, Q1, YTD 01..03), published 3 x (Y, M01, Q1, YTD 01..03);
        // adoption: 3 scopes x (Y, YTD 01..03)
        assertThat(got).hasSize(38 * 19 + 21 + 18 + 12);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("2025 Y 2025 province P online_rate", "4/7");
        expected.put("2025 Y 2025 province P received", "4/-");
        expected.put("2025 M 2025-01 province P on_time_rate", "1/2");
        expected.put("2025 M 2025-02 unit U2 satisfaction_rate", "3/5");
        expected.put("2025 Y 2025 unit_current UC late_online", "4/-");
        expected.put("2025 Y 2025 procedure P1 remote_rate", "1/2");
        expected.put("2025 M 2025-01 sector S1 civil_servant_in_person", "1/-");
        expected.put("2025 Y 2025 sector S1 dossier_satisfaction_766", "4/7");
        expected.put("2025 Y 2025 province P feedback_on_time_rate", "5/6");
        expected.put("2025 M 2025-03 unit U1 feedback_on_time_rate", "4/4");
        expected.put("2025 Y 2025 unit_current UC feedback_published_rate", "0/2");
        expected.put("2025 Y 2025 province P adoption_rate", "1/2");
        expected.put("2025 Y 2025 unit U1 adoption_rate", "1/1");
        expected.put("2025 Y 2025 unit U2 adoption_rate", "0/2");
        expected.put("2025 Q 2025-Q1 province P online_rate", "4/7");
        expected.put("2025 YTD 2025-01 province P online_rate", "1/2");
        expected.put("2025 YTD 2025-02 unit U2 received", "3/-");
        expected.put("2025 YTD 2025-01 unit U1 feedback_on_time_rate", "1/2");
        expected.put("2025 YTD 2025-03 unit U1 feedback_on_time_rate", "5/6");
        expected.put("2025 YTD 2025-02 province P adoption_rate", "1/2");
        expected.forEach((k, v) -> assertThat(got.get(k)).as(k).isEqualTo(v));
        // no procedure scope for the row without a procedure, no sector / procedure scope for feedback, adoption yearly only
        assertThat(got.keySet()).noneMatch(k -> k.contains("procedure null") || k.contains("M 2025-02 procedure"));
        assertThat(got.keySet()).noneMatch(k -> k.contains("feedback") && (k.contains(" sector ") || k.contains(" procedure ")));
        assertThat(got.keySet()).noneMatch(k -> (k.contains(" M ") || k.contains(" Q ")) && k.endsWith("adoption_rate"));
        TreeSet<String> receivedCells = new TreeSet<>();
        got.keySet().stream().filter(k -> k.endsWith(" received") && (k.startsWith("2025 Y ") || k.startsWith("2025 M "))).forEach(k -> receivedCells.add(k.substring(5, k.length() - 9)));
        assertThat(receivedCells).containsExactly(
                "M 2025-01 procedure P1", "M 2025-01 province P", "M 2025-01 sector S1", "M 2025-01 unit U1", "M 2025-01 unit_current UC",
                "M 2025-02 province P", "M 2025-02 sector S1", "M 2025-02 unit U2", "M 2025-02 unit_current UC",
                "Y 2025 procedure P1", "Y 2025 province P", "Y 2025 sector S1", "Y 2025 unit U1", "Y 2025 unit U2", "Y 2025 unit_current UC");
    }

    /** period -> "num/den" of one scope and KPI, from fct_kpi_sums rows. */
    private static Map<String, String> byPeriod(List<Row> rows, String scopeCode, String kpi) {
        Map<String, String> out = new TreeMap<>();
        rows.stream().filter(r -> scopeCode.equals(r.getAs("scope_code")) && kpi.equals(r.getAs("kpi_code")))
                .forEach(r -> out.put(r.getAs("period_type") + " " + r.getAs("period"), pair(r.getAs("numerator"), r.getAs("denominator"))));
        return out;
    }

    @Test
    void quartersAndYearsToDateAreSumsOfTheirMonths() {
        // U1 in January, February, April and December; U2 only in April
        KpiFixtures.wideInputs(spark, KpiCatalog.all(), List.of(
                new Object[]{2025, 1, "U1", "U1", "P1", "S1", 1L, 2L},
                new Object[]{2025, 2, "U1", "U1", "P1", "S1", 3L, 5L},
                new Object[]{2025, 4, "U1", "U1", "P1", "S1", 7L, 11L},
                new Object[]{2025, 12, "U1", "U1", "P1", "S1", 13L, 17L},
                new Object[]{2025, 4, "U2", "U2", "P1", "S1", 19L, 23L}));
        KpiFixtures.feedbackInputs(spark, List.<Object[]>of(new Object[]{2025, 6, "U1", "U1", "feedback_published_rate", 1L, 1L}));
        // c1: in person in February, online in May; c2: online in December; in U1
        KpiFixtures.facts(spark, List.of(
                KpiFixtures.fact("month", 2, "applicant_key", "c1"),
                KpiFixtures.fact("month", 5, "applicant_key", "c1", "is_online", true),
                KpiFixtures.fact("month", 12, "applicant_key", "c2", "is_online", true)));
        List<Row> rows = SqlModels.run(spark, "fct_kpi_sums", PARAMS).collectAsList();

        Map<String, String> u1 = byPeriod(rows, "U1", "on_time_rate");
        assertThat(u1).containsEntry("Q 2025-Q1", "4/7").containsEntry("Q 2025-Q2", "7/11").containsEntry("Q 2025-Q4", "13/17")
                .doesNotContainKey("Q 2025-Q3");
        assertThat(u1).containsEntry("YTD 2025-01", "1/2").containsEntry("YTD 2025-03", "4/7").containsEntry("YTD 2025-04", "11/18")
                .containsEntry("YTD 2025-11", "11/18").containsEntry("YTD 2025-12", "24/35").containsEntry("Y 2025", "24/35");
        Map<String, String> u2 = byPeriod(rows, "U2", "received");
        assertThat(u2).containsOnlyKeys("Y 2025", "M 2025-04", "Q 2025-Q2", "YTD 2025-04", "YTD 2025-05", "YTD 2025-06",
                "YTD 2025-07", "YTD 2025-08", "YTD 2025-09", "YTD 2025-10", "YTD 2025-11", "YTD 2025-12");
        assertThat(u2).containsEntry("YTD 2025-09", "19/-");
        assertThat(byPeriod(rows, "P", "feedback_published_rate")).containsOnly(Map.entry("Y 2025", "1/1"), Map.entry("M 2025-06", "1/1"),
                Map.entry("Q 2025-Q2", "1/1"), Map.entry("YTD 2025-06", "1/1"), Map.entry("YTD 2025-07", "1/1"), Map.entry("YTD 2025-08", "1/1"),
                Map.entry("YTD 2025-09", "1/1"), Map.entry("YTD 2025-10", "1/1"), Map.entry("YTD 2025-11", "1/1"), Map.entry("YTD 2025-12", "1/1"));
        Map<String, String> adoption = byPeriod(rows, "P", "adoption_rate");
        assertThat(adoption).containsEntry("YTD 2025-02", "0/1").containsEntry("YTD 2025-04", "0/1").containsEntry("YTD 2025-05", "1/1")
                .containsEntry("YTD 2025-11", "1/1").containsEntry("YTD 2025-12", "2/2").containsEntry("Y 2025", "2/2")
                .doesNotContainKey("YTD 2025-01").hasSize(12);
        // YTD of December is the year, for every KPI and scope
        Map<String, String> december = new TreeMap<>();
        Map<String, String> year = new TreeMap<>();
        for (Row r : rows) {
            String cell = r.getAs("scope_type") + " " + r.getAs("scope_code") + " " + r.getAs("kpi_code");
            if ("YTD".equals(r.getAs("period_type")) && "2025-12".equals(r.getAs("period"))) {
                december.put(cell, pair(r.getAs("numerator"), r.getAs("denominator")));
            } else if ("Y".equals(r.getAs("period_type"))) {
                year.put(cell, pair(r.getAs("numerator"), r.getAs("denominator")));
            }
        }
        assertThat(december).hasSize(year.size()).isEqualTo(year);
    }

    @Test
    void fctPrioritySumsHasThePriorityKpisPerProcedure() {
        KpiFixtures.wideInputs(spark, KpiCatalog.all(), List.of(
                new Object[]{2025, 1, "U1", "UC", "P1", "S1", 1L, 2L},
                new Object[]{2025, 2, "U2", "UC", "P1", "S1", 3L, 5L},
                new Object[]{2025, 2, "U2", "UC", null, "S1", 7L, 7L}));
        Map<String, String> got = new TreeMap<>();
        for (Row r : SqlModels.run(spark, "fct_priority_sums", PARAMS).collectAsList()) {
            got.put(r.getAs("year") + " " + r.getAs("scope_type") + " " + r.getAs("scope_code") + " " + r.getAs("procedure_code")
                    + " " + r.getAs("kpi_code"), pair(r.getAs("numerator"), r.getAs("denominator")));
        }
        Map<String, String> expected = new TreeMap<>();
        for (String kpi : List.of("received", "online_rate", "paper_parallel_rate", "on_time_rate", "satisfaction_rate")) {
            String sum = kpi.equals("received") ? "4/-" : "4/7";
            expected.put("2025 province P P1 " + kpi, sum);
            expected.put("2025 unit_current UC P1 " + kpi, sum);
            expected.put("2025 unit U1 P1 " + kpi, kpi.equals("received") ? "1/-" : "1/2");
            expected.put("2025 unit U2 P1 " + kpi, kpi.equals("received") ? "3/-" : "3/5");
        }
        assertThat(got).isEqualTo(expected);
    }
}
