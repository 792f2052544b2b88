package vn.hoso.index766;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hoso.SparkTestBase;
import vn.hoso.io.TableSpec;
import vn.hoso.marts.SqlModels;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The scoring models of the Decision 766 index, each run alone through its real SQL on hand-built inputs named
 * like the interface's (fct_index766_counts, int_index766_dossiers, silver_qd766_manual/portal, silver_units)
 * and the profile bound as the marts bind it. The test vectors are INDEX766.md's (Phú Thọ, 2026 to 26 Sep).
 */
class Index766ScoringTest extends SparkTestBase {
    @TempDir
    Path tmp;

    private static final LocalDate AS_OF = LocalDate.of(2026, 9, 26);
    private static final StructType COUNTS = DataTypes.createStructType(List.of(
            DataTypes.createStructField("period_type", DataTypes.StringType, false),
            DataTypes.createStructField("period", DataTypes.StringType, false),
            DataTypes.createStructField("period_end", DataTypes.DateType, false),
            DataTypes.createStructField("scope_type", DataTypes.StringType, false),
            DataTypes.createStructField("scope_code", DataTypes.StringType, false),
            DataTypes.createStructField("child_type", DataTypes.StringType, false),
            DataTypes.createStructField("child_unit_code", DataTypes.StringType, true),
            DataTypes.createStructField("child_procedure_code", DataTypes.StringType, true),
            DataTypes.createStructField("indicator_code", DataTypes.StringType, false),
            DataTypes.createStructField("numerator", DataTypes.DoubleType, true),
            DataTypes.createStructField("denominator", DataTypes.DoubleType, true),
            DataTypes.createStructField("proxy", DataTypes.BooleanType, false)));

    private final List<Row> counts = new ArrayList<>();
    private final List<Row> manual = new ArrayList<>();
    private final List<Row> portal = new ArrayList<>();
    private Index766Profile profile = Index766Profile.load(Index766Profile.DEFAULT);

    @BeforeEach
    void clear() {
        counts.clear();
        manual.clear();
        portal.clear();
        profile = Index766Profile.load(Index766Profile.DEFAULT);
    }

    private static LocalDate end(String period) {
        if (period.contains("-Q")) {
            return LocalDate.of(Integer.parseInt(period.substring(0, 4)), Integer.parseInt(period.substring(6)) * 3, 1).plusMonths(1).minusDays(1);
        }
        if (period.length() == 7) {
            return LocalDate.parse(period + "-01").plusMonths(1).minusDays(1);
        }
        return LocalDate.of(Integer.parseInt(period), 12, 31);
    }

    private static String type(String period) {
        return period.contains("-Q") ? "Q" : period.length() == 7 ? "M" : "Y";
    }

    /** A scope's total row of one indicator. */
    private void total(String period, String scopeType, String scope, String code, double n, double d) {
        counts.add(RowFactory.create(type(period), period, java.sql.Date.valueOf(end(period)), scopeType, scope, "total", null, null, code, n, d, false));
    }

    private void proxyTotal(String period, String scopeType, String scope, String code, double n, double d) {
        counts.add(RowFactory.create(type(period), period, java.sql.Date.valueOf(end(period)), scopeType, scope, "total", null, null, code, n, d, true));
    }

    private void child(String period, String scopeType, String scope, String childType, String unit, String procedure, String code, double n, double d) {
        counts.add(RowFactory.create(type(period), period, java.sql.Date.valueOf(end(period)), scopeType, scope, childType, unit, procedure, code, n, d, false));
    }

    private static Row figure(String period, String scopeType, String scope, String code, Double n, Double d, Double score, String source) {
        return RowFactory.create(type(period), period, scopeType, scope, code, n, d, score, source, null);
    }

    private Map<String, Object> params() {
        Map<String, Object> p = new HashMap<>(profile.parameters());
        p.put("as_of", AS_OF);
        p.put("province_code", "P");
        return p;
    }

    private void bind() {
        spark.createDataFrame(counts, COUNTS).createOrReplaceTempView("fct_index766_counts");
        StructType figures = TableSpec.load("silver", "qd766_manual").sparkSchema();
        spark.createDataFrame(manual, figures).createOrReplaceTempView("silver_qd766_manual");
        spark.createDataFrame(portal, TableSpec.load("silver", "qd766_portal").sparkSchema()).createOrReplaceTempView("silver_qd766_portal");
        profile.groupsView(spark).createOrReplaceTempView("config_index766_groups");
        profile.indicatorsView(spark).createOrReplaceTempView("config_index766_indicators");
        spark.sql("select * from values ('D1', 'SO', date'2020-01-01'), ('D2', 'SO', date'2020-01-01'), ('D3', 'SO', date'2020-01-01'),"
                + " ('D4', 'SO', date'2020-01-01'), ('X1', 'HUYEN', date'2020-01-01'), ('X1', 'XA', date'2025-07-01')"
                + " as t(unit_code, level, valid_from)").createOrReplaceTempView("silver_units");
    }

    /** Runs fct_index766 and binds it for the models that read it; scores by "period|scope|code". */
    private Map<String, Row> index() {
        bind();
        Dataset<Row> out = SqlModels.run(spark, "fct_index766", params());
        assertThat(out.columns()).containsExactlyElementsOf(TableSpec.load("gold", "index766").columnNames());
        out.createOrReplaceTempView("fct_index766");
        Map<String, Row> byKey = new HashMap<>();
        for (Row r : out.collectAsList()) {
            byKey.put(r.getAs("period") + "|" + r.getAs("scope_code") + "|" + r.getAs("indicator_code"), r);
        }
        return byKey;
    }

    private Map<String, Row> summary() {
        Dataset<Row> out = SqlModels.run(spark, "fct_index766_summary", params());
        assertThat(out.columns()).containsExactlyElementsOf(TableSpec.load("gold", "index766_summary").columnNames());
        Map<String, Row> byKey = new HashMap<>();
        out.collectAsList().forEach(r -> byKey.put(r.getAs("period") + "|" + r.getAs("scope_type") + "|" + r.getAs("scope_code"), r));
        return byKey;
    }

    private static double score(Map<String, Row> rows, String key) {
        Row r = rows.get(key);
        assertThat(r).as(key).isNotNull();
        assertThat(r.<Double>getAs("score")).as(key).isNotNull();
        return r.<Double>getAs("score");
    }

    private static double sum(Map<String, Row> rows, String prefix, String... codes) {
        return Arrays.stream(codes).mapToDouble(c -> score(rows, prefix + c)).sum();
    }

    /** Every test vector of INDEX766.md, from its numerators and denominators. */
    private void vectors() {
        String y = "2026";
        total(y, "province", "P", "cohort", 597_918, 597_918);
        total(y, "province", "P", "2.1", 528_684, 597_918);
        total(y, "province", "P", "3.1", 52, 89);
        total(y, "province", "P", "3.2", 516, 1_884);
        total(y, "province", "P", "3.3", 589_496, 597_894);
        total(y, "province", "P", "3.6", 309_542, 358_625);
        total(y, "province", "P", "3.5b", 119, 313);
        total(y, "province", "P", "3.5", 68, 313);
        total(y, "province", "P", "4.1", 433_356, 597_918);
        total(y, "province", "P", "4.2", 145_096, 597_918);
        total(y, "province", "P", "4.3", 136_827, 597_918);
        total(y, "province", "P", "4.4", 0, 597_918);
        total(y, "province", "P", "4.5b", 325_596, 597_918);
        total(y, "province", "P", "4.5a", 396, 1_300);
        total(y, "province", "P", "5.2", 296, 570);
        total(y, "province", "P", "5.3", 230, 570);
        total(y, "province", "P", "5.4", 528_464, 597_918);
        total("2026-08", "province", "P", "3.1", 52, 56);
        total("2026-08", "province", "P", "3.2", 406, 1_968);
        total("2026-08", "province", "P", "3.3", 150_956, 152_595);
        total("2026-Q3", "province", "P", "3.1", 52, 89);
        total("2026-Q3", "province", "P", "3.2", 449, 1_884);
        total("2026-Q3", "province", "P", "3.3", 435_258, 440_558);
        // a department: payments, and no feedback at all (5.2, 5.3 have no rows)
        total(y, "unit", "D1", "cohort", 118, 118);
        total(y, "unit", "D1", "3.6", 118, 118);
        total(y, "unit", "D1", "3.5b", 12, 13);
        total(y, "unit", "D1", "3.5", 0, 13);
        total(y, "unit", "D1", "5.4", 118, 118);
    }

    @Test
    void everyTestVectorOfTheSpecIsReproducedThroughTheScoringSql() {
        vectors();
        Map<String, Row> s = index();
        String p = "2026|P|";
        assertThat(score(s, p + "2.1")).isCloseTo(17.68, within(0.015));
        assertThat(sum(s, p, "3.1", "3.2", "3.3")).isCloseTo(8.56, within(0.015));
        assertThat(sum(s, "2026-08|P|", "3.1", "3.2", "3.3")).isCloseTo(8.83, within(0.015));
        assertThat(sum(s, "2026-Q3|P|", "3.1", "3.2", "3.3")).isCloseTo(8.41, within(0.015));
        assertThat(score(s, p + "3.6")).isCloseTo(5.18, within(0.015));
        assertThat(score(s, p + "3.5b")).isCloseTo(0.95, within(0.015));
        assertThat(score(s, p + "3.5")).isCloseTo(0.54, within(0.015));
        assertThat(sum(s, p, "3.6", "3.5b", "3.5")).isCloseTo(6.67, within(0.015));
        assertThat(score(s, "2026|D1|3.6")).isEqualTo(6.0);
        assertThat(score(s, "2026|D1|3.5b")).isEqualTo(2.0);
        assertThat(score(s, "2026|D1|3.5")).isEqualTo(0.0);
        assertThat(sum(s, "2026|D1|", "3.6", "3.5b", "3.5")).isCloseTo(8.0, within(0.015));
        assertThat(score(s, p + "4.1")).isCloseTo(4.35, within(0.015));
        assertThat(score(s, p + "4.2")).isCloseTo(0.97, within(0.015));
        assertThat(score(s, p + "4.3")).isCloseTo(0.57, within(0.015));
        assertThat(score(s, p + "4.5b")).isCloseTo(1.09, within(0.015));
        assertThat(score(s, p + "4.5a")).isCloseTo(0.61, within(0.015));
        assertThat(score(s, p + "4.6")).isEqualTo(2.0);
        assertThat(score(s, p + "5.2")).isCloseTo(3.12, within(0.015));
        assertThat(score(s, p + "5.3")).isCloseTo(2.42, within(0.015));
        assertThat(score(s, p + "5.4")).isCloseTo(5.89, within(0.015));
        // the department with no feedback: 5.2 and 5.3 empty score full marks
        assertThat(score(s, "2026|D1|5.2") + score(s, "2026|D1|5.3")).isEqualTo(12.0);
        // 3.1 is scored for the province only: 0 for a unit
        assertThat(score(s, "2026|D1|3.1")).isEqualTo(0.0);
        assertThat(s.get(p + "2.1").<String>getAs("confidence")).isEqualTo("VERIFIED");
        assertThat(s.get(p + "3.3").<String>getAs("confidence")).isEqualTo("INFERRED");
        assertThat(s.get(p + "1.4").<Double>getAs("score")).isEqualTo(6.0);
        assertThat(s.get(p + "1.4").<String>getAs("confidence")).isEqualTo("ASSUMED");
        assertThat(s.get(p + "1.1").<Double>getAs("score")).isNull();
        assertThat(s.get(p + "1.1").<String>getAs("confidence")).isEqualTo("MISSING");
        assertThat(s.get(p + "2.1").<Boolean>getAs("provisional")).isTrue();       // 2026 is open on 26 Sep
        assertThat(s.get("2026-08|P|3.1").<Boolean>getAs("provisional")).isFalse(); // August is closed

        // the groups are sums of the rounded indicator scores
        Map<String, Row> sum = summary();
        Row year = sum.get("2026|province|P");
        assertThat(year.<Double>getAs("score_so_hoa")).isCloseTo(9.59, within(0.015));
        assertThat(year.<Double>getAs("score_hai_long")).isCloseTo(11.43, within(0.015));
        assertThat(year.<Double>getAs("score_thanh_toan")).isCloseTo(6.67, within(0.015));
        assertThat(year.<Double>getAs("score_dvctt")).isCloseTo(8.56, within(0.015));
        assertThat(year.<Double>getAs("score_cong_khai")).isEqualTo(6.0); // 1.4 assumed, 1.1-1.3 missing
        assertThat(year.<Double>getAs("est_index")).isCloseTo(6 + 17.68 + 8.56 + 6.67 + 9.59 + 11.43, within(0.03));
        assertThat(year.<Double>getAs("max_index")).isEqualTo(88.0);
        assertThat(year.<Double>getAs("est_high") - year.<Double>getAs("est_low")).isCloseTo(12.0, within(1e-9));
        assertThat(year.<Double>getAs("max_computable")).isEqualTo(80.0);
        assertThat(year.<String>getAs("note")).contains("Thiếu số liệu nhập tay").contains("1.1, 1.2, 1.3").contains("88 điểm");
        assertThat(year.<Integer>getAs("rank")).isNull();
        assertThat(sum.get("2026|unit|D1").<Double>getAs("score_hai_long")).isEqualTo(18.0);
        assertThat(sum.get("2026|unit|D1").<Double>getAs("score_thanh_toan")).isEqualTo(8.0);
    }

    @Test
    void roundingIsHalfUpOnTheExactValue() {
        // 20 × 7070 / 8000 = 17.675 exactly; as a double it is 17.67499999..., which a double round would take down
        total("2026", "province", "P", "2.1", 7_070, 8_000);
        // 6 × 0.7 / 0.9 = 4.666..; 2 × 0.5 / 0.8 = 1.25 exactly
        total("2026", "province", "P", "5.4", 7, 10);
        total("2026", "province", "P", "4.3", 5, 10);
        Map<String, Row> s = index();
        assertThat(score(s, "2026|P|2.1")).isEqualTo(17.68);
        assertThat(score(s, "2026|P|5.4")).isEqualTo(4.67);
        assertThat(score(s, "2026|P|4.3")).isEqualTo(1.25);
    }

    @Test
    void eachEmptyRuleScoresAsTheProfileSays() {
        // the scope exists (it has a cohort row) but 2.1 has no row, 4.1 an empty denominator and no feedback
        total("2026-08", "unit", "D2", "cohort", 0, 0);
        total("2026-08", "unit", "D2", "4.1", 0, 0);
        total("2026-08", "unit", "D2", "4.2", 1, 2);
        Map<String, Row> s = index();
        assertThat(score(s, "2026-08|D2|2.1")).isEqualTo(0.0);                          // zero
        assertThat(s.get("2026-08|D2|4.1").<Double>getAs("score")).isNull();            // null: no score, never full
        assertThat(s.get("2026-08|D2|4.1").<Double>getAs("ratio")).isNull();
        assertThat(score(s, "2026-08|D2|5.2")).isEqualTo(6.0);                          // full
        assertThat(score(s, "2026-08|D2|4.6")).isEqualTo(2.0);                          // assumed always
        assertThat(score(s, "2026-08|D2|1.4")).isEqualTo(0.0);                          // no cohort dossier: 0
        assertThat(s.get("2026-08|D2|2.2").<Double>getAs("score")).isNull();            // display only
        Row sum = summary().get("2026-08|unit|D2");
        // Số hóa: 4.1 null adds 0 and its 6 points stay in the maximum; 4.2 = 2.00, 4.6 = 2; the empty
        // null-rule indicators 4.3, 4.4, 4.5b add 0; 4.5a (empty zero) 0
        assertThat(sum.<Double>getAs("score_so_hoa")).isEqualTo(4.0);
        assertThat(sum.<Double>getAs("max_index")).isEqualTo(88.0);
        assertThat(sum.<Double>getAs("max_computable")).isEqualTo(80.0);
    }

    @Test
    void changingAThresholdInAProfileFileChangesTheScoreWithNoCodeChange() {
        total("2026", "province", "P", "5.4", 528_464, 597_918);
        assertThat(score(index(), "2026|P|5.4")).isEqualTo(5.89);
        profile = Index766Profile.load(Index766ProfileTest.copyWith(tmp, "threshold: 0.9", "threshold: 0.95"));
        // 6 × 0.88384 / 0.95 = 5.582
        assertThat(score(index(), "2026|P|5.4")).isEqualTo(5.58);
    }

    @Test
    void aManualProvinceRowAppliesToEveryUnitWithoutItsOwn() {
        total("2026-08", "province", "P", "cohort", 10, 10);
        total("2026-08", "unit", "D1", "cohort", 5, 5);
        total("2026-08", "unit", "D2", "cohort", 5, 5);
        manual.add(figure("2026-08", "province", "P", "1.1", null, null, 5.5, "manual"));
        manual.add(figure("2026-08", "unit", "D1", "1.1", null, null, 3.0, "manual"));
        manual.add(figure("2026-08", "province", "P", "1.2", 3.0, 4.0, null, "manual"));       // LIN 4 × 3/4
        manual.add(figure("2026-08", "unit", "D1", "4.6", null, null, 1.0, "manual"));         // overrides the assumption
        manual.add(figure("2026-08", "province", "P", "1.4", null, null, 4.0, "manual"));
        Map<String, Row> s = index();
        assertThat(score(s, "2026-08|P|1.1")).isEqualTo(5.5);
        assertThat(score(s, "2026-08|D1|1.1")).isEqualTo(3.0);
        assertThat(score(s, "2026-08|D2|1.1")).isEqualTo(5.5);
        assertThat(score(s, "2026-08|D2|1.2")).isEqualTo(3.0);
        assertThat(s.get("2026-08|D2|1.2").<Double>getAs("ratio")).isEqualTo(0.75);
        assertThat(s.get("2026-08|D2|1.1").<String>getAs("confidence")).isEqualTo("MANUAL");
        assertThat(s.get("2026-08|D2|1.3").<String>getAs("confidence")).isEqualTo("MISSING");
        assertThat(score(s, "2026-08|D1|4.6")).isEqualTo(1.0);
        assertThat(s.get("2026-08|D1|4.6").<String>getAs("confidence")).isEqualTo("MANUAL");
        assertThat(score(s, "2026-08|D2|4.6")).isEqualTo(2.0);
        assertThat(score(s, "2026-08|D1|1.4")).isEqualTo(4.0);
        Row d2 = summary().get("2026-08|unit|D2");
        assertThat(d2.<Double>getAs("score_cong_khai")).isEqualTo(5.5 + 3.0 + 4.0);
        assertThat(d2.<Double>getAs("max_index")).isEqualTo(98.0);       // only 1.3 missing
        assertThat(d2.<Double>getAs("est_high") - d2.<Double>getAs("est_low")).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void proxiedCatalogueItemsLeaveTheComputableMaximum() {
        total("2026", "province", "P", "cohort", 10, 10);
        proxyTotal("2026", "province", "P", "3.1", 1, 2);
        proxyTotal("2026", "province", "P", "3.2", 1, 2);
        proxyTotal("2026", "province", "P", "3.5", 1, 2);
        proxyTotal("2026", "province", "P", "3.5b", 1, 2);
        proxyTotal("2026", "province", "P", "4.5a", 1, 2);
        total("2026", "province", "P", "2.1", 10, 10);
        Map<String, Row> s = index();
        assertThat(s.get("2026|P|3.2").<String>getAs("confidence")).isEqualTo("PROXY");
        Row p = summary().get("2026|province|P");
        assertThat(p.<Double>getAs("max_computable")).isEqualTo(68.0);
        // 2.1 = 20, 5.2 + 5.3 empty = 12; the rest of the C items 0 or null
        assertThat(p.<Double>getAs("est_computable")).isEqualTo(32.0);
        assertThat(p.<String>getAs("note")).contains("Ước tính gần đúng").contains("3.1, 3.2, 3.5, 3.5b, 4.5a");
    }

    @Test
    void unitsAreRankedByStandardCompetitionRankingWithinTheirLevel() {
        // D1 80, D2 70, D3 70, D4 60 at level SO; X1 (now XA) is ranked apart
        double[] on = {80, 70, 70, 60};
        for (int k = 0; k < 4; k++) {
            total("2026-08", "unit", "D" + (k + 1), "2.1", on[k], 100);
        }
        total("2026-08", "unit", "X1", "2.1", 10, 100);
        index();
        Map<String, Row> sum = summary();
        assertThat(List.of(1, 2, 3, 4)).extracting(k -> sum.get("2026-08|unit|D" + k).<Integer>getAs("rank")).containsExactly(1, 2, 2, 4);
        assertThat(sum.get("2026-08|unit|D3").<Integer>getAs("rank_of")).isEqualTo(4);
        assertThat(sum.get("2026-08|unit|X1").<String>getAs("unit_level")).isEqualTo("XA");
        assertThat(sum.get("2026-08|unit|X1").<Integer>getAs("rank")).isEqualTo(1);
        assertThat(sum.get("2026-08|unit|X1").<Integer>getAs("rank_of")).isEqualTo(1);
    }

    private Map<String, Row> losses() {
        bind();
        Dataset<Row> out = SqlModels.run(spark, "fct_index766_losses", params());
        assertThat(out.columns()).containsExactlyElementsOf(TableSpec.load("gold", "index766_losses").columnNames());
        Map<String, Row> byKey = new HashMap<>();
        out.collectAsList().forEach(r -> byKey.put(r.getAs("scope_code") + "|" + r.getAs("indicator_code") + "|" + r.getAs("child_type")
                + "|" + r.getAs("child_unit_code") + "|" + r.getAs("child_procedure_code"), r));
        return byKey;
    }

    private static double loss(Map<String, Row> rows, String key) {
        assertThat(rows).containsKey(key);
        return rows.get(key).<Double>getAs("loss");
    }

    @Test
    void linearLossesOfTheUnitsSumExactlyToTheScopesLoss() {
        total("2026-08", "province", "P", "2.1", 7, 10);
        child("2026-08", "province", "P", "unit", "U1", null, "2.1", 3, 5);
        child("2026-08", "province", "P", "unit", "U2", null, "2.1", 4, 5);
        child("2026-08", "province", "P", "procedure", null, "T1", "2.1", 6, 7);
        child("2026-08", "province", "P", "procedure", null, "T2", "2.1", 1, 3);
        Map<String, Row> l = losses();
        double total = loss(l, "P|2.1|total|null|null");
        assertThat(total).isCloseTo(20.0 * 3 / 10, within(1e-9));
        assertThat(loss(l, "P|2.1|unit|U1|null") + loss(l, "P|2.1|unit|U2|null")).isCloseTo(total, within(1e-9));
        assertThat(loss(l, "P|2.1|procedure|null|T1") + loss(l, "P|2.1|procedure|null|T2")).isCloseTo(total, within(1e-9));
        assertThat(loss(l, "P|2.1|unit|U1|null")).isCloseTo(4.0, within(1e-9));
        assertThat(l.get("P|2.1|unit|U1|null").<Double>getAs("own_loss")).isCloseTo(8.0, within(1e-9));  // 20 × 2/5
        assertThat(l.get("P|2.1|total|null|null").<Double>getAs("gross_loss")).isCloseTo(total, within(1e-9));
        assertThat(l.get("P|2.1|total|null|null").<Double>getAs("offset_loss")).isCloseTo(0.0, within(1e-9));
        assertThat(l.get("P|2.1|total|null|null").<Long>getAs("dossiers_to_threshold")).isNull();
        assertThat(l.get("P|2.1|unit|U1|null").<Double>getAs("gross_loss")).isNull();
    }

    @Test
    void thresholdLossesAreSignedBelowTheThresholdAndHeadroomAboveIt() {
        // 5.4 (THR 0.9, 6 points) at 7/10: U1 above the threshold offsets U2
        total("2026-08", "province", "P", "5.4", 7, 10);
        child("2026-08", "province", "P", "unit", "U1", null, "5.4", 5, 5);
        child("2026-08", "province", "P", "unit", "U2", null, "5.4", 2, 5);
        // 5.4 of a unit at 8/10: ceil(9 − 8) = 1 (0.9 × 10 in doubles is 9.000000000000002)
        total("2026-08", "unit", "U3", "5.4", 8, 10);
        // exactly at the threshold, 9/10: nothing lost, headroom 0
        total("2026-08", "unit", "U4", "5.4", 9, 10);
        // 3.3 (THR 0.5) at 8/10: headroom 8 − 5 = 3
        total("2026-08", "province", "P", "3.3", 8, 10);
        child("2026-08", "province", "P", "unit", "U1", null, "3.3", 5, 5);
        child("2026-08", "province", "P", "unit", "U2", null, "3.3", 3, 5);
        Map<String, Row> l = losses();
        double total = loss(l, "P|5.4|total|null|null");
        assertThat(total).isCloseTo(6.0 * (9 - 7) / 9, within(1e-9));
        double u1 = loss(l, "P|5.4|unit|U1|null");
        double u2 = loss(l, "P|5.4|unit|U2|null");
        assertThat(u1).isCloseTo(6.0 * (4.5 - 5) / 9, within(1e-9)).isNegative();
        assertThat(u2).isCloseTo(6.0 * (4.5 - 2) / 9, within(1e-9));
        assertThat(u1 + u2).isCloseTo(total, within(1e-9));
        Row t = l.get("P|5.4|total|null|null");
        assertThat(t.<Long>getAs("dossiers_to_threshold")).isEqualTo(2L);
        assertThat(t.<Double>getAs("gross_loss")).isCloseTo(u2, within(1e-9));
        assertThat(t.<Double>getAs("offset_loss")).isCloseTo(u1, within(1e-9));
        assertThat(t.<Double>getAs("headroom")).isNull();
        assertThat(l.get("U3|5.4|total|null|null").<Long>getAs("dossiers_to_threshold")).isEqualTo(1L);
        assertThat(loss(l, "U4|5.4|total|null|null")).isEqualTo(0.0);
        assertThat(l.get("U4|5.4|total|null|null").<Double>getAs("headroom")).isEqualTo(0.0);
        assertThat(l.get("U4|5.4|total|null|null").<Long>getAs("dossiers_to_threshold")).isNull();
        assertThat(loss(l, "P|3.3|total|null|null")).isEqualTo(0.0);
        assertThat(l.get("P|3.3|total|null|null").<Double>getAs("headroom")).isCloseTo(3.0, within(1e-9));
        assertThat(loss(l, "P|3.3|unit|U2|null")).isEqualTo(0.0);
        assertThat(l.get("P|3.3|unit|U2|null").<Double>getAs("headroom")).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void residualsAreEstimateMinusPortalAndEmptyWithoutThePortalFile() {
        total("2026-08", "province", "P", "2.1", 528_684, 597_918);
        index();
        assertThat(SqlModels.run(spark, "fct_index766_residuals", params()).count()).isZero();
        portal.add(figure("2026-08", "province", "P", "2.1", 528_684.0, 597_918.0, 17.70, "portal"));
        portal.add(figure("2026-08", "unit", "D9", "2.1", 1.0, 2.0, 10.0, "portal"));
        index();
        Dataset<Row> out = SqlModels.run(spark, "fct_index766_residuals", params());
        assertThat(out.columns()).containsExactlyElementsOf(TableSpec.load("gold", "index766_residuals").columnNames());
        Map<String, Row> r = new HashMap<>();
        out.collectAsList().forEach(x -> r.put(x.getAs("scope_code"), x));
        assertThat(r.get("P").<Double>getAs("residual")).isEqualTo(-0.02);
        assertThat(r.get("P").<Double>getAs("est_score")).isEqualTo(17.68);
        assertThat(r.get("P").<String>getAs("group_code")).isEqualTo("tien_do");
        assertThat(r.get("D9").<Double>getAs("est_score")).isNull();
        assertThat(r.get("D9").<Double>getAs("residual")).isNull();
    }

    @Test
    void atRiskListsOpenDossiersDueWithinTheHorizonWithThePointsTheyWouldCost() {
        // August at the province: 2.1 at 90/100 (LIN: 20/100) and 5.4 at 80/100, below 0.9 (6 / 90)
        total("2026-08", "province", "P", "2.1", 90, 100);
        total("2026-08", "province", "P", "5.4", 80, 100);
        // unit U1: 2.1 at 9/10 (20/10) and 5.4 at 10/10, above its threshold (nothing)
        total("2026-08", "unit", "U1", "2.1", 9, 10);
        total("2026-08", "unit", "U1", "5.4", 10, 10);
        bind();
        StructType dossiers = DataTypes.createStructType(List.of(
                DataTypes.createStructField("period_type", DataTypes.StringType, false),
                DataTypes.createStructField("period", DataTypes.StringType, false),
                DataTypes.createStructField("dossier_id", DataTypes.StringType, false),
                DataTypes.createStructField("unit_code", DataTypes.StringType, true),
                DataTypes.createStructField("unit_current_code", DataTypes.StringType, true),
                DataTypes.createStructField("procedure_code", DataTypes.StringType, true),
                DataTypes.createStructField("is_open", DataTypes.BooleanType, false),
                DataTypes.createStructField("due_at", DataTypes.TimestampType, true),
                DataTypes.createStructField("is_late_766", DataTypes.BooleanType, false)));
        java.util.function.BiFunction<String, Integer, java.sql.Timestamp> due = (id, days) ->
                java.sql.Timestamp.valueOf(AS_OF.plusDays(days).atTime(16, 0));
        List<Row> rows = List.of(
                RowFactory.create("M", "2026-08", "today", "U1", "U1", "T1", true, due.apply("today", 0), false),
                RowFactory.create("M", "2026-08", "in3", "U1", "U1", "T1", true, due.apply("in3", 3), false),
                RowFactory.create("M", "2026-08", "in4", "U1", "U1", "T1", true, due.apply("in4", 4), false),
                RowFactory.create("M", "2026-08", "overdue", "U1", "U1", "T1", true, due.apply("overdue", -1), false),
                RowFactory.create("M", "2026-08", "closed", "U1", "U1", "T1", false, due.apply("closed", 1), false),
                RowFactory.create("M", "2026-08", "late", "U1", "U1", "T1", true, due.apply("late", 1), true),
                RowFactory.create("M", "2026-08", "nodue", "U1", "U1", "T1", true, null, false),
                RowFactory.create("Q", "2026-Q3", "today", "U1", "U1", "T1", true, due.apply("today", 0), false));
        spark.createDataFrame(rows, dossiers).createOrReplaceTempView("int_index766_dossiers");
        Dataset<Row> out = SqlModels.run(spark, "fct_index766_at_risk", params());
        assertThat(out.columns()).containsExactlyElementsOf(TableSpec.load("gold", "index766_at_risk").columnNames());
        Map<String, Row> r = new HashMap<>();
        out.collectAsList().forEach(x -> r.put(x.getAs("dossier_id"), x));
        assertThat(r.keySet()).containsExactlyInAnyOrder("today", "in3");
        assertThat(r.get("in3").<Integer>getAs("days_left")).isEqualTo(3);
        assertThat(r.get("today").<Double>getAs("points_province")).isCloseTo(20.0 / 100 + 6.0 / (0.9 * 100), within(1e-9));
        assertThat(r.get("today").<Double>getAs("points_unit")).isCloseTo(20.0 / 10, within(1e-9));
        assertThat(r.get("today").<Object>getAs("due_date").toString()).isEqualTo(AS_OF.toString());
    }
}
