package vn.hoso.tools;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.hoso.bench.Bench;
import vn.hoso.bench.BenchReport;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code hoso bench}: the benchmark of issue 7, also a correctness check against a DuckDB-only baseline. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmark: generate (or reuse) N dossiers in DIR/landing, then time (a) a full rebuild "
                + "(ingest, check, marts, publish, each a child JVM), (b) a nightly run of the last export date on top, "
                + "and (c) a DuckDB-only baseline from the landing files. Writes bench.md and bench.json; exits 4 when "
                + "(a) and (c) disagree on the province priority list or KPIs."})
public class BenchCommand implements Callable<Integer> {
    public static final int EXIT_DISAGREE = 4;

    @Option(names = "--dossiers", defaultValue = "1000000", description = "Dossiers to generate (default ${DEFAULT-VALUE}).")
    long dossiers;

    @Option(names = "--dir", defaultValue = "bench-data", paramLabel = "DIR",
            description = "Work folder; DIR/landing is reused when generated with the same --dossiers and --seed (default ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--seed", defaultValue = "42", description = "Generator seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--from-year", defaultValue = "2023", description = "First year of the generated history, to 2025 (default ${DEFAULT-VALUE}).")
    int fromYear;

    @Option(names = "--out", paramLabel = "DIR", description = "Where bench.md and bench.json go (default: --dir).")
    Path out;

    @Option(names = "--config", paramLabel = "FILE", description = "A hoso.yaml passed to every pipeline stage, for Spark "
            + "settings (spark.master, spark.conf). The baseline assumes the default min_n and province scope.")
    Path config;

    @Override
    public Integer call() throws Exception {
        if (dossiers < 1) {
            throw new IllegalArgumentException("--dossiers must be at least 1");
        }
        BenchReport report = new Bench(new Bench.Config(dossiers, seed, dir, out == null ? dir : out, fromYear, config),
                line -> System.err.println("bench: " + line)).run();
        System.out.print(report.markdown());
        System.out.println("\nwritten: " + (out == null ? dir : out).resolve("bench.md") + ", bench.json");
        return report.agrees() ? 0 : EXIT_DISAGREE;
    }
}
