package vn.hoso.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.hoso.Fixtures;
import vn.hoso.SparkTestBase;
import vn.hoso.cli.CliTest;
import vn.hoso.cli.Main;
import vn.hoso.ingest.IngestJob;
import vn.hoso.io.CrashPoint;
import vn.hoso.io.TableSpec;
import vn.hoso.marts.MartsJob;
import vn.hoso.publish.PublishJob;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A nightly run killed at a named write step (a child JVM that halts itself there, as SIGKILL would stop it),
 * then the same nightly run normally: the warehouse equals that of an uninterrupted nightly, row for row.
 */
class KillTest extends SparkTestBase {
    private static final List<TableSpec> TABLES = List.of(IngestJob.DOSSIERS, IngestJob.HISTORY, IngestJob.SNAPSHOTS,
            IngestJob.RATINGS, IngestJob.FEEDBACK_EXPORTS, IngestJob.FEEDBACK, IngestJob.QUARANTINE, IngestJob.PROCEDURES,
            IngestJob.UNITS, IngestJob.CIVIL_SERVANTS, MartsJob.KPI, MartsJob.PRIORITY, MartsJob.PROCESSING_TIME,
            MartsJob.CATALOG_COVERAGE, MartsJob.SCORECARD);
    private static final String NIGHT = "2024-03-05";

    private static Path root;
    private static Path landing;
    /** The warehouse after the first night. */
    private static Path before;
    /** The warehouse after both nights, uninterrupted. */
    private static Path reference;

    @BeforeAll
    static void twoNights() throws Exception {
        startSpark();
        root = Files.createTempDirectory("hoso-kill");
        landing = root.resolve("landing");
        Fixtures.catalog(landing);
        ObjectNode submitted = Fixtures.dossier("D2", "20240304110000", 1).put("NgayNopHoSo", "20240228080000");
        submitted.remove("NgayTiepNhan");
        submitted.remove("NgayHenTra");
        Fixtures.dossierFile(landing, "2024-03-04", "part-00000.jsonl", List.of(
                Fixtures.line(Fixtures.dossier("D1", "20240304100000", 2)), Fixtures.line(submitted)));
        Fixtures.ratingsFile(landing, "2024-03-04", "D1,20240304150000,3");
        Fixtures.feedbackFile(landing, "2024-03-04", "PAKN-1,D1,XA-001,20240304100000,20240310170000,,0,");
        // the second night: D2 is received (its row moves from February's partition to March's), D3 is new
        ObjectNode received = Fixtures.dossier("D2", "20240305100000", 2).put("NgayNopHoSo", "20240228080000")
                .put("NgayTiepNhan", "20240305090000").put("NgayHenTra", "20240307170000");
        Fixtures.dossierFile(landing, NIGHT, "part-00000.jsonl", List.of(Fixtures.line(received),
                Fixtures.line(Fixtures.dossier("D1", "20240305120000", 4)),
                Fixtures.line(Fixtures.dossier("D3", "20240305130000", 2).put("NgayTiepNhan", "20240305090000"))));
        Fixtures.ratingsFile(landing, NIGHT, "D2,20240305150000,1");
        Fixtures.feedbackFile(landing, NIGHT, "PAKN-1,D1,XA-001,20240304100000,20240310170000,20240305090000,1,1");
        Files.writeString(root.resolve("hoso.yaml"), "spark:\n  conf:\n    spark.sql.shuffle.partitions: 2\n");

        before = root.resolve("before");
        assertThat(run(before, "--date", "2024-03-04").code()).isZero();
        reference = root.resolve("reference");
        org.apache.commons.io.FileUtils.copyDirectory(before.toFile(), reference.toFile());
        assertThat(run(reference, "--date", NIGHT).code()).isZero();
        assertThat(rows(reference, IngestJob.HISTORY)).as("the fixture has a history").isGreaterThan(2);
    }

    @org.junit.jupiter.api.AfterAll
    static void cleanUp() throws Exception {
        org.apache.commons.io.FileUtils.deleteDirectory(root.toFile());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest:scratch", "swap:silver.dossier_snapshots", "swapped:silver.dossiers",
            "swap:gold.plan_scorecard", "publish:dossiers"})
    void aRunKilledAtAWriteStepThenRunAgainGivesTheUninterruptedWarehouse(String step) throws Exception {
        Path wh = root.resolve("killed-" + step.replaceAll("[^a-z]", "-"));
        org.apache.commons.io.FileUtils.copyDirectory(before.toFile(), wh.toFile());
        Path log = root.resolve(wh.getFileName() + ".log");
        List<String> cmd = childJvm(args(wh, "--date", NIGHT));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("HOSO_KILL_AT", step);
        Process child = pb.start();
        assertThat(child.waitFor(20, TimeUnit.MINUTES)).as("the killed run ends").isTrue();
        assertThat(child.exitValue()).as(Files.readString(log)).isEqualTo(CrashPoint.EXIT);
        assertThat(Files.readString(log)).contains("HOSO_KILL_AT=" + step + ": halting");
        assertThat(wh.resolve("ops/lock.json")).as("the killed run's lock is left behind").exists();

        CliTest.Result again = run(wh, "--date", NIGHT);
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(wh.resolve("ops/lock.json")).doesNotExist();
        List<String> differences = new ArrayList<>();
        for (TableSpec spec : TABLES) {
            differences.addAll(differences(reference, wh, spec));
            assertThat(wh.resolve(spec.layer()).resolve(spec.name()).resolve("_staging")).doesNotExist();
        }
        assertThat(wh.resolve("_commits")).doesNotExist();
        assertThat(wh.resolve("_scratch/ingest")).doesNotExist();
        assertThat(differences).isEmpty();
        for (TableSpec spec : PublishJob.TABLES) {
            if (!spec.layer().equals("ops")) {
                assertThat(published(wh, spec)).as(spec.name()).isEqualTo(published(reference, spec));
            }
        }
    }

    private static String[] args(Path wh, String... dates) {
        List<String> a = new ArrayList<>(List.of("run"));
        a.addAll(List.of(dates));
        a.addAll(List.of("--landing", landing.toString(), "--warehouse", wh.toString(), "--demo-secret",
                "--config", root.resolve("hoso.yaml").toString()));
        return a.toArray(String[]::new);
    }

    /** {@code hoso args} in a child JVM with this test JVM's flags (Surefire's argLine) and classpath. */
    private static List<String> childJvm(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static CliTest.Result run(Path wh, String... dates) {
        return CliTest.execute(args(wh, dates));
    }

    private static String source(Path wh, TableSpec spec) {
        Path dir = wh.resolve(spec.layer()).resolve(spec.name()).toAbsolutePath();
        String glob = dir + (spec.isPartitioned() ? "/*/*.parquet" : "/*.parquet");
        return "(select " + String.join(", ", spec.columnNames()) + " from read_parquet('" + glob + "'"
                + (spec.isPartitioned() ? ", hive_partitioning = true" : "") + "))";
    }

    private static boolean hasFiles(Path wh, TableSpec spec) throws Exception {
        Path dir = wh.resolve(spec.layer()).resolve(spec.name());
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (var s = Files.walk(dir)) {
            return s.anyMatch(p -> p.toString().endsWith(".parquet") && !p.toString().contains("/_"));
        }
    }

    private static long rows(Path wh, TableSpec spec) throws Exception {
        return count("select count(*) from " + source(wh, spec));
    }

    /** Rows in one warehouse's table and not the other's, counted with duplicates (EXCEPT ALL both ways). */
    private static List<String> differences(Path expected, Path actual, TableSpec spec) throws Exception {
        boolean e = hasFiles(expected, spec);
        boolean a = hasFiles(actual, spec);
        if (!e || !a) {
            long n = (e ? rows(expected, spec) : 0) + (a ? rows(actual, spec) : 0);
            return n == 0 ? List.of() : List.of(spec.name() + ": only one warehouse has rows");
        }
        long missing = count("select count(*) from (" + source(expected, spec) + " except all " + source(actual, spec) + ")");
        long extra = count("select count(*) from (" + source(actual, spec) + " except all " + source(expected, spec) + ")");
        return missing == 0 && extra == 0 ? List.of()
                : List.of(spec.name() + ": " + missing + " rows missing, " + extra + " rows extra");
    }

    private static long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The published table's rows as sorted text. */
    private static List<String> published(Path wh, TableSpec spec) throws Exception {
        try (vn.hoso.publish.Warehouse w = new vn.hoso.publish.Warehouse(wh.resolve("hoso.duckdb"))) {
            return w.query("select * from " + spec.name(), Map.of()).rows().stream().map(Object::toString).sorted().toList();
        }
    }
}
