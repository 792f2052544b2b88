package vn.hoso.pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hoso.Fixtures;
import vn.hoso.SparkTestBase;
import vn.hoso.cli.CliTest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A full rebuild that stops after emptying silver blocks every other run until a full rebuild completes. */
class RebuildTest extends SparkTestBase {
    @TempDir
    Path tmp;

    @Test
    void aFailedRebuildBlocksTheNightlyAndThePublishUntilARebuildCompletes() throws Exception {
        Path landing = tmp.resolve("landing");
        Fixtures.catalog(landing);
        Fixtures.dossierFile(landing, "2024-03-04", "part-00000.jsonl",
                List.of(Fixtures.line(Fixtures.dossier("D1", "20240304100000", 2))));
        Fixtures.dossierFile(landing, "2024-03-05", "part-00000.jsonl",
                List.of(Fixtures.line(Fixtures.dossier("D2", "20240305100000", 2))));
        String[] where = {"--landing", landing.toString(), "--warehouse", tmp.resolve("wh").toString(), "--demo-secret"};
        assertThat(run(where, "ingest", "--full").code()).isZero();

        // the rebuild empties silver, then stops (here: a catalogue file went missing)
        Path units = landing.resolve("catalog/units.csv");
        Path aside = tmp.resolve("units.csv");
        Files.move(units, aside);
        assertThat(run(where, "ingest", "--full").code()).isNotZero();
        Files.move(aside, units);

        CliTest.Result nightly = run(where, "run", "--date", "2024-03-05");
        assertThat(nightly.code()).as(nightly.err()).isEqualTo(2);
        assertThat(nightly.err()).contains("full rebuild by run ").contains("did not finish")
                .contains("hoso run --full").doesNotContain("Exception");
        assertThat(run(where, "check", "--full").code()).isEqualTo(2);
        CliTest.Result publish = CliTest.execute("publish", "--warehouse", tmp.resolve("wh").toString());
        assertThat(publish.code()).isEqualTo(2);
        assertThat(publish.err()).contains("did not finish");

        assertThat(run(where, "ingest", "--full").code()).isZero();
        assertThat(tmp.resolve("wh/ops/" + Pipeline.REBUILD_PENDING)).doesNotExist();
        assertThat(new vn.hoso.io.TableStore(spark, tmp.resolve("wh").toString()).readOrEmpty(vn.hoso.ingest.IngestJob.DOSSIERS)
                .count()).isEqualTo(2);
    }

    /** The command with its arguments, then the landing, warehouse and secret options. */
    private static CliTest.Result run(String[] where, String... command) {
        return CliTest.execute(java.util.stream.Stream.concat(java.util.Arrays.stream(command), java.util.Arrays.stream(where))
                .toArray(String[]::new));
    }
}
