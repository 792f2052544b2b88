package vn.hoso.quality;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hoso.Fixtures;
import vn.hoso.SparkTestBase;
import vn.hoso.config.Settings;
import vn.hoso.ingest.IngestJob;
import vn.hoso.io.TableStore;
import vn.hoso.pipeline.Pipeline;
import vn.hoso.pipeline.RunRequest;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static vn.hoso.Fixtures.dossier;
import static vn.hoso.Fixtures.line;

/**
 * The gate end to end, through ingest and check (no marts): a night of 100 valid dossiers, one due at 00:00 of
 * its receipt day, and one due the day before its receipt (quarantined by the ingest, so the night passes);
 * then a night with no landing folders at all and a night whose folders hold empty files, both passing with
 * the volume warning that the night was empty.
 */
class NightGateTest extends SparkTestBase {
    static final LocalDate D1 = LocalDate.of(2024, 3, 4);
    static final LocalDate D2 = LocalDate.of(2024, 3, 5);
    static final LocalDate D3 = LocalDate.of(2024, 3, 6);

    @TempDir
    Path tmp;

    @Test
    void aDueDateBeforeReceiptIsQuarantinedAndEmptyNightsPassWithAWarning() {
        Path landing = tmp.resolve("landing");
        Fixtures.catalog(landing);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 98; i++) {
            lines.add(line(dossier("V" + i, "20240304100000", 4)));
        }
        lines.add(line(dossier("SAME-DAY", "20240304100000", 4).put("NgayHenTra", "20240304000000")));
        lines.add(line(dossier("DUE-BEFORE", "20240304100000", 4).put("NgayHenTra", "20240303170000")));
        Fixtures.dossierFile(landing, "2024-03-04", "part-00000.jsonl", lines);
        Fixtures.ratingsFile(landing, "2024-03-04", "V1,20240304100000,3");
        Fixtures.write(landing.resolve("dossiers/date=2024-03-06/part-00000.jsonl"), "");
        Fixtures.write(landing.resolve("ratings/date=2024-03-06/part-00000.csv"), "");
        Fixtures.write(landing.resolve("feedback/date=2024-03-06/part-00000.csv"), "");
        Path wh = tmp.resolve("wh");
        Pipeline pipeline = new Pipeline(spark, Settings.local(landing.toString(), wh.toString(), "test-secret", false)
                .withPlans(Path.of("targets"), "52"), Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

        pipeline.ingest(RunRequest.nightly(D1));
        QualityGate.Verdict first = pipeline.check(RunRequest.nightly(D1));
        assertThat(first.failed()).as(first.summary()).isFalse();
        assertThat(first.outcomes()).filteredOn(o -> o.check().equals(QualityGate.BALANCE)).singleElement()
                .satisfies(o -> assertThat(o.passed()).isTrue());
        TableStore store = new TableStore(spark, wh.toString());
        List<Row> quarantined = store.readOrEmpty(IngestJob.QUARANTINE).collectAsList();
        assertThat(quarantined).singleElement().satisfies(r -> {
            assertThat((String) r.getAs("reason_code")).isEqualTo("DUE_BEFORE_RECEIVED");
            assertThat((String) r.getAs("reason")).contains("NgayHenTra 2024-03-03T17:00").contains("NgayTiepNhan 2024-03-04T09:00");
            assertThat((Long) r.getAs("line_number")).isEqualTo(100L);
        });
        assertThat(store.readOrEmpty(IngestJob.DOSSIERS).where(col("dossier_id").equalTo("SAME-DAY")).count()).isEqualTo(1);
        assertThat(pipeline.ingest(RunRequest.nightly(D1)).feeds()).filteredOn(f -> f.feed().equals("dossiers")).singleElement()
                .satisfies(f -> {
                    assertThat(f.read()).isEqualTo(100);
                    assertThat(f.quarantined()).isEqualTo(1);
                    assertThat(f.reExports()).as("a rerun of the night: its records are not re-exports of themselves").isZero();
                    assertThat(f.accepted()).isEqualTo(99);
                });
        pipeline.check(RunRequest.nightly(D1));

        for (LocalDate empty : List.of(D2, D3)) {
            pipeline.ingest(RunRequest.nightly(empty));
            QualityGate.Verdict v = pipeline.check(RunRequest.nightly(empty));
            assertThat(v.failed()).as(empty + ": " + v.summary()).isFalse();
            assertThat(v.summary()).as(empty.toString()).doesNotContain("ERROR").contains("the night was empty");
            assertThat(v.outcomes()).as(empty.toString()).filteredOn(o -> !o.passed() && o.dataset().startsWith("night"))
                    .extracting(QualityGate.Outcome::check).containsExactly("volume of the night's accepted records");
        }
    }
}
