package vn.hoso.marts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import vn.hoso.config.UserError;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A province plan's targets, read from one YAML file under {@code targets/}. A province adds a plan by
 * adding a file; a bad file fails with a message naming the file and the entry.
 */
public record Plan(String id, String title, Map<String, List<String>> sectorGroups, List<Target> targets) {

    public static final Set<String> COMPARATORS = Set.of(">=", ">", "<=", "<", "=", ">prev");

    /** One target: a KPI in a scope, for one year. {@code target} is null for {@code >prev}. */
    public record Target(String kpiCode, String scope, int year, String comparator, Double target, String source) {
    }

    /** Every plan file (*.yaml, *.yml) in the folder, in name order. */
    public static List<Plan> loadAll(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new UserError("plan folder " + dir + " does not exist (set --targets, HOSO_TARGETS or targets: in hoso.yaml)");
        }
        List<Plan> plans = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(f)) {
                    plans.add(parse(f.toString(), in));
                }
            }
        } catch (IOException e) {
            throw new UserError("cannot read plan folder " + dir + ": " + e.getMessage());
        }
        return List.copyOf(plans);
    }

    public static Plan parse(String file, InputStream in) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new UserError("plan file " + file + " is not valid YAML: " + e.getMessage().split("\n")[0]);
        }
        if (root == null || !root.isObject()) {
            throw new UserError("plan file " + file + " must be a YAML mapping with plan, title, targets");
        }
        String id = root.path("plan").asText("");
        if (id.isBlank()) {
            throw new UserError("plan file " + file + ": 'plan' (the plan's id) is missing");
        }
        Map<String, List<String>> groups = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = root.path("sector_groups").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> g = it.next();
            List<String> sectors = new ArrayList<>();
            g.getValue().path("sectors").forEach(s -> sectors.add(s.asText()));
            if (sectors.isEmpty()) {
                throw new UserError("plan file " + file + ": sector group '" + g.getKey() + "' lists no sectors");
            }
            groups.put(g.getKey(), List.copyOf(sectors));
        }
        List<Target> targets = new ArrayList<>();
        JsonNode entries = root.path("targets");
        if (!entries.isArray() || entries.isEmpty()) {
            throw new UserError("plan file " + file + ": 'targets' must be a non-empty list");
        }
        for (int i = 0; i < entries.size(); i++) {
            targets.addAll(target(file, i + 1, entries.get(i), groups));
        }
        return new Plan(id, root.path("title").asText(id), Map.copyOf(groups), List.copyOf(targets));
    }

    private static List<Target> target(String file, int n, JsonNode e, Map<String, List<String>> groups) {
        String kpi = e.path("kpi").asText("");
        String where = "plan file " + file + ", target " + n + " (" + (kpi.isBlank() ? "no kpi" : kpi) + "): ";
        KpiCatalog.Kpi known = KpiCatalog.get(kpi);
        if (known == null) {
            throw new UserError(where + "unknown KPI code '" + kpi + "' (known: " + new TreeSet<>(KpiCatalog.all().keySet()) + ")");
        }
        String comparator = e.path("comparator").asText("");
        if (!COMPARATORS.contains(comparator)) {
            throw new UserError(where + "bad comparator '" + comparator + "' (use one of " + new TreeSet<>(COMPARATORS) + ")");
        }
        Double value = null;
        if (!comparator.equals(">prev")) {
            if (!e.path("target").isNumber()) {
                throw new UserError(where + "'target' must be a number for comparator " + comparator);
            }
            value = e.path("target").asDouble();
        }
        String scope = scope(where, e.path("scope"), groups, known);
        List<Target> out = new ArrayList<>();
        for (int year : years(where, e.path("years"))) {
            out.add(new Target(kpi, scope, year, comparator, value, e.path("source").asText(null)));
        }
        return out;
    }

    private static String scope(String where, JsonNode s, Map<String, List<String>> groups, KpiCatalog.Kpi kpi) {
        if (s.isMissingNode() || s.isNull() || s.asText().equals("province")) {
            return "province";
        }
        if (!kpi.additive()) {
            throw new UserError(where + kpi.code() + " does not add up across procedures or sectors: only the province scope is possible");
        }
        if (s.has("sector_group")) {
            String g = s.get("sector_group").asText();
            if (!groups.containsKey(g)) {
                throw new UserError(where + "sector group '" + g + "' is not defined under sector_groups");
            }
            return "sector_group:" + g;
        }
        if (s.has("unit")) {
            return "unit:" + s.get("unit").asText();
        }
        if (s.has("procedures_min_received") && s.get("procedures_min_received").canConvertToInt()) {
            return "procedures_min_received:" + s.get("procedures_min_received").asInt();
        }
        throw new UserError(where + "bad scope " + s + " (use province, {sector_group: NAME}, {unit: CODE} or {procedures_min_received: N})");
    }

    private static List<Integer> years(String where, JsonNode y) {
        List<Integer> out = new ArrayList<>();
        if (y.canConvertToInt() && y.isNumber()) {
            out.add(checkYear(where, y.asInt(), y.asText()));
        } else if (y.isArray() && !y.isEmpty()) {
            for (JsonNode v : y) {
                out.addAll(years(where, v));
            }
        } else if (y.isTextual() && y.asText().matches("\\d{4}\\s*-\\s*\\d{4}")) {
            String[] p = y.asText().split("-");
            int from = checkYear(where, Integer.parseInt(p[0].trim()), y.asText());
            int to = checkYear(where, Integer.parseInt(p[1].trim()), y.asText());
            if (to < from) {
                throw new UserError(where + "bad year range '" + y.asText() + "'");
            }
            for (int i = from; i <= to; i++) {
                out.add(i);
            }
        } else {
            throw new UserError(where + "bad years '" + (y.isMissingNode() ? "" : y.toString())
                    + "' (use 2025, [2023, 2024] or \"2025-2029\")");
        }
        return out;
    }

    private static int checkYear(String where, int year, String text) {
        if (year < 2000 || year > 2100) {
            throw new UserError(where + "bad year '" + text + "'");
        }
        return year;
    }
}
