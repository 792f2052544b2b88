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

    private static Dataset<Row> night(int accepted, int quarantined) {
        return spark.range(accepted + quarantined).select(col("id").geq(accepted).as("is_quarantined"));
    }

    private QualityGate.Inputs inputs(UnaryOperator<Dataset<Row>> breakSilver) {
        return new QualityGate.Inputs(breakSilver.apply(dossiers), procedures, units, night(100, 0), dossiers,
                dossiers.select(lit(2).as("rating")), 100, 100, 0, 0);
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
    void finishedBeforeReceivedAndDueBeforeReceivedFail() {
        failsWith(gate(inputs(d -> d.withColumn("finished_at", when(col("dossier_id").equalTo("D1"),
                col("received_at").minus(org.apache.spark.sql.functions.expr("INTERVAL 1 DAY"))).otherwise(col("finished_at"))))),
                "received_at <= finished_at");
        failsWith(gate(inputs(d -> d.withColumn("due_at", when(col("dossier_id").equalTo("D1"),
                col("received_at").minus(org.apache.spark.sql.functions.expr("INTERVAL 1 DAY"))).otherwise(col("due_at"))))),
                "due_at >= received_at");
    }

    @Test
    void unknownProcedureOrUnitCodesBeyondTheThresholdFail() {
        QualityGate.Verdict v = gate(inputs(d -> d.withColumn("procedure_code",
                when(col("dossier_id").equalTo("D1"), lit("1.999999")).otherwise(col("procedure_code")))));
        failsWith(v, "procedure code found in the catalogue");
        assertThat(v.outcomes()).filteredOn(o -> o.check().startsWith("procedure code")).first()
                .satisfies(o -> assertThat(o.value()).isEqualTo(9.0 / 10));
        failsWith(gate(inputs(d -> d.withColumn("unit_code", when(col("dossier_id").equalTo("D1"), lit("NOWHERE")).otherwise(col("unit_code"))))),
                "unit code found in the units");
    }

    @Test
    void moreThanOnePercentQuarantinedFailsAndExactlyOnePercentPasses() {
        QualityGate.Inputs ok = new QualityGate.Inputs(dossiers, procedures, units, night(99, 1), dossiers,
                dossiers.select(lit(2).as("rating")), 100, 99, 1, 0);
        assertThat(gate(ok).failed()).isFalse();
        QualityGate.Inputs bad = new QualityGate.Inputs(dossiers, procedures, units, night(98, 2), dossiers,
                dossiers.select(lit(2).as("rating")), 100, 98, 2, 0);
        QualityGate.Verdict v = gate(bad);
        failsWith(v, "quarantined share of the night's dossier records");
        assertThat(v.summary()).as("the value shown is the quarantined share").contains("value 0.0200").contains("<= 1.0% quarantined");
    }

    @Test
    void countsThatDoNotReconcileFail() {
        QualityGate.Inputs bad = new QualityGate.Inputs(dossiers, procedures, units, night(100, 0), dossiers,
                dossiers.select(lit(2).as("rating")), 101, 100, 0, 0);
        failsWith(gate(bad), "records read = accepted + quarantined + re-exports");
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
        return new QualityGate.Inputs(dossiers, procedures, units, night(n, 0), dossiers, dossiers.select(lit(2).as("rating")), n, n, 0, 0);
    }

    private static QualityGate.Outcome volume(QualityGate.Verdict v) {
        return v.outcomes().stream().filter(o -> o.check().startsWith("volume")).findFirst()
                .orElseThrow(() -> new AssertionError("no volume check in " + v.outcomes()));
    }
}
