package vn.hoso.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark's results as Markdown and JSON.
 *
 * @param differences        (a) vs (c): rows where gold and the baseline disagree (empty = agree)
 * @param compared           {gold kpi, baseline kpi, gold priority, baseline priority} rows of that comparison
 * @param nightlyDifferences gold after (b) vs the baseline over every export date
 * @param nightlyCompared    the row counts of that comparison
 * @param landingCounts      per dated feed, as the baseline counts the landing of (a): {read, accepted, quarantined, re-exports}
 */
public record BenchReport(long dossiers, long seed, String nightlyDate, String machine, List<StageResult> stages,
                          List<String> differences, long[] compared, List<String> nightlyDifferences,
                          long[] nightlyCompared, Map<String, long[]> landingCounts) {
    /** The parts whose wall times add up to a total (verify is a check only). */
    static final List<String> TIMED_PARTS = List.of("full", "nightly", "duckdb");

    public double total(String part) {
        return stages.stream().filter(s -> s.part().equals(part)).mapToDouble(StageResult::seconds).sum();
    }

    public long peak(String part) {
        return stages.stream().filter(s -> s.part().equals(part)).mapToLong(StageResult::peakRss).max().orElse(-1);
    }

    public double fullOverDuckdb() {
        return total("duckdb") > 0 ? total("full") / total("duckdb") : Double.NaN;
    }

    public double nightlyOverFull() {
        return total("full") > 0 ? total("nightly") / total("full") : Double.NaN;
    }

    /** Both comparisons found no difference. */
    public boolean agrees() {
        return differences.isEmpty() && nightlyDifferences.isEmpty();
    }

    static String mib(long bytes) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%,d MiB", bytes / (1024 * 1024));
    }

    private static String seconds(double s) {
        return s < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f", s);
    }

    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "# hoso bench: %,d dossiers (seed %d)%n%n", dossiers, seed));
        md.append("Machine: ").append(machine).append("  \n");
        md.append("(a) full rebuild of every export date but the last; (b) nightly run of the last, ").append(nightlyDate)
                .append(", on top; (c) DuckDB-only baseline on the same files as (a), DuckDB memory_limit "
                + Baseline.MEMORY_LIMIT + ". Each stage is a child JVM.\n\n");
        md.append("| part | stage | wall s | records | records/s | peak RSS | GC pauses s | exit |\n"
                + "|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (StageResult s : stages) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %,d | %,.0f | %s | %s | %d |%n", s.part(), s.stage(),
                    s.seconds(), s.records(), s.recordsPerSecond(), mib(s.peakRss()), seconds(s.gcPauseSeconds()), s.exitCode()));
        }
        for (String part : TIMED_PARTS) {
            md.append(String.format(Locale.ROOT, "| **%s** | total | **%.1f** | | | %s | | |%n", part, total(part), mib(peak(part))));
        }
        md.append(String.format(Locale.ROOT, "%nRatios: full / DuckDB = **%.2f**; nightly / full = **%.3f**%n",
                fullOverDuckdb(), nightlyOverFull()));
        if (landingCounts != null && !landingCounts.isEmpty()) {
            md.append("\nLanding of (a), as the baseline counts it: ");
            landingCounts.forEach((feed, c) -> md.append(String.format(Locale.ROOT,
                    "%s %,d read = %,d accepted + %,d quarantined + %,d re-exports; ", feed, c[0], c[1], c[2], c[3])));
            md.setLength(md.length() - 2);
            md.append(".\n");
        }
        correctness(md, "(a) vs (c)", differences, compared);
        correctness(md, "(a)+(b) vs the baseline over every export date", nightlyDifferences, nightlyCompared);
        md.append("\n## Where the time went (from the stage logs; steps of 1 s or more)\n\n");
        for (StageResult s : stages) {
            List<StageProfile.Step> steps = s.steps().stream().filter(x -> x.seconds() >= 1).limit(8).toList();
            if (steps.isEmpty()) {
                continue;
            }
            md.append("- **").append(s.part()).append(' ').append(s.stage()).append("**: ");
            md.append(String.join("; ", steps.stream()
                    .map(x -> String.format(Locale.ROOT, "%s %.0f s", x.step(), x.seconds())).toList()));
            md.append('\n');
        }
        return md.toString();
    }

    private static void correctness(StringBuilder md, String title, List<String> diffs, long[] counts) {
        md.append(String.format(Locale.ROOT,
                "%nCorrectness %s: %s — %d gold / %d baseline province yearly KPI rows (every KPI), "
                        + "%d / %d province priority rows (every column).%n",
                title, diffs.isEmpty() ? "**agree**" : "**DISAGREE (" + diffs.size() + " rows)**",
                counts[0], counts[1], counts[2], counts[3]));
        for (String d : diffs.subList(0, Math.min(50, diffs.size()))) {
            md.append("- ").append(d).append('\n');
        }
    }

    public String json() {
        ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = om.createObjectNode();
        root.put("dossiers", dossiers).put("seed", seed).put("nightly_date", nightlyDate).put("machine", machine);
        ArrayNode arr = root.putArray("stages");
        for (StageResult s : stages) {
            ObjectNode o = arr.addObject().put("part", s.part()).put("stage", s.stage()).put("seconds", round(s.seconds()))
                    .put("records", s.records()).put("records_per_second", Math.round(s.recordsPerSecond()))
                    .put("peak_rss_bytes", s.peakRss()).put("gc_pause_seconds", round(s.gcPauseSeconds()))
                    .put("exit_code", s.exitCode());
            ArrayNode steps = o.putArray("steps");
            s.steps().forEach(x -> steps.addObject().put("step", x.step()).put("seconds", round(x.seconds())));
        }
        ObjectNode totals = root.putObject("totals_seconds");
        for (String part : List.of("generate", "full", "nightly", "duckdb", "verify")) {
            totals.put(part, round(total(part)));
        }
        ObjectNode peaks = root.putObject("peak_rss_bytes");
        for (String part : TIMED_PARTS) {
            peaks.put(part, peak(part));
        }
        root.putObject("ratios").put("full_over_duckdb", round(fullOverDuckdb())).put("nightly_over_full", round(nightlyOverFull()));
        if (landingCounts != null) {
            ObjectNode lc = root.putObject("landing_counts");
            landingCounts.forEach((feed, c) -> lc.putObject(feed).put("read", c[0]).put("accepted", c[1])
                    .put("quarantined", c[2]).put("re_exports", c[3]));
        }
        ObjectNode corr = root.putObject("correctness");
        corr.put("agrees", agrees());
        comparison(corr.putObject("full_vs_duckdb"), differences, compared);
        comparison(corr.putObject("after_nightly_vs_duckdb"), nightlyDifferences, nightlyCompared);
        try {
            return om.writeValueAsString(root);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void comparison(ObjectNode o, List<String> diffs, long[] counts) {
        o.put("agrees", diffs.isEmpty()).put("gold_kpi_rows", counts[0]).put("baseline_kpi_rows", counts[1])
                .put("gold_priority_rows", counts[2]).put("baseline_priority_rows", counts[3]);
        o.putPOJO("kpi_columns", Baseline.KPI_COLUMNS);
        o.putPOJO("priority_columns", Baseline.PRIORITY_COLUMNS);
        o.putPOJO("differences", diffs);
    }

    private static double round(double v) {
        return Double.isNaN(v) ? v : Math.round(v * 1000) / 1000.0;
    }
}
