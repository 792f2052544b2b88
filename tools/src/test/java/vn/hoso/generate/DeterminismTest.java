package vn.hoso.generate;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class DeterminismTest {

    @Test
    void theSameSeedGivesByteIdenticalFilesAndAnotherSeedOtherData() throws IOException {
        GeneratorConfig a = Samples.config(2024, 2025, 2_000, 99, 0.05, true);
        GeneratorConfig b = Samples.config(2024, 2025, 2_000, 99, 0.05, true);
        GeneratorConfig other = Samples.config(2024, 2025, 2_000, 100, 0.05, true);
        Generator.generate(a, line -> { });
        Generator.generate(b, line -> { });
        Generator.generate(other, line -> { });

        List<Path> files = files(a.landing());
        assertThat(files).hasSizeGreaterThan(700).isEqualTo(files(b.landing()));
        for (Path f : files) {
            assertThat(Files.readAllBytes(b.landing().resolve(f)))
                    .as(f.toString()).isEqualTo(Files.readAllBytes(a.landing().resolve(f)));
        }
        for (String f : List.of("dossiers/date=2024-06-04/part-00000.jsonl.gz", "catalog/procedures.csv")) {
            assertThat(Files.readAllBytes(other.landing().resolve(f))).as(f)
                    .isNotEqualTo(Files.readAllBytes(a.landing().resolve(f)));
        }
    }

    @Test
    void faultsDoNotChangeTheGoodData() throws IOException {
        GeneratorConfig clean = Samples.config(2024, 2024, 1_000, 5, 0, false);
        GeneratorConfig faulty = Samples.config(2024, 2024, 1_000, 5, 0.1, false);
        Generator.generate(clean, line -> { });
        Generator.generate(faulty, line -> { });
        String day = "dossiers/date=2024-06-04/part-00000.jsonl";
        List<String> good = bytesAsText(clean.landing().resolve(day));
        List<String> withFaults = bytesAsText(faulty.landing().resolve(day));
        assertThat(withFaults).hasSizeGreaterThan(good.size()).containsAll(good);
    }

    /** Lines as Latin-1 text: one char per byte, so even invalid UTF-8 compares exactly. */
    private static List<String> bytesAsText(Path file) {
        return Landing.lines(file).stream().map(b -> new String(b, StandardCharsets.ISO_8859_1)).toList();
    }

    /** Relative paths of all files, sorted. */
    private static List<Path> files(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            List<Path> out = new ArrayList<>();
            all.filter(Files::isRegularFile).map(root::relativize).sorted().forEach(out::add);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
