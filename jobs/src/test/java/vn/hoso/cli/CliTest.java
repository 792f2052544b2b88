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
        CommandLine cl = Main.commandLine();
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
        assertThat(r.out()).contains("generate", "ingest", "run", "demo");
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
}
