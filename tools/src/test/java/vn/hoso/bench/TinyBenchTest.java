package vn.hoso.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark end to end at a tiny size (what CI keeps working): every stage runs and (a) agrees with (c). */
class TinyBenchTest {
    @Test
    void tinyBenchRunsEveryStageAndAgreesWithTheBaseline(@TempDir Path dir) throws Exception {
        List<String> log = new ArrayList<>();
        // tiny data: two shuffle partitions (as SparkTestBase) keep the five Spark JVMs quick
        Path config = dir.resolve("hoso.yaml");
        Files.writeString(config, "spark:\n  conf:\n    spark.sql.shuffle.partitions: 2\n");
        BenchReport report = new Bench(new Bench.Config(1_500, 7, dir, dir.resolve("out"), 2025, config), log::add).run();

        assertEquals(List.of("generate/generate", "full/ingest", "full/check", "full/marts", "full/publish",
                        "duckdb/baseline", "nightly/run --date " + report.nightlyDate(),
                        "verify/baseline incl. " + report.nightlyDate()),
                report.stages().stream().map(s -> s.part() + "/" + s.stage()).toList());
        for (StageResult s : report.stages()) {
            assertEquals(0, s.exitCode(), s.toString());
            assertTrue(s.seconds() > 0, s.toString());
        }
        assertTrue(report.stages().stream().filter(s -> !s.part().equals("generate")).allMatch(s -> s.peakRss() > 0));
        assertTrue(report.differences().isEmpty(), String.join("\n", report.differences()));
        assertTrue(report.nightlyDifferences().isEmpty(), String.join("\n", report.nightlyDifferences()));
        assertTrue(report.agrees());
        // every province yearly KPI of gold (24 codes in a year with dossiers), every priority row
        assertTrue(report.compared()[0] >= 20 && report.compared()[0] == report.compared()[1], Arrays.toString(report.compared()));
        assertTrue(report.compared()[2] > 0 && report.compared()[2] == report.compared()[3], Arrays.toString(report.compared()));
        assertTrue(report.nightlyCompared()[0] == report.nightlyCompared()[1]
                && report.nightlyCompared()[2] == report.nightlyCompared()[3], Arrays.toString(report.nightlyCompared()));
        long[] dossierCounts = report.landingCounts().get("dossiers");
        assertEquals(dossierCounts[0], dossierCounts[1] + dossierCounts[2] + dossierCounts[3]);
        assertEquals(0, dossierCounts[2], "the bench sample has no bad lines");
        assertTrue(Files.readString(dir.resolve("out/bench.md")).contains("full / DuckDB"));
        assertTrue(Files.readString(dir.resolve("out/bench.json")).contains("\"full_over_duckdb\""));
        assertTrue(Files.exists(dir.resolve("warehouse/hoso.duckdb")));
        // the held-back day is back in the landing zone
        assertTrue(Files.isDirectory(dir.resolve("landing/dossiers/date=" + report.nightlyDate())));
        assertTrue(Files.notExists(dir.resolve("held")));

        // the same comparison on the real outputs fails once one baseline row is tampered with
        Path tampered = dir.resolve("tampered.duckdb");
        Files.copy(dir.resolve("baseline-after-nightly.duckdb"), tampered);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + tampered); Statement s = c.createStatement()) {
            s.execute("update base_priority set received = received + 1 where rank = 1");
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            Baseline.attach(c, tampered, dir.resolve("warehouse"));
            List<String> d = Baseline.differences(c);
            assertFalse(d.isEmpty());
            assertTrue(d.stream().allMatch(x -> x.startsWith("priority:") && x.contains("received: gold=")), d.toString());
        }
    }
}
