package vn.hoso.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line without Spark: usage and user errors give one clear line and a non-zero exit. */
public class CliTest {
    @TempDir
    Path tmp;

    public record Result(int code, String out, String err) {
    }

    public static Result execute(String... args) {
        return execute(Main.commandLine(), args);
    }

    /** {@code args} on that command line (the tools' tests pass the launcher's), capturing its output. */
    public static Result execute(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void helpListsTheSubcommands() {
        Result r = execute("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("ingest", "check", "marts", "publish", "run", "query", "priority", "scorecard", "unlock");
    }

    /** The product's command line (hoso-cluster.jar's main) has none of the tools; the launcher adds them. */
    @Test
    void theProductHasNoToolCommands() {
        assertThat(Main.commandLine().getSubcommands().keySet())
                .containsExactly("ingest", "check", "marts", "publish", "run", "query", "priority", "scorecard", "index766", "report", "unlock", "help")
                .doesNotContain("generate", "demo", "bench");
    }

    @Test
    void aBadDateIsOneClearLine() {
        Result r = execute("run", "--date", "2024-13-01", "--demo-secret");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("'2024-13-01' is not a date of the form YYYY-MM-DD").doesNotContain("Exception");
    }

    @Test
    void runNeedsExactlyOneWayToChooseDates() {
        assertThat(execute("run", "--demo-secret").code()).isEqualTo(2);
        Result both = execute("run", "--date", "2024-01-01", "--full", "--demo-secret");
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
        Result backwards = execute("run", "--from", "2024-02-01", "--to", "2024-01-01", "--demo-secret",
                "--landing", tmp.toString());
        assertThat(backwards.code()).isEqualTo(2);
        assertThat(backwards.err()).contains("--to 2024-01-01 is before --from 2024-02-01");
    }

    @Test
    void anUnknownOptionIsRejected() {
        Result r = execute("run", "--dat", "2024-01-01");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown options: '--dat'").contains("Possible solutions: --date");
    }

    @Test
    void aMissingSecretIsExplainedBeforeSparkStarts() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("HOSO_PSEUDONYM_SECRET") == null);
        Result r = execute("run", "--date", "2024-01-01", "--landing", tmp.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("HOSO_PSEUDONYM_SECRET");
    }

    @Test
    void aMissingLandingFolderSaysHowToMakeOne() {
        Result r = execute("run", "--date", "2024-01-01", "--demo-secret", "--landing", tmp.resolve("nowhere").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("landing folder").contains("does not exist").contains("hoso generate")
                .doesNotContain("Exception");
    }

    /** A landing zone with a catalogue and one night's dossier file: enough for a dry run. */
    private Path landing() throws java.io.IOException {
        Path landing = tmp.resolve("landing");
        java.nio.file.Files.createDirectories(landing.resolve("catalog"));
        for (String f : new String[]{"procedures", "units", "civil_servants"}) {
            java.nio.file.Files.writeString(landing.resolve("catalog/" + f + ".csv"), "header\n");
        }
        java.nio.file.Files.createDirectories(landing.resolve("dossiers/date=2024-03-04"));
        java.nio.file.Files.writeString(landing.resolve("dossiers/date=2024-03-04/part-00000.jsonl"), "{}\n");
        return landing;
    }

    @Test
    void everyStageAcceptsDryRunAndStartsNothing() throws Exception {
        String landing = landing().toString();
        String warehouse = tmp.resolve("wh").toString();
        for (String stage : new String[]{"ingest", "check", "marts", "run"}) {
            Result r = execute(stage, "--date", "2024-03-04", "--landing", landing, "--warehouse", warehouse,
                    "--demo-secret", "--dry-run");
            assertThat(r.code()).as(stage + ": " + r.err()).isZero();
        }
        Result publish = execute("publish", "--date", "2024-03-04", "--warehouse", warehouse, "--dry-run");
        assertThat(publish.code()).as(publish.err()).isZero();
        assertThat(java.nio.file.Files.exists(tmp.resolve("wh"))).as("a dry run writes nothing").isFalse();
    }

    @Test
    void aDryRunPrintsThePlan() throws Exception {
        String landing = landing().toString();
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.out;
        System.setOut(new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertThat(execute("ingest", "--from", "2024-03-03", "--to", "2024-03-04", "--landing", landing,
                    "--warehouse", tmp.resolve("wh").toString(), "--demo-secret", "--dry-run").code()).isZero();
            assertThat(execute("marts", "--date", "2024-03-04", "--warehouse", tmp.resolve("wh").toString(), "--dry-run").code()).isZero();
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(out).contains("dry run of hoso ingest for backfill 2024-03-03..2024-03-04")
                .contains("2 requested (2024-03-03..2024-03-04), 1 with landing folders")
                .contains("dossiers 1, ratings 0, feedback 0")
                .contains("missing holidays, unit_procedures, qd766_manual, qd766_portal (optional: their tables stay empty)")
                .contains("the demo secret")
                .contains("dry run of hoso marts for nightly 2024-03-04")
                .contains("the ingest of nightly 2024-03-04 (none in this warehouse yet)");
    }

    @Test
    void aDryRunStillRejectsWhatTheRealRunWould() throws Exception {
        Result noLanding = execute("ingest", "--date", "2024-03-04", "--landing", tmp.resolve("nowhere").toString(),
                "--demo-secret", "--dry-run");
        assertThat(noLanding.code()).isEqualTo(2);
        assertThat(noLanding.err()).contains("does not exist");
        Result badConfig = execute("marts", "--date", "2024-03-04", "--config", tmp.resolve("none.yaml").toString(), "--dry-run");
        assertThat(badConfig.code()).isEqualTo(2);
        assertThat(badConfig.err()).contains("config file").contains("does not exist");
        Result badOption = execute("check", "--date", "2024-03-04", "--dry-run", "--warehose", "x");
        assertThat(badOption.code()).isEqualTo(2);
        Result emptyLanding = execute("run", "--full", "--landing", tmp.toString(), "--demo-secret", "--dry-run");
        assertThat(emptyLanding.code()).isEqualTo(2);
        assertThat(emptyLanding.err()).contains("has no dossiers/, ratings/ or feedback/ date= folders");
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("HOSO_PSEUDONYM_SECRET") == null);
        Result noSecret = execute("ingest", "--date", "2024-03-04", "--landing", landing().toString(), "--dry-run");
        assertThat(noSecret.code()).isEqualTo(2);
        assertThat(noSecret.err()).contains("HOSO_PSEUDONYM_SECRET");
    }

    @Test
    void queryPrintsDatesAndTimestampsAsCsvAndJson() throws Exception {
        java.nio.file.Path db = tmp.resolve("dates.duckdb");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + db);
             java.sql.Statement st = c.createStatement()) {
            st.execute("create table t as select date '2024-03-04' as d, timestamp '2024-03-04 09:00:00' as ts, 'a' as s");
        }
        Result csv = execute("query", "--db", db.toString(), "--format", "csv", "select d, ts, s from t");
        assertThat(csv.err()).isEmpty();
        assertThat(csv.code()).isZero();
        assertThat(csv.out()).isEqualTo("d,ts,s\n2024-03-04,2024-03-04T09:00:00,a\n");
        Result json = execute("query", "--db", db.toString(), "--format", "json", "select d, ts, s from t");
        assertThat(json.code()).isZero();
        assertThat(json.out()).contains("\"d\" : \"2024-03-04\"").contains("\"ts\" : \"2024-03-04T09:00:00\"");
    }
}
