package vn.hoso.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;

/** The benchmark's results as Markdown and JSON. */
public record BenchReport(long dossiers, long seed, String nightlyDate, String machine, List<StageResult> stages,
                          List<String> differences, long[] compared) {

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

    public boolean agrees() {
        return differences.isEmpty();
    }

    static String mib(long bytes) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%,d MiB", bytes / (1024 * 1024));
    }

    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "# hoso bench: %,d dossiers (seed %d)%n%n", dossiers, seed));
        md.append("Machine: ").append(machine).append("  \n");
        md.append("Nightly (b) date: ").append(nightlyDate).append("\n\n");
        md.append("| part | stage | wall s | records | records/s | peak RSS | exit |\n|---|---|---:|---:|---:|---:|---:|\n");
        for (StageResult s : stages) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %,d | %,.0f | %s | %d |%n", s.part(), s.stage(),
                    s.seconds(), s.records(), s.recordsPerSecond(), mib(s.peakRss()), s.exitCode()));
        }
        for (String part : List.of("full", "nightly", "duckdb")) {
            md.append(String.format(Locale.ROOT, "| **%s** | total | **%.1f** | | | %s | |%n", part, total(part), mib(peak(part))));
        }
        md.append(String.format(Locale.ROOT, "%nRatios: full / DuckDB = **%.2f**; nightly / full = **%.3f**%n",
                fullOverDuckdb(), nightlyOverFull()));
        md.append(String.format(Locale.ROOT,
                "%nCorrectness (a) vs (c): %s — compared %d gold / %d baseline province KPI rows (%s) and %d / %d province priority rows.%n",
                agrees() ? "**agree**" : "**DISAGREE (" + differences.size() + " rows)**",
                compared[0], compared[1], String.join(", ", Baseline.KPIS), compared[2], compared[3]));
        for (String d : differences.subList(0, Math.min(50, differences.size()))) {
            md.append("- ").append(d).append('\n');
        }
        return md.toString();
    }

    public String json() {
        ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = om.createObjectNode();
        root.put("dossiers", dossiers).put("seed", seed).put("nightly_date", nightlyDate).put("machine", machine);
        ArrayNode arr = root.putArray("stages");
        for (StageResult s : stages) {
            arr.addObject().put("part", s.part()).put("stage", s.stage()).put("seconds", round(s.seconds()))
                    .put("records", s.records()).put("records_per_second", Math.round(s.recordsPerSecond()))
                    .put("peak_rss_bytes", s.peakRss()).put("exit_code", s.exitCode());
        }
        ObjectNode totals = root.putObject("totals_seconds");
        for (String part : List.of("generate", "full", "nightly", "duckdb")) {
            totals.put(part, round(total(part)));
        }
        root.putObject("ratios").put("full_over_duckdb", round(fullOverDuckdb())).put("nightly_over_full", round(nightlyOverFull()));
        ObjectNode corr = root.putObject("correctness");
        corr.put("agrees", agrees()).put("gold_kpi_rows", compared[0]).put("baseline_kpi_rows", compared[1])
                .put("gold_priority_rows", compared[2]).put("baseline_priority_rows", compared[3]);
        corr.putPOJO("kpis", Baseline.KPIS);
        corr.putPOJO("differences", differences);
        try {
            return om.writeValueAsString(root);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static double round(double v) {
        return Double.isNaN(v) ? v : Math.round(v * 1000) / 1000.0;
    }
}
