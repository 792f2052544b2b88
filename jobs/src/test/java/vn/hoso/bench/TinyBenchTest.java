package vn.hoso.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark end to end at a tiny size (what CI keeps working): every stage runs and (a) agrees with (c). */
class TinyBenchTest {
    @Test
    void tinyBenchRunsEveryStageAndAgreesWithTheBaseline(@TempDir Path dir) throws Exception {
        List<String> log = new ArrayList<>();
        BenchReport report = new Bench(new Bench.Config(1_500, 7, dir, dir.resolve("out"), 2025), log::add).run();

        assertEquals(List.of("generate/generate", "full/ingest", "full/check", "full/marts", "full/publish",
                        "duckdb/baseline", "nightly/run --date " + report.nightlyDate()),
                report.stages().stream().map(s -> s.part() + "/" + s.stage()).toList());
        for (StageResult s : report.stages()) {
            assertEquals(0, s.exitCode(), s.toString());
            assertTrue(s.seconds() > 0, s.toString());
        }
        assertTrue(report.stages().stream().filter(s -> !s.part().equals("generate")).allMatch(s -> s.peakRss() > 0));
        assertTrue(report.agrees(), String.join("\n", report.differences()));
        assertTrue(report.compared()[0] > 0 && report.compared()[0] == report.compared()[1]);
        assertTrue(report.compared()[2] > 0 && report.compared()[2] == report.compared()[3]);
        assertTrue(Files.readString(dir.resolve("out/bench.md")).contains("full / DuckDB"));
        assertTrue(Files.readString(dir.resolve("out/bench.json")).contains("\"full_over_duckdb\""));
        assertTrue(Files.exists(dir.resolve("warehouse/hoso.duckdb")));
        // the held-back day is back in the landing zone
        assertTrue(Files.isDirectory(dir.resolve("landing/dossiers/date=" + report.nightlyDate())));
        assertTrue(Files.notExists(dir.resolve("held")));
    }
}
