package vn.hoso.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import vn.hoso.generate.GenerationSummary;
import vn.hoso.generate.Generator;
import vn.hoso.generate.GeneratorConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code hoso bench}: generate (or reuse) a landing zone, hold its last export date back, then time
 * (a) a full rebuild stage by stage, (c) the DuckDB-only baseline on the same files and compare the two,
 * and (b) the nightly run of the held-back date on top. Every timed stage is a child JVM.
 */
public final class Bench {
    static final List<String> FEEDS = List.of("dossiers", "ratings", "feedback");
    /** How long the generation of a landing zone took (seconds, records, peak_rss_bytes), beside its summary. */
    static final String GENERATE_TIMING = "_generator/bench-generate.json";

    /**
     * @param dir      folder of landing/, warehouse/, held/, logs/ and baseline.duckdb
     * @param out      where bench.md and bench.json go
     * @param pipelineConfig a hoso.yaml passed to the pipeline's stages as --config (Spark settings), or null
     */
    public record Config(long dossiers, long seed, Path dir, Path out, int fromYear, Path pipelineConfig) {
        public Config(long dossiers, long seed, Path dir, Path out) {
            this(dossiers, seed, dir, out, 2023, null);
        }

        public Config(long dossiers, long seed, Path dir, Path out, int fromYear) {
            this(dossiers, seed, dir, out, fromYear, null);
        }
    }

    private final Config config;
    private final Consumer<String> progress;

    public Bench(Config config, Consumer<String> progress) {
        this.config = config;
        this.progress = progress;
    }

    public BenchReport run() throws Exception {
        Path landing = config.dir().resolve("landing");
        Path held = config.dir().resolve("held");
        Path warehouse = config.dir().resolve("warehouse");
        Path logs = config.dir().resolve("logs");
        restore(held, landing);
        String loadAtStart = loadAverage();
        List<StageResult> stages = new ArrayList<>();
        stages.add(generateOrReuse(landing));

        JsonNode summary = new ObjectMapper().readTree(landing.resolve("_generator/summary.json").toFile());
        String last = summary.get("lastExportDate").asText();
        long total = summary.get("snapshotLines").asLong() + summary.get("reExportLines").asLong()
                + summary.get("ratingsRows").asLong() + summary.get("feedbackRows").asLong();
        long nightlyRecords = 0;
        for (String feed : FEEDS) {
            nightlyRecords += records(landing.resolve(feed).resolve("date=" + last), !feed.equals("dossiers"));
        }
        long fullRecords = total - nightlyRecords;

        List<String> differences;
        long[] compared;
        java.util.Map<String, long[]> landingCounts;
        try {
            for (String feed : FEEDS) {
                Path from = landing.resolve(feed).resolve("date=" + last);
                if (Files.exists(from)) {
                    Files.createDirectories(held.resolve(feed));
                    Files.move(from, held.resolve(feed).resolve("date=" + last));
                }
            }
            progress.accept("held back export date " + last + " for the nightly run (" + nightlyRecords + " records)");
            deleteTree(warehouse);
            deleteTree(logs);
            List<String> common = pipelineOptions(landing, warehouse);
            for (String stage : List.of("ingest", "check", "marts", "publish")) {
                List<String> args = new ArrayList<>(List.of(stage));
                if (!stage.equals("publish")) {
                    args.add("--full");
                }
                args.addAll(common);
                StageResult r = ChildStage.run("full", stage, args, fullRecords, logs.resolve("full-" + stage + ".log"), progress);
                stages.add(r);
                failIfNonZero(r, logs.resolve("full-" + stage + ".log"));
            }
            Path baseDb = config.dir().resolve("baseline.duckdb");
            StageResult base = ChildStage.run("duckdb", "baseline", Baseline.class.getName(),
                    List.of(landing.toString(), baseDb.toString()), fullRecords, logs.resolve("duckdb-baseline.log"), progress);
            stages.add(base);
            failIfNonZero(base, logs.resolve("duckdb-baseline.log"));
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
                Baseline.attach(c, baseDb, warehouse);
                differences = Baseline.differences(c);
                compared = Baseline.counts(c);
                landingCounts = Baseline.landingCounts(c);
            }
            progress.accept("(a) vs (c): " + (differences.isEmpty() ? "agree" : differences.size() + " rows differ"));
        } finally {
            restore(held, landing);
        }
        List<String> nightly = new ArrayList<>(List.of("run", "--date", last));
        nightly.addAll(pipelineOptions(landing, warehouse));
        StageResult n = ChildStage.run("nightly", "run --date " + last, nightly, nightlyRecords,
                logs.resolve("nightly-run.log"), progress);
        stages.add(n);
        failIfNonZero(n, logs.resolve("nightly-run.log"));

        // a check, not part of the ratios: gold after the nightly run equals the baseline over every export date
        Path verifyDb = config.dir().resolve("baseline-after-nightly.duckdb");
        StageResult v = ChildStage.run("verify", "baseline incl. " + last, Baseline.class.getName(),
                List.of(landing.toString(), verifyDb.toString()), total, logs.resolve("verify-baseline.log"), progress);
        stages.add(v);
        failIfNonZero(v, logs.resolve("verify-baseline.log"));
        List<String> nightlyDifferences;
        long[] nightlyCompared;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            Baseline.attach(c, verifyDb, warehouse);
            nightlyDifferences = Baseline.differences(c);
            nightlyCompared = Baseline.counts(c);
        }
        progress.accept("(a)+(b) vs baseline incl. " + last + ": "
                + (nightlyDifferences.isEmpty() ? "agree" : nightlyDifferences.size() + " rows differ"));

        BenchReport report = new BenchReport(config.dossiers(), config.seed(), last, machine(loadAtStart), stages, differences, compared,
                nightlyDifferences, nightlyCompared, landingCounts);
        Files.createDirectories(config.out());
        Files.writeString(config.out().resolve("bench.md"), report.markdown());
        Files.writeString(config.out().resolve("bench.json"), report.json());
        return report;
    }

    /** The options every pipeline stage gets: the folders, the demo secret, and the config file if one was given. */
    private List<String> pipelineOptions(Path landing, Path warehouse) {
        List<String> out = new ArrayList<>(List.of("--landing", landing.toString(), "--warehouse", warehouse.toString(),
                "--demo-secret"));
        if (config.pipelineConfig() != null) {
            out.addAll(List.of("--config", config.pipelineConfig().toAbsolutePath().toString()));
        }
        return out;
    }

    private StageResult generateOrReuse(Path landing) throws IOException {
        Path summary = landing.resolve("_generator/summary.json");
        if (Files.exists(summary)) {
            JsonNode cfg = new ObjectMapper().readTree(summary.toFile()).get("config");
            if (cfg != null && cfg.get("dossiers").asLong() == config.dossiers() && cfg.get("seed").asLong() == config.seed()
                    && cfg.get("badRate").asDouble() == 0.0 && cfg.get("fromYear").asInt() == config.fromYear()) {
                progress.accept("reusing " + landing + " (" + config.dossiers() + " dossiers, seed " + config.seed() + ")");
                Path timing = landing.resolve(GENERATE_TIMING);
                if (Files.exists(timing)) {
                    JsonNode t = new ObjectMapper().readTree(timing.toFile());
                    return new StageResult("generate", "reused (generated earlier)", t.get("seconds").asDouble(),
                            t.get("records").asLong(), t.get("peak_rss_bytes").asLong(), 0);
                }
                return new StageResult("generate", "reused", 0, 0, -1, 0);
            }
        }
        deleteTree(landing);
        long start = System.nanoTime();
        GenerationSummary s = Generator.generate(
                new GeneratorConfig(landing, config.fromYear(), 2025, config.dossiers(), config.seed(), 0.0, false, null),
                line -> progress.accept("generate: " + line));
        double seconds = (System.nanoTime() - start) / 1e9;
        long lines = s.snapshotLines() + s.reExportLines() + s.ratingsRows() + s.feedbackRows();
        long peak = ChildStage.vmHwm(Path.of("/proc/self/status"));
        // kept beside the generator's summary (a _ folder is not data) so that a reused landing still reports it
        Files.writeString(landing.resolve(GENERATE_TIMING), new ObjectMapper().createObjectNode().put("seconds", seconds)
                .put("records", lines).put("peak_rss_bytes", peak).toString());
        return new StageResult("generate", "generate", seconds, lines, peak, 0);
    }

    private static void failIfNonZero(StageResult r, Path log) throws IOException {
        if (r.exitCode() != 0) {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
            throw new IllegalStateException(r.part() + "/" + r.stage() + " exited with " + r.exitCode() + " (log " + log + "):\n" + tail);
        }
    }

    /** Moves held-back date folders back into the landing zone. */
    static void restore(Path held, Path landing) throws IOException {
        if (!Files.exists(held)) {
            return;
        }
        for (String feed : FEEDS) {
            Path dir = held.resolve(feed);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> dates = Files.list(dir)) {
                for (Path d : dates.toList()) {
                    Files.move(d, landing.resolve(feed).resolve(d.getFileName()));
                }
            }
        }
        deleteTree(held);
    }

    /** Lines of the files in one date folder, less a header line per CSV file. */
    static long records(Path dateDir, boolean csv) throws IOException {
        if (!Files.isDirectory(dateDir)) {
            return 0;
        }
        long n = 0;
        try (Stream<Path> files = Files.list(dateDir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = f.getFileName().toString();
                if (name.startsWith("_") || name.startsWith(".")) {
                    continue;
                }
                try (Stream<String> lines = Files.lines(f)) {
                    n += lines.filter(l -> !l.isBlank()).count() - (csv ? 1 : 0);
                }
            }
        }
        return n;
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            walk.sorted(Comparator.reverseOrder()).forEach(x -> {
                try {
                    Files.delete(x);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** The 1-minute load average (other work on the machine skews the timings), or "n/a". */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    static String machine(String loadAtStart) {
        long memKb = 0;
        try {
            for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (l.startsWith("MemTotal:")) {
                    memKb = Long.parseLong(l.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux
        }
        List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
        String heap = jvmArgs.stream().filter(a -> a.startsWith("-Xmx")).reduce((a, b) -> b).orElse("default heap");
        boolean cds = jvmArgs.stream().anyMatch(a -> a.startsWith("-XX:SharedArchiveFile"));
        boolean jit = jvmArgs.stream().anyMatch(a -> a.startsWith("-XX:CompilerDirectivesFile"));
        return String.format("%d cores, %d GiB RAM, Java %s, stages with %s, %s and %s; load average %s at the start, %s at the end",
                Runtime.getRuntime().availableProcessors(), Math.round(memKb / 1024.0 / 1024.0),
                System.getProperty("java.version"), heap, cds ? "the launcher's class-data archive" : "no class-data archive",
                jit ? "the launcher's JIT directives" : "no JIT directives", loadAtStart, loadAverage());
    }
}
