package vn.hoso.ingest;

import org.apache.spark.sql.Row;
import vn.hoso.SparkTestBase;
import vn.hoso.config.Settings;
import vn.hoso.io.TableSpec;
import vn.hoso.io.TableStore;
import vn.hoso.pipeline.Pipeline;
import vn.hoso.pipeline.RunRequest;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Runs the real pipeline on files a test wrote, and reads silver back in a stable order. */
abstract class IngestTestSupport extends SparkTestBase {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    static Pipeline.Outcome run(Path landing, Path warehouse, RunRequest request) {
        Settings settings = Settings.local(landing.toString(), warehouse.toString(), "test-secret", false);
        return new Pipeline(spark, settings, CLOCK).run(request);
    }

    /**
     * Ingest and the quality gate, the stages before the marts: what the ingest tests check (silver, the
     * quarantine, the counts, the gate) is final there, and the marts of every run would double their time.
     */
    static Pipeline.Outcome ingestAndCheck(Path landing, Path warehouse, RunRequest request) {
        Settings settings = Settings.local(landing.toString(), warehouse.toString(), "test-secret", false);
        Pipeline pipeline = new Pipeline(spark, settings, CLOCK);
        vn.hoso.pipeline.StageState ingested = pipeline.ingest(request);
        vn.hoso.quality.QualityGate.Verdict quality = pipeline.check(ingested.request());
        return new Pipeline.Outcome(ingested.runId(), ingested.request(), ingested.ingest(), quality, null, null, null, null);
    }

    static List<Row> table(Path warehouse, TableSpec spec) {
        return new TableStore(spark, warehouse.toString()).readOrEmpty(spec).collectAsList();
    }

    /** The table as sorted text lines, for comparing two warehouses. */
    static List<String> sorted(Path warehouse, TableSpec spec) {
        return table(warehouse, spec).stream().map(Row::toString).sorted().toList();
    }

    static Row dossierRow(Path warehouse, String id) {
        return table(warehouse, IngestJob.DOSSIERS).stream()
                .filter(r -> id.equals(r.getAs("dossier_id"))).findFirst()
                .orElseThrow(() -> new AssertionError("no dossier " + id));
    }

    static IngestJob.FeedCounts feed(Pipeline.Outcome o, String name) {
        return o.ingest().feeds().stream().filter(f -> f.feed().equals(name)).findFirst().orElseThrow();
    }
}
