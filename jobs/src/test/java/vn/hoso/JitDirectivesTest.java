package vn.hoso;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * jvm.jit.json, the compiler directives the launcher gives the Spark commands: a file HotSpot cannot parse
 * stops the JVM before it starts, so this Java must accept it, with the flags the launcher passes, and keep
 * stdout clean (analysts pipe `hoso` output).
 */
class JitDirectivesTest {
    @Test
    void theLaunchersDirectivesParseAndKeepC2OffTheGeneratedCode() throws IOException, InterruptedException {
        Path file = Path.of("jvm.jit.json").toAbsolutePath();
        assertThat(file).exists();
        Path launcher = Path.of("hoso");
        assertThat(Files.readString(launcher)).contains("-XX:+UnlockDiagnosticVMOptions -XX:+DisplayVMOutputToStderr "
                + "-XX:CompilerDirectivesFile=\"$here/jvm.jit.json\"");

        Path out = Files.createTempFile("jit", ".out");
        Path err = Files.createTempFile("jit", ".err");
        Process p = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-XX:+UnlockDiagnosticVMOptions", "-XX:+DisplayVMOutputToStderr", "-XX:CompilerDirectivesFile=" + file,
                "-XX:+CompilerDirectivesPrint", "-version"))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor()).isZero();
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(stderr).contains("1 compiler directives added")
                .contains("*GeneratedClass*.*").contains("org/codehaus/janino/*.*").contains("Exclude:true");
        assertThat(Files.readString(out)).isEmpty();
    }
}
