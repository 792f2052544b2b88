package vn.hoso.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;

import static org.assertj.core.api.Assertions.assertThat;

/** ops/cluster/check_jar.sh, which the cluster test runs on target/hoso-cluster.jar, tells the tools' entries apart. */
class ClusterJarCheckTest {
    private static final List<String> PRODUCT = List.of("vn/hoso/cli/Main.class", "vn/hoso/pipeline/Pipeline.class",
            "sql/marts/kpi_values.sql");

    @TempDir
    Path tmp;

    @Test
    void aJarWithTheProductOnlyPasses() throws Exception {
        assertThat(check(jar("product.jar", PRODUCT))).isZero();
    }

    @Test
    void aJarWithAToolsEntryFails() throws Exception {
        for (String tool : List.of("vn/hoso/bench/Bench.class", "vn/hoso/generate/Generator.class",
                "vn/hoso/tools/Tools.class", "sql/bench/10_landing.sql")) {
            List<String> entries = new java.util.ArrayList<>(PRODUCT);
            entries.add(tool);
            assertThat(check(jar("with-tool.jar", entries))).as(tool).isEqualTo(1);
        }
    }

    @Test
    void aJarWithoutTheProductFails() throws Exception {
        assertThat(check(jar("empty.jar", List.of("vn/hoso/cli/Main.class")))).isEqualTo(1);
    }

    private Path jar(String name, List<String> entries) throws IOException {
        Path jar = tmp.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
            for (String e : entries) {
                j.putNextEntry(new ZipEntry(e));
                j.write("x".getBytes(StandardCharsets.UTF_8));
                j.closeEntry();
            }
        }
        return jar;
    }

    private static int check(Path jar) throws Exception {
        Process p = new ProcessBuilder("bash", "ops/cluster/check_jar.sh", jar.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor();
    }
}
