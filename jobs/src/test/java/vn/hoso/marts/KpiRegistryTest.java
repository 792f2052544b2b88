package vn.hoso.marts;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import vn.hoso.SparkTestBase;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The KPI registry (sql/kpis.yml): a broken entry fails with one clear line; the kpi output holds exactly
 * the registry's codes, each for exactly its period types and scopes; and a rate KPI added as one registry
 * entry (a test resource) reaches the kpi output with its own numerator and denominator.
 */
class KpiRegistryTest extends SparkTestBase {
    private static final Map<String, Object> PARAMS = Map.of("province_code", "P", "as_of", java.time.LocalDate.of(2025, 12, 31),
            "default_min_n", 1);

    private static String entry(String code, String extra) {
        return "kpis:\n  - code: " + code + "\n    kind: rate\n    label_vi: x\n    label_en: x\n    facts: dossier\n"
                + "    period_types: [Y, Q, M, YTD]\n    scopes: [province, unit, unit_current, procedure, sector]\n" + extra;
    }

    @Test
    void aBadCodeFailsWithOneLine() {
        assertThatThrownBy(() -> KpiCatalog.parse(entry("Late-Rate", "    numerator: is_late\n    denominator: 'true'\n"), "t.yml"))
                .hasMessage("t.yml: KPI #1: code 'Late-Rate' must match [a-z][a-z0-9_]*");
    }

    @Test
    void aMissingNumeratorFailsWithOneLine() {
        assertThatThrownBy(() -> KpiCatalog.parse(entry("late_rate", "    denominator: 'true'\n"), "t.yml"))
                .hasMessage("t.yml: KPI 'late_rate': numerator is missing (a boolean SQL expression over the dossier facts)");
    }

    @Test
    void anUnknownPeriodTypeFailsWithOneLine() {
        String text = entry("late_rate", "    numerator: is_late\n    denominator: 'true'\n").replace("YTD]", "W]");
        assertThatThrownBy(() -> KpiCatalog.parse(text, "t.yml"))
                .hasMessage("t.yml: KPI 'late_rate': unknown period type 'W' (known: Y, Q, M, YTD)");
    }

    @Test
    void aRateWithoutDenominatorAndAnUnknownMarkerFail() {
        assertThatThrownBy(() -> KpiCatalog.parse(entry("late_rate", "    numerator: is_late\n"), "t.yml"))
                .hasMessage("t.yml: KPI 'late_rate': denominator is missing (a rate needs one; a count has none)");
        assertThatThrownBy(() -> KpiSql.expand("select\n    {{ kpi_wide_summs }}\n", KpiCatalog.all(), "m.sql"))
                .hasMessageStartingWith("m.sql: unknown marker {{ kpi_wide_summs }}");
    }

    @Test
    void theRegistryHoldsEveryKpiOnceWithItsMinN() {
        assertThat(KpiCatalog.all()).hasSize(24);
        assertThat(KpiCatalog.get("satisfaction_rate").minN()).isEqualTo(30);
        assertThat(KpiCatalog.get("online_rate").minN()).isEqualTo(1);
        assertThat(KpiCatalog.all().values()).allMatch(k -> !k.labelVi().isBlank() && !k.labelEn().isBlank());
    }

    /** The kpi output (fct_kpi_sums + fct_kpi_derived, as MartsJob unions them) of a fixture that has every kind of input. */
    private static Dataset<Row> kpiOutput(Map<String, KpiCatalog.Kpi> registry) {
        KpiFixtures.facts(spark, KpiFixtures.goldenFacts());
        SqlModels.run(spark, "int_kpi_inputs", PARAMS, registry).createOrReplaceTempView("int_kpi_inputs");
        KpiFixtures.feedbackInputs(spark, List.<Object[]>of(
                new Object[]{2025, 3, "U1", "U1", "feedback_on_time_rate", 1L, 1L},
                new Object[]{2025, 3, "U1", "U1", "feedback_published_rate", 0L, 1L}));
        spark.createDataFrame(List.of(RowFactory.create(2025, 0.25)), DataTypes.createStructType(List.of(
                DataTypes.createStructField("year", DataTypes.IntegerType, true),
                DataTypes.createStructField("reduction", DataTypes.DoubleType, true)))).createOrReplaceTempView("fct_processing_time_comparison");
        spark.createDataFrame(List.of(RowFactory.create(2025, 3L, 4L)), DataTypes.createStructType(List.of(
                DataTypes.createStructField("year", DataTypes.IntegerType, true),
                DataTypes.createStructField("eligible_offered_full_online", DataTypes.LongType, true),
                DataTypes.createStructField("eligible_full_online", DataTypes.LongType, true)))).createOrReplaceTempView("fct_catalog_coverage");
        return SqlModels.run(spark, "fct_kpi_sums", PARAMS, registry).unionByName(SqlModels.run(spark, "fct_kpi_derived", PARAMS, registry));
    }

    @Test
    void theKpiOutputHoldsExactlyTheRegistryCodesForTheirPeriodsAndScopes() {
        Map<String, TreeSet<String>> got = new TreeMap<>();
        for (Row r : kpiOutput(KpiCatalog.all()).select("kpi_code", "period_type", "scope_type").distinct().collectAsList()) {
            got.computeIfAbsent(r.getString(0), k -> new TreeSet<>()).add(r.getString(1) + " " + r.getString(2));
        }
        Map<String, TreeSet<String>> declared = new TreeMap<>();
        for (KpiCatalog.Kpi k : KpiCatalog.all().values()) {
            TreeSet<String> cells = new TreeSet<>();
            k.periodTypes().forEach(p -> k.scopes().forEach(s -> cells.add(p + " " + s)));
            declared.put(k.code(), cells);
        }
        assertThat(got).isEqualTo(declared);
    }

    @Test
    void addingARateKpiIsOneRegistryEntry() throws IOException {
        String extra;
        try (InputStream in = KpiRegistryTest.class.getClassLoader().getResourceAsStream("kpis-extra.yml")) {
            extra = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, KpiCatalog.Kpi> registry = KpiCatalog.with(KpiCatalog.all(), extra, "kpis-extra.yml");
        Map<String, String> got = new TreeMap<>();
        for (Row r : kpiOutput(registry).where("kpi_code = 'late_rate' and period_type = 'Y'").collectAsList()) {
            got.put(r.getAs("scope_type") + " " + r.getAs("scope_code"), KpiFixtures.pair(r.getAs("numerator"), r.getAs("denominator")));
        }
        // late: d2 (U1, P1) and d4 (U2, P2) of the four golden dossiers
        assertThat(got).containsExactlyInAnyOrderEntriesOf(Map.of(
                "province P", "2/4", "unit U1", "1/3", "unit U2", "1/1", "unit_current U1", "1/3", "unit_current U2", "1/1",
                "procedure P1", "1/3", "procedure P2", "1/1", "sector S1", "2/4"));
        assertThat(KpiCatalog.all()).doesNotContainKey("late_rate");
    }
}
