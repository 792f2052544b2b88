package vn.hoso.tools;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.hoso.config.Settings;
import vn.hoso.generate.GenerationSummary;
import vn.hoso.generate.Generator;
import vn.hoso.generate.GeneratorConfig;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;

/** {@code hoso generate}: a synthetic landing zone in exactly the contract's format. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write a synthetic landing zone (Bình Định-like province) in the contract format.")
public class GenerateCommand implements Callable<Integer> {
    @Option(names = "--landing", paramLabel = "DIR", description = "Where to write. Default: $HOSO_LANDING, else " + Settings.DEFAULT_LANDING + ".")
    Path landing;

    @Option(names = "--from-year", defaultValue = "2023", description = "First year of dossiers (default ${DEFAULT-VALUE}).")
    int fromYear;

    @Option(names = "--to-year", defaultValue = "2025", description = "Last year of dossiers (default ${DEFAULT-VALUE}).")
    int toYear;

    @Option(names = "--dossiers", defaultValue = "20000", description = "Total number of dossiers (default ${DEFAULT-VALUE}).")
    long dossiers;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed: the same seed gives the same files (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--bad-rate", defaultValue = "0", description = "Share of extra faulty records to inject, 0..1 (default ${DEFAULT-VALUE}).")
    double badRate;

    @Option(names = "--gzip", description = "Write dossier files as .jsonl.gz.")
    boolean gzip;

    @Option(names = "--until", paramLabel = "YYYY-MM-DD", description = "Last export date (default: 31 Dec of --to-year).")
    LocalDate until;

    @Override
    public Integer call() {
        Path root = landing != null ? landing
                : Path.of(System.getenv().getOrDefault("HOSO_LANDING", Settings.DEFAULT_LANDING));
        GeneratorConfig config = new GeneratorConfig(root, fromYear, toYear, dossiers, seed, badRate, gzip, until);
        GenerationSummary summary = Generator.generate(config, line -> System.err.println("generate: " + line));
        System.out.println("wrote " + summary);
        System.out.println("landing zone: " + root.toAbsolutePath());
        return 0;
    }
}
