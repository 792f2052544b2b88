package vn.hoso.marts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.hoso.Fixtures;
import vn.hoso.SparkTestBase;
import vn.hoso.ingest.IngestJob;
import vn.hoso.io.TableSpec;
import vn.hoso.io.TableStore;
import vn.hoso.pipeline.Pipeline;
import vn.hoso.pipeline.RunRequest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static vn.hoso.Fixtures.dossier;
import static vn.hoso.Fixtures.line;

/**
 * Loading nights in any order gives the same warehouse: the as-of date is the latest export date loaded and
 * never moves backwards. Four nights over the turn of 2024/2025 with work whose figures move with the as-of
 * date: 2024's open dossier OPEN-24 and unanswered feedback PAKN-24 are due on 2 January 2025 (on time as of
 * 31 December, late as of 3 January); 2025's OPEN-25 is due on 2 January too; and 2025's catalogue coverage
 * counts the procedures valid on the as-of date. (A full rebuild against a nightly warehouse is MartsAsOfTest's.)
 */
class AsOfOrderTest extends SparkTestBase {
    static Path root;
    static Path landing;
    static final LocalDate D1 = LocalDate.of(2024, 12, 30);
    static final LocalDate D2 = LocalDate.of(2024, 12, 31);
    static final LocalDate D3 = LocalDate.of(2025, 1, 2);
    static final LocalDate D4 = LocalDate.of(2025, 1, 3);

    @BeforeAll
    static void build() throws Exception {
        root = Files.createTempDirectory("asof-order");
        landing = root.resolve("landing");
        Fixtures.catalog(landing);
        Fixtures.dossierFile(landing, "2024-12-30", "part-00000.jsonl", List.of(
                line(received("OPEN-24", "20241230100000", 4, "20241220090000", "20250102170000")),
                line(received("DONE-24", "20241230100000", 10, "20241230080000", "20250106170000")
                        .put("NgayKetThucXuLy", "20241230090000"))));
        Fixtures.dossierFile(landing, "2024-12-31", "part-00000.jsonl", List.of(
                line(received("LATER-24", "20241231100000", 4, "20241231080000", "20250110170000"))));
        Fixtures.ratingsFile(landing, "2024-12-31", "DONE-24,20241231100000,3");
        Fixtures.feedbackFile(landing, "2024-12-31", "PAKN-24,DONE-24,XA-001,20241231100000,20250102170000,,0,");
        Fixtures.dossierFile(landing, "2025-01-02", "part-00000.jsonl", List.of(
                line(received("OPEN-25", "20250102100000", 4, "20250102080000", "20250102170000")),
                line(received("OPEN-24", "20241230100000", 4, "20241220090000", "20250102170000"))));
        Fixtures.dossierFile(landing, "2025-01-03", "part-00000.jsonl", List.of(
                line(received("LATER-24", "20250103100000", 10, "20241231080000", "20250110170000")
                        .put("NgayKetThucXuLy", "20250103090000")),
                line(received("DONE-25", "20250103100000", 10, "20250103080000", "20250106170000")
                        .put("NgayKetThucXuLy", "20250103090000"))));
        Fixtures.ratingsFile(landing, "2025-01-03", "DONE-25,20250103100000,1");
    }

    private static ObjectNode received(String id, String synced, int status, String receivedAt, String due) {
        return dossier(id, synced, status).put("NgayTiepNhan", receivedAt).put("NgayNopHoSo", receivedAt).put("NgayHenTra", due);
    }

    private static void run(Path warehouse, RunRequest request) {
        MartsAsOfTest.run(landing, warehouse, request);
    }

    @Test
    void theLaterRangeFirstThenTheEarlierGiveTheWarehouseOfOneBackfill() throws Exception {
        Path inOrder = root.resolve("in-order");
        run(inOrder, RunRequest.backfill(D1, D4));

        Path shuffled = root.resolve("shuffled");
        run(shuffled, RunRequest.backfill(D3, D4));
        // as a warehouse written before the as-of marker existed: the date is derived from silver
        Files.delete(shuffled.resolve("ops/" + AsOf.MARKER));
        run(shuffled, RunRequest.backfill(D1, D2));

        for (TableSpec spec : List.of(MartsJob.KPI, MartsJob.PRIORITY, MartsJob.PROCESSING_TIME, MartsJob.CATALOG_COVERAGE,
                MartsJob.SCORECARD, MartsJob.INDEX766, MartsJob.INDEX766_SUMMARY, MartsJob.INDEX766_LOSSES,
                MartsJob.INDEX766_AT_RISK, IngestJob.DOSSIERS, IngestJob.HISTORY, IngestJob.SNAPSHOTS, IngestJob.RATINGS,
                IngestJob.FEEDBACK_EXPORTS, IngestJob.FEEDBACK, IngestJob.QUARANTINE, IngestJob.PROCEDURES, IngestJob.UNITS)) {
            sameRows(inOrder, shuffled, spec);
        }
        TableStore store = new TableStore(spark, shuffled.toString());
        assertThat(AsOf.stored(store)).as("a backfill of older nights leaves the as-of date where it was").contains(D4);
        assertThat(store.readOrEmpty(Pipeline.RUNS).where(col("status").equalTo("SUCCEEDED"))
                .select("run_date").collectAsList().stream().map(r -> r.<LocalDate>getAs(0)).sorted().toList())
                .as("the run log keeps each request's own date").containsExactly(D2, D4);
        assertThat(MartsAsOfTest.onTime(shuffled, "2024")).as("OPEN-24 due 2 Jan: late as of 3 Jan; DONE-24 and LATER-24 on time")
                .isEqualTo(2L);
        assertThat(MartsAsOfTest.onTime(shuffled, "2025")).as("OPEN-25 due 2 Jan: late as of 3 Jan; DONE-25 on time").isEqualTo(1L);

        assertThat(new TableStore(spark, inOrder.toString()).readOrEmpty(MartsJob.CATALOG_COVERAGE)
                .where(col("year").equalTo(2025)).select("as_of_date").first().<LocalDate>getAs(0))
                .as("the current year's catalogue is that of the as-of date").isEqualTo(D4);
    }

    private static void sameRows(Path a, Path b, TableSpec spec) {
        Dataset<Row> left = new TableStore(spark, a.toString()).readOrEmpty(spec);
        Dataset<Row> right = new TableStore(spark, b.toString()).readOrEmpty(spec);
        assertThat(left.count()).as(spec.name() + " rows in " + a.getFileName()).isEqualTo(right.count());
        assertThat(left.exceptAll(right).collectAsList()).as(spec.name() + ": in " + a.getFileName() + ", not in " + b.getFileName()).isEmpty();
        assertThat(right.exceptAll(left).collectAsList()).as(spec.name() + ": in " + b.getFileName() + ", not in " + a.getFileName()).isEmpty();
    }
}
