package vn.hoso.marts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands the {@code {{ marker }}} lines of the SQL models from the KPI registry. The generated text holds
 * only KPI codes (checked as identifiers) and the registry's numerator / denominator expressions; values
 * stay bound parameters. Each marker becomes a comma-separated list, one item per line, indented as the marker.
 */
public final class KpiSql {
    private static final Pattern MARKER = Pattern.compile("(?m)^([ \\t]*)\\{\\{\\s*([a-z_]+)\\s*\\}\\}");

    private KpiSql() {
    }

    /** The text with every marker expanded; an unknown marker fails naming it. */
    public static String expand(String sql, Map<String, KpiCatalog.Kpi> registry, String source) {
        Matcher m = MARKER.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String indent = m.group(1);
            List<String> items = fragment(m.group(2), registry, source);
            m.appendReplacement(out, Matcher.quoteReplacement(indent + String.join(",\n" + indent, items)));
        }
        m.appendTail(out);
        if (out.indexOf("{{") >= 0) {
            throw new IllegalStateException(source + ": a '{{' that is not a marker on a line of its own");
        }
        return out.toString();
    }

    private static List<String> fragment(String marker, Map<String, KpiCatalog.Kpi> registry, String source) {
        Predicate<KpiCatalog.Kpi> dossier = k -> "dossier".equals(k.facts());
        Predicate<KpiCatalog.Kpi> priority = k -> k.priorityList();
        return switch (marker) {
            // int_kpi_inputs: <code>__num, <code>__den summed over the dossier facts
            case "kpi_wide_sums" -> each(registry, dossier, k -> List.of(
                    "sum(int(" + k.numerator() + ")) as " + k.code() + "__num",
                    (k.denominator() == null ? "cast(null as bigint)" : "sum(int(" + k.denominator() + "))") + " as " + k.code() + "__den"));
            case "kpi_rolled_up_sums" -> each(registry, dossier, KpiSql::rolledUp);
            case "kpi_rows" -> List.of(rows(registry, dossier));
            case "priority_rolled_up_sums" -> each(registry, priority, KpiSql::rolledUp);
            case "priority_kpi_rows" -> List.of(rows(registry, priority));
            // int_feedback_inputs: one (kpi_code, numerator, denominator) row per feedback row and KPI
            case "feedback_kpi_rows" -> {
                List<String> parts = new ArrayList<>();
                registry.values().stream().filter(k -> "feedback".equals(k.facts())).forEach(k -> parts.add(
                        "'" + k.code() + "', int(" + k.numerator() + "), "
                                + (k.denominator() == null ? "cast(null as int)" : "int(" + k.denominator() + ")")));
                yield List.of(stack(parts));
            }
            default -> throw new IllegalStateException(source + ": unknown marker {{ " + marker + " }} (known: kpi_wide_sums, "
                    + "kpi_rolled_up_sums, kpi_rows, priority_rolled_up_sums, priority_kpi_rows, feedback_kpi_rows)");
        };
    }

    private static List<String> rolledUp(KpiCatalog.Kpi k) {
        return List.of("sum(" + k.code() + "__num) as " + k.code() + "__num", "sum(" + k.code() + "__den) as " + k.code() + "__den");
    }

    /** The wide pairs turned into rows: stack(n, '<code>', <code>__num, <code>__den, ...). */
    private static String rows(Map<String, KpiCatalog.Kpi> registry, Predicate<KpiCatalog.Kpi> which) {
        List<String> parts = new ArrayList<>();
        registry.values().stream().filter(which).forEach(k -> parts.add("'" + k.code() + "', " + k.code() + "__num, " + k.code() + "__den"));
        return stack(parts);
    }

    private static String stack(List<String> parts) {
        if (parts.isEmpty()) {
            throw new IllegalStateException("no KPI in the registry for this list");
        }
        return "stack(" + parts.size() + ", " + String.join(", ", parts) + ") as (kpi_code, numerator, denominator)";
    }

    private static List<String> each(Map<String, KpiCatalog.Kpi> registry, Predicate<KpiCatalog.Kpi> which,
                                     java.util.function.Function<KpiCatalog.Kpi, List<String>> items) {
        List<String> out = new ArrayList<>();
        registry.values().stream().filter(which).forEach(k -> out.addAll(items.apply(k)));
        if (out.isEmpty()) {
            throw new IllegalStateException("no KPI in the registry for this list");
        }
        return out;
    }
}
