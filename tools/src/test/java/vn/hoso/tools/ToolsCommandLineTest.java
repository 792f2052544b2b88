package vn.hoso.tools;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** The launcher's command line: the product's subcommands, then the tools', then help, all configured alike. */
class ToolsCommandLineTest {
    private static String[] run(String... args) {
        CommandLine cl = Tools.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new String[]{Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void theLaunchersHosoHasTheProductsCommandsAndTheTools() {
        assertThat(Tools.commandLine().getSubcommands().keySet()).containsExactly("ingest", "check", "marts", "publish",
                "run", "query", "priority", "scorecard", "unlock", "generate", "demo", "bench", "help");
        String[] help = run("help", "generate");
        assertThat(help[0]).isEqualTo("0");
        assertThat(help[1]).contains("--dossiers", "--until");
    }

    @Test
    void aToolsDateOptionGetsTheProductsDateMessage() {
        String[] r = run("generate", "--until", "2025-13-01", "--landing", "unused");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains("'2025-13-01' is not a date of the form YYYY-MM-DD");
    }

    @Test
    void aToolsBadArgumentIsOneLineWithTheUserErrorExitCode() {
        String[] r = run("bench", "--dossiers", "0");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains("hoso: --dossiers must be at least 1").doesNotContain("Exception");
    }
}
