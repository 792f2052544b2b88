package vn.hoso.generate;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GeneratorConfigTest {
    private static final Path LANDING = Path.of("landing");

    @Test
    void untilDefaultsToTheEndOfTheLastYear() {
        GeneratorConfig c = new GeneratorConfig(LANDING, 2021, 2025, 1000, 1, 0, false, null);
        assertThat(c.until()).isEqualTo(LocalDate.of(2025, 12, 31));
        assertThat(c.lastSubmissionDay()).isEqualTo(LocalDate.of(2025, 12, 31));
    }

    @Test
    void anEarlierUntilAlsoEndsSubmissions() {
        GeneratorConfig c = new GeneratorConfig(LANDING, 2021, 2025, 1000, 1, 0, false, LocalDate.of(2025, 9, 30));
        assertThat(c.lastSubmissionDay()).isEqualTo(LocalDate.of(2025, 9, 30));
    }

    @Test
    void badValuesAreNamedInTheMessage() {
        assertThatThrownBy(() -> new GeneratorConfig(LANDING, 1999, 2025, 10, 1, 0, false, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1999");
        assertThatThrownBy(() -> new GeneratorConfig(LANDING, 2025, 2024, 10, 1, 0, false, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2024");
        assertThatThrownBy(() -> new GeneratorConfig(LANDING, 2021, 2025, 0, 1, 0, false, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dossiers 0");
        assertThatThrownBy(() -> new GeneratorConfig(LANDING, 2021, 2025, 10, 1, 1.5, false, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("badRate 1.5");
        assertThatThrownBy(() -> new GeneratorConfig(LANDING, 2021, 2025, 10, 1, Double.NaN, false, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> new GeneratorConfig(LANDING, 2021, 2025, 10, 1, 0, false, LocalDate.of(2020, 5, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2020-05-01");
        assertThatThrownBy(() -> new GeneratorConfig(null, 2021, 2025, 10, 1, 0, false, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("landing");
    }

    @Test
    void refusesToWriteIntoAFolderThatHoldsFiles() throws IOException {
        Path folder = Samples.newFolder("used-");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("keep.txt"), "someone's data");
        GeneratorConfig c = new GeneratorConfig(folder, 2024, 2024, 10, 1, 0, false, null);
        assertThatThrownBy(() -> Generator.generate(c, line -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(folder.toString());
        assertThat(folder.resolve("keep.txt")).exists();
    }
}
