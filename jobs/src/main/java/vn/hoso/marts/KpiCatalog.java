package vn.hoso.marts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import vn.hoso.config.Constants;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The KPI registry, {@code sql/kpis.yml}: every KPI once, with its labels, kind, min_n, periods and scopes,
 * and for the generated ones the numerator and denominator as boolean SQL over their facts. The SQL that
 * sums them is generated from it ({@link KpiSql}); the dictionary, the plans and the scorecard read it.
 */
public final class KpiCatalog {
    public static final String RESOURCE = "sql/kpis.yml";
    public static final Set<String> KINDS = Set.of("count", "rate", "value");
    public static final Set<String> FACTS = Set.of("dossier", "feedback");
    public static final List<String> PERIOD_TYPES = List.of("Y", "Q", "M", "YTD");
    /** The scopes each facts' roll-up produces, in the order of the SQL. */
    public static final Map<String, List<String>> FACT_SCOPES = Map.of(
            "dossier", List.of("province", "unit", "unit_current", "procedure", "sector"),
            "feedback", List.of("province", "unit", "unit_current"));
    public static final List<String> FACT_PERIOD_TYPES = List.of("Y", "Q", "M", "YTD");
    public static final List<String> SCOPES = FACT_SCOPES.get("dossier");
    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Set<String> FIELDS = Set.of("code", "kind", "additive", "label_vi", "label_en", "description",
            "facts", "model", "numerator", "denominator", "min_n", "period_types", "scopes", "priority_list");

    /**
     * One KPI. {@code facts} is dossier or feedback for a generated KPI (numerator, denominator set;
     * a count has no denominator), null for one hand-written in {@code model}.
     */
    public record Kpi(String code, String kind, boolean additive, String labelVi, String labelEn, String description,
                      String facts, String model, String numerator, String denominator, int minN,
                      List<String> periodTypes, List<String> scopes, boolean priorityList) {
        public boolean generated() {
            return facts != null;
        }
    }

    private static final Map<String, Kpi> KPIS = load();

    private KpiCatalog() {
    }

    /** Every KPI of the registry, in its order. */
    public static Map<String, Kpi> all() {
        return KPIS;
    }

    public static Kpi get(String code) {
        return KPIS.get(code);
    }

    /** min_n of every KPI as the registry gives it (a config file's min_n overrides these). */
    public static Map<String, Integer> minN() {
        Map<String, Integer> out = new LinkedHashMap<>();
        KPIS.values().forEach(k -> out.put(k.code(), k.minN()));
        return java.util.Collections.unmodifiableMap(out);
    }

    private static Map<String, Kpi> load() {
        try (InputStream in = KpiCatalog.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The registry of {@code base} followed by the KPIs of another registry text (codes must not repeat). */
    public static Map<String, Kpi> with(Map<String, Kpi> base, String yaml, String source) {
        Map<String, Kpi> out = new LinkedHashMap<>(base);
        for (Kpi k : parse(yaml, source).values()) {
            if (out.putIfAbsent(k.code(), k) != null) {
                throw new IllegalStateException(source + ": KPI '" + k.code() + "' is already in the registry");
            }
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    /** Parses and checks a registry text; a broken entry fails with one line naming the file, the KPI and the field. */
    public static Map<String, Kpi> parse(String yaml, String source) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            throw new IllegalStateException(source + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.path("kpis").isArray()) {
            throw new IllegalStateException(source + ": expected a list under 'kpis'");
        }
        Map<String, Kpi> out = new LinkedHashMap<>();
        int i = 0;
        for (JsonNode k : root.path("kpis")) {
            i++;
            Kpi kpi = entry(k, source + ": KPI #" + i);
            if (out.putIfAbsent(kpi.code(), kpi) != null) {
                throw new IllegalStateException(source + ": KPI '" + kpi.code() + "' is listed twice");
            }
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    private static Kpi entry(JsonNode k, String where) {
        String code = text(k, "code");
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalStateException(where + ": code " + (code == null ? "is missing" : "'" + code + "'")
                    + " must match [a-z][a-z0-9_]*");
        }
        String at = where.substring(0, where.lastIndexOf(": ")) + ": KPI '" + code + "'";
        k.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                throw new IllegalStateException(at + ": unknown field '" + f + "' (known: " + new java.util.TreeSet<>(FIELDS) + ")");
            }
        });
        String kind = required(k, "kind", at);
        if (!KINDS.contains(kind)) {
            throw new IllegalStateException(at + ": kind '" + kind + "' is not one of " + new java.util.TreeSet<>(KINDS));
        }
        String facts = text(k, "facts");
        String model = text(k, "model");
        if ((facts == null) == (model == null)) {
            throw new IllegalStateException(at + ": give exactly one of facts (dossier, feedback: generated) or model (hand-written in that model)");
        }
        if (facts != null && !FACTS.contains(facts)) {
            throw new IllegalStateException(at + ": facts '" + facts + "' is not one of " + new java.util.TreeSet<>(FACTS));
        }
        if (model != null && !CODE.matcher(model).matches()) {
            throw new IllegalStateException(at + ": model '" + model + "' must match [a-z][a-z0-9_]*");
        }
        String numerator = text(k, "numerator");
        String denominator = text(k, "denominator");
        if (facts != null) {
            if (kind.equals("value")) {
                throw new IllegalStateException(at + ": a value KPI (a median) cannot be generated from facts; hand-write it in a model");
            }
            if (numerator == null || numerator.isBlank()) {
                throw new IllegalStateException(at + ": numerator is missing (a boolean SQL expression over the " + facts + " facts)");
            }
            if (kind.equals("rate") && (denominator == null || denominator.isBlank())) {
                throw new IllegalStateException(at + ": denominator is missing (a rate needs one; a count has none)");
            }
            if (kind.equals("count") && denominator != null) {
                throw new IllegalStateException(at + ": a count has no denominator");
            }
            for (String e : new String[]{numerator, denominator}) {
                if (e != null && (e.contains(";") || e.contains("--") || e.contains("/*") || e.contains("{{"))) {
                    throw new IllegalStateException(at + ": numerator and denominator are single SQL expressions (no ';', comments or markers)");
                }
            }
        } else if (numerator != null || denominator != null) {
            throw new IllegalStateException(at + ": a KPI hand-written in " + model + " has no numerator or denominator here");
        }
        List<String> periods = list(k, "period_types", at);
        for (String p : periods) {
            if (!PERIOD_TYPES.contains(p)) {
                throw new IllegalStateException(at + ": unknown period type '" + p + "' (known: " + String.join(", ", PERIOD_TYPES) + ")");
            }
        }
        List<String> scopes = list(k, "scopes", at);
        for (String s : scopes) {
            if (!SCOPES.contains(s)) {
                throw new IllegalStateException(at + ": unknown scope '" + s + "' (known: " + String.join(", ", SCOPES) + ")");
            }
        }
        if (facts != null && (!Set.copyOf(periods).equals(Set.copyOf(FACT_PERIOD_TYPES))
                || !Set.copyOf(scopes).equals(Set.copyOf(FACT_SCOPES.get(facts))))) {
            throw new IllegalStateException(at + ": a KPI generated from the " + facts + " facts exists for the period types "
                    + FACT_PERIOD_TYPES + " and the scopes " + FACT_SCOPES.get(facts) + "; list exactly those");
        }
        int minN = Constants.MIN_N_DEFAULT;
        if (k.has("min_n")) {
            if (!k.get("min_n").canConvertToInt() || k.get("min_n").asInt() < 1) {
                throw new IllegalStateException(at + ": min_n must be a whole number >= 1");
            }
            minN = k.get("min_n").asInt();
        }
        boolean priority = k.path("priority_list").asBoolean(false);
        if (priority && !"dossier".equals(facts)) {
            throw new IllegalStateException(at + ": only KPIs generated from the dossier facts can be on the priority list");
        }
        return new Kpi(code, kind, k.path("additive").asBoolean(false), required(k, "label_vi", at), required(k, "label_en", at),
                text(k, "description") == null ? "" : text(k, "description"), facts, model, numerator, denominator, minN,
                periods, scopes, priority);
    }

    private static String text(JsonNode k, String field) {
        JsonNode v = k.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String required(JsonNode k, String field, String at) {
        String v = text(k, field);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException(at + ": " + field + " is missing");
        }
        return v;
    }

    private static List<String> list(JsonNode k, String field, String at) {
        JsonNode v = k.get(field);
        if (v == null || !v.isArray() || v.isEmpty()) {
            throw new IllegalStateException(at + ": " + field + " is missing (a non-empty list)");
        }
        List<String> out = new ArrayList<>();
        v.forEach(x -> out.add(x.asText()));
        return List.copyOf(out);
    }
}
