package vn.hoso.generate;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** Landing zones generated once per test JVM and shared by the generator's tests, deleted at exit. */
final class Samples {
    /** 30,000 dossiers over 2023–2025 with 2% faulty lines: about 10,000 received in 2024. */
    static final GeneratorConfig SAMPLE = config(2023, 2025, 30_000, 20_240_101L, 0.02, false);

    private static Path sample;
    private static GenerationSummary sampleSummary;
    private static Landing.Scan scan;

    private Samples() {
    }

    static synchronized Path sample() {
        if (sample == null) {
            sample = SAMPLE.landing();
            sampleSummary = Generator.generate(SAMPLE, line -> { });
        }
        return sample;
    }

    static synchronized GenerationSummary sampleSummary() {
        sample();
        return sampleSummary;
    }

    /** The sample's dossier feed, read once. */
    static synchronized Landing.Scan scan() {
        if (scan == null) {
            scan = Landing.scan(sample());
        }
        return scan;
    }

    /** Each dossier's latest good snapshot in the sample, by MaHoSo. */
    static Map<String, JsonNode> latest() {
        return scan().latest();
    }

    static GeneratorConfig config(int from, int to, long dossiers, long seed, double badRate, boolean gzip) {
        return new GeneratorConfig(newFolder("landing-"), from, to, dossiers, seed, badRate, gzip, null);
    }

    /** A fresh folder path (not created) under a temporary directory removed when the JVM exits. */
    static Path newFolder(String prefix) {
        try {
            Path parent = Files.createTempDirectory("hoso-generate-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(parent)));
            return parent.resolve(prefix + "root");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: the folder is in the system's temporary directory
        }
    }
}
