package vn.hoso.quality;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hoso.SparkTestBase;
import vn.hoso.ingest.IngestJob;
import vn.hoso.io.TableStore;
import vn.hoso.marts.MartsTest;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;

/** Each ERROR rule on a fixture that breaks it; warnings from the metrics history. */
class QualityGateTest extends SparkTestBase {
    static Dataset<Row> dossiers;
    static Dataset<Row> procedures;
    static Dataset<Row> units;
    static final LocalDate D1 = LocalDate.of(2024, 3, 4);
    static final LocalDate D2 = LocalDate.of(2024, 3, 5);

    @TempDir
    Path tmp;

    @BeforeAll
    static void silver() throws Exception {
        MartsTest.runOnce();
        TableStore store = new TableStore(spark, MartsTest.wh.toString());
        dossiers = store.readOrEmpty(IngestJob.DOSSIERS).cache();
        procedures = store.readOrEmpty(IngestJob.PROCEDURES).cache();
        units = store.readOrEmpty(IngestJob.UNITS).cache();
    }

    /** The night's dossier records, and 100 accepted records of each of the other two feeds. */
    private static Dataset<Row> night(int accepted, int quarantined) {
        return feed("dossiers", accepted, quarantined).unionByName(feed("ratings", 100, 0)).unionByName(feed("feedback", 100, 0));
    }

    private static Dataset<Row> feed(String feed, int accepted, int quarantined) {
        return spark.range(accepted + quarantined).select(lit(feed).as("feed"), col("id").geq(accepted).as("is_quarantined"),
                concat(lit(feed + "/date=2024-03-04/part-00000:"), col("id").plus(1)).as("record_key"));
    }

    private QualityGate.Inputs inputs(UnaryOperator<Dataset<Row>> breakSilver) {
        return inputs(breakSilver, d -> d);
    }

    private QualityGate.Inputs inputs(UnaryOperator<Dataset<Row>> breakSilver, UnaryOperator<Dataset<Row>> breakNight) {
        return new QualityGate.Inputs(breakSilver.apply(dossiers), procedures, units, night(100, 0),
                breakNight.apply(dossiers), dossiers.select(lit(2).as("rating")), 100, 100, 0, 0);
    }

    private static QualityGate.Inputs withNight(Dataset<Row> night, long read, long accepted, long quarantined) {
        return new QualityGate.Inputs(dossiers, procedures, units, night, dossiers, dossiers.select(lit(2).as("rating")),
                read, accepted, quarantined, 0);
    }

    private static QualityGate.Verdict gate(QualityGate.Inputs in) {
        return new QualityGate(spark, QualityGate.Thresholds.defaults(), null).evaluate(in, D1);
    }

    private static void failsWith(QualityGate.Verdict v, String check) {
        assertThat(v.failed()).as(v.summary()).isTrue();
        assertThat(v.outcomes()).filteredOn(o -> o.error() && !o.passed()).extracting(QualityGate.Outcome::check).containsExactly(check);
        assertThat(v.summary()).contains("ERROR").contains(check).contains("threshold");
    }

    @Test
    void cleanSilverPassesEveryErrorCheck() {
        QualityGate.Verdict v = gate(inputs(d -> d));
        assertThat(v.failed()).as(v.summary()).isFalse();
        assertThat(v.outcomes()).extracting(QualityGate.Outcome::check).contains("dossier_id is unique",
                "procedure code found in the catalogue", "records read = accepted + quarantined + re-exports");
    }

    @Test
    void duplicateAndMissingDossierIdsFail() {
        failsWith(gate(inputs(d -> d.unionByName(d.where("dossier_id = 'D1'")))), "dossier_id is unique");
        QualityGate.Verdict missing = gate(inputs(d -> d.withColumn("dossier_id", when(col("dossier_id").equalTo("D1"), lit(null)).otherwise(col("dossier_id")))));
        assertThat(missing.outcomes()).filteredOn(o -> !o.passed()).extracting(QualityGate.Outcome::check).contains("dossier_id is complete");
    }

    @Test
    void anInvalidEnumFails() {
        failsWith(gate(inputs(d -> d.withColumn("channel", when(col("dossier_id").equalTo("D1"), lit("FAX")).otherwise(col("channel"))))),
                "channel is ONLINE, POSTAL or IN_PERSON");
        failsWith(gate(inputs(d -> d.withColumn("status", when(col("dossier_id").equalTo("D1"), lit(12)).otherwise(col("status"))))),
                "status is 1..10");
    }

    @Test
    void finishedBeforeReceivedFailsAndNamesTheDossier() {
        QualityGate.Verdict v = gate(inputs(d -> d.withColumn("finished_at", when(col("dossier_id").equalTo("D1"),
                col("received_at").minus(expr("INTERVAL 1 DAY"))).otherwise(col("finished_at")))));
        failsWith(v, "received_at <= finished_at");
        assertThat(v.summary()).contains("offending keys: D1");
    }

    @Test
    void aDueDateBeforeTheReceivedDateFailsOnTheNightsRecordsOnly() {
        UnaryOperator<Dataset<Row>> dueTheDayBefore = d -> d.withColumn("due_at", when(col("dossier_id").equalTo("D1"),
                col("received_at").minus(expr("INTERVAL 1 DAY"))).otherwise(col("due_at")));
        QualityGate.Verdict v = gate(inputs(d -> d, dueTheDayBefore));
        failsWith(v, "due date on or after the received date");
        assertThat(v.summary()).contains("offending keys: D1");
        assertThat(gate(inputs(dueTheDayBefore, d -> d)).failed()).as("an earlier night's record does not block this one").isFalse();
    }

    @Test
    void aSameDayDossierDueAtMidnightOfItsReceiptDayPasses() {
        UnaryOperator<Dataset<Row>> dueAtMidnight = d -> d.withColumn("due_at", when(col("dossier_id").equalTo("D1"),
                expr("date_trunc('DAY', received_at)")).otherwise(col("due_at")));
        assertThat(dossiers.where("dossier_id = 'D1' AND hour(received_at) > 0").count()).as("received after midnight").isEqualTo(1);
        QualityGate.Verdict v = gate(inputs(dueAtMidnight, dueAtMidnight));
        assertThat(v.failed()).as(v.summary()).isFalse();
    }

    @Test
    void unknownProcedureOrUnitCodesBeyondTheThresholdFailOnTheNightsRecords() {
        UnaryOperator<Dataset<Row>> unknownProcedure = d -> d.withColumn("procedure_code",
                when(col("dossier_id").equalTo("D1"), lit("1.999999")).otherwise(col("procedure_code")));
        QualityGate.Verdict v = gate(inputs(d -> d, unknownProcedure));
        failsWith(v, "procedure code found in the catalogue");
        assertThat(v.outcomes()).filteredOn(o -> o.check().startsWith("procedure code")).first()
                .satisfies(o -> assertThat(o.value()).isEqualTo(9.0 / 10))
                .satisfies(o -> assertThat(o.detail()).isEqualTo("offending keys: D1"));
        failsWith(gate(inputs(d -> d, d -> d.withColumn("unit_code", when(col("dossier_id").equalTo("D1"), lit("NOWHERE"))
                .otherwise(col("unit_code"))))), "unit code found in the units");
        assertThat(gate(inputs(unknownProcedure, d -> d)).failed()).as("silver's older records are not the night's").isFalse();
    }

    @Test
    void moreThanOnePercentQuarantinedFailsAndExactlyOnePercentPasses() {
        assertThat(gate(withNight(night(99, 1), 300, 299, 1)).failed()).isFalse();
        QualityGate.Verdict v = gate(withNight(night(98, 2), 300, 298, 2));
        failsWith(v, "quarantined share of the night's dossier records");
        assertThat(v.summary()).as("the value shown is the quarantined share").contains("value 0.0200").contains("<= 1.0% quarantined")
                .contains("offending keys: dossiers/date=2024-03-04/part-00000:100, dossiers/date=2024-03-04/part-00000:99");
    }

    @Test
    void eachFeedsQuarantinedShareIsItsOwnCheck() {
        Dataset<Row> badRatings = feed("dossiers", 100, 0).unionByName(feed("ratings", 98, 2)).unionByName(feed("feedback", 100, 0));
        QualityGate.Verdict v = gate(withNight(badRatings, 300, 298, 2));
        failsWith(v, "quarantined share of the night's rating records");
        assertThat(v.outcomes()).filteredOn(o -> o.check().startsWith("quarantined share")).extracting(QualityGate.Outcome::check)
                .containsExactly("quarantined share of the night's dossier records", "quarantined share of the night's rating records",
                        "quarantined share of the night's feedback records");
        Dataset<Row> badFeedback = feed("dossiers", 100, 0).unionByName(feed("ratings", 100, 0)).unionByName(feed("feedback", 90, 10));
        failsWith(gate(withNight(badFeedback, 300, 290, 10)), "quarantined share of the night's feedback records");
    }

    @Test
    void aFailedCheckNamesAtMostTenKeys() {
        QualityGate.Verdict v = gate(inputs(d -> d.unionByName(d.withColumn("dossier_id", concat(col("dossier_id"), lit("-b"))))
                .withColumn("channel", lit("FAX"))));
        failsWith(v, "channel is ONLINE, POSTAL or IN_PERSON");
        String detail = v.outcomes().stream().filter(o -> !o.passed()).findFirst().orElseThrow().detail();
        assertThat(detail).startsWith("offending keys (first 10 of 20): ");
        assertThat(detail.substring(detail.indexOf(": ") + 2).split(", ")).hasSize(10);
    }

    @Test
    void countsThatDoNotReconcileFail() {
        failsWith(gate(withNight(night(100, 0), 301, 300, 0)), "records read = accepted + quarantined + re-exports");
        QualityGate.Outcome o = QualityGate.balance(withNight(night(100, 0), 301, 299, 1));
        assertThat(o.passed()).isFalse();
        assertThat(o.detail()).isEqualTo("read 301, accepted 299 + quarantined 1 + re-exports 0 = 300");
        assertThat(QualityGate.balance(withNight(night(100, 0), 300, 299, 1)).passed()).isTrue();
    }

    @Test
    void anEmptyNightPassesWithEveryNightCheckNotApplicableAndTheVolumeWarningSaysSo() {
        String repo = tmp.resolve("dq_metrics.json").toString();
        QualityGate g = new QualityGate(spark, QualityGate.Thresholds.defaults(), repo);
        g.evaluate(nightOf(100), D1);
        Dataset<Row> none = night(0, 0).limit(0);
        QualityGate.Inputs empty = new QualityGate.Inputs(dossiers, procedures, units, none, dossiers.limit(0),
                dossiers.select(lit(2).as("rating")).limit(0), 0, 0, 0, 0);
        QualityGate.Verdict v = g.evaluate(empty, D2);
        assertThat(v.failed()).as(v.summary()).isFalse();
        assertThat(v.label()).isEqualTo("PASSED_WITH_WARNINGS");
        assertThat(v.outcomes()).filteredOn(o -> !o.passed() && o.dataset().startsWith("night")).singleElement()
                .satisfies(o -> assertThat(o.check()).startsWith("volume"))
                .satisfies(o -> assertThat(o.detail()).contains("the night was empty"));
        assertThat(v.summary()).contains("the night was empty").doesNotContain("ERROR");
        assertThat(v.outcomes()).filteredOn(o -> o.dataset().startsWith("night_")).allSatisfy(o -> assertThat(o.value()).isNull());
        assertThat(v.outcomes()).filteredOn(o -> o.check().startsWith("quarantined share")).hasSize(3)
                .allSatisfy(o -> assertThat(o.passed()).isTrue());
        assertThat(volume(g.evaluate(nightOf(40), LocalDate.of(2024, 3, 6))).passed())
                .as("the empty night stored no metrics: the next night is compared with D1's 100 (a drop), not with 0").isFalse();
        assertThat(new QualityGate(spark, QualityGate.Thresholds.defaults(), null).evaluate(empty, D2).failed())
                .as("without history").isFalse();
    }

    @Test
    void aSixtyPercentVolumeDropWarnsAndARerunReplacesItsDatesMetrics() {
        String repo = tmp.resolve("dq_metrics.json").toString();
        QualityGate g = new QualityGate(spark, QualityGate.Thresholds.defaults(), repo);
        QualityGate.Verdict first = g.evaluate(nightOf(100), D1);
        assertThat(first.outcomes()).noneMatch(o -> o.check().startsWith("volume"));
        QualityGate.Verdict steady = g.evaluate(nightOf(100), D2);
        assertThat(volume(steady).passed()).isTrue();
        QualityGate.Verdict drop = g.evaluate(nightOf(40), D2);
        assertThat(volume(drop).passed()).as("compared with D1, not with D2's earlier run").isFalse();
        assertThat(volume(drop).error()).isFalse();
        assertThat(drop.failed()).isFalse();
        assertThat(drop.label()).isEqualTo("PASSED_WITH_WARNINGS");
        QualityGate.Verdict back = g.evaluate(nightOf(100), D2);
        assertThat(volume(back).passed()).isTrue();
        var stored = new com.amazon.deequ.repository.fs.FileSystemMetricsRepository(spark, repo).load().get();
        assertThat(scala.collection.JavaConverters.seqAsJavaList(stored).stream()
                .filter(r -> r.resultKey().tags().get("dataset").contains("night_input")).count()).isEqualTo(2);
    }

    private QualityGate.Inputs nightOf(int n) {
        return withNight(night(n, 0), n + 200, n + 200, 0);
    }

    private static QualityGate.Outcome volume(QualityGate.Verdict v) {
        return v.outcomes().stream().filter(o -> o.check().startsWith("volume")).findFirst()
                .orElseThrow(() -> new AssertionError("no volume check in " + v.outcomes()));
    }
}
