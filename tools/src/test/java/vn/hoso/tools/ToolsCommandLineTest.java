package vn.hoso.tools;

import org.junit.jupiter.api.Test;
import vn.hoso.cli.CliTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The launcher's command line: the product's subcommands, then the tools', then help, all configured alike. */
class ToolsCommandLineTest {
    private static CliTest.Result run(String... args) {
        return CliTest.execute(Tools.commandLine(), args);
    }

    @Test
    void theLaunchersHosoHasTheProductsCommandsAndTheTools() {
        assertThat(Tools.commandLine().getSubcommands().keySet()).containsExactly("ingest", "check", "marts", "publish",
                "run", "query", "priority", "scorecard", "index766", "report", "unlock", "generate", "demo", "bench", "help");
        CliTest.Result help = run("help", "generate");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("--dossiers", "--until");
    }

    @Test
    void aToolsDateOptionGetsTheProductsDateMessage() {
        CliTest.Result r = run("generate", "--until", "2025-13-01", "--landing", "unused");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("'2025-13-01' is not a date of the form YYYY-MM-DD");
    }

    @Test
    void aToolsBadArgumentIsOneLineWithTheUserErrorExitCode() {
        CliTest.Result r = run("bench", "--dossiers", "0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("hoso: --dossiers must be at least 1").doesNotContain("Exception");
    }
}
