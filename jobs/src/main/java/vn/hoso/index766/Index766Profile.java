package vn.hoso.index766;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import vn.hoso.config.UserError;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The formula profile of the Decision 766 index ({@code sql/index766/<name>.yml}): groups, indicators with
 * their weights, rules and thresholds, the switches the counts read, and the at-risk horizon. It is the one
 * place these live: the models read it as the views {@code config_index766_groups} and
 * {@code config_index766_indicators} ({@link #groupsView}, {@link #indicatorsView}) and as the bound
 * parameters of {@link #parameters()}, so no weight or threshold is written in SQL. Validation fails with one
 * line naming the file and the entry.
 */
public record Index766Profile(String name, String description, int atRiskDays, Map<String, Object> switches,
                              List<Group> groups, List<Indicator> indicators) {

    public static final String DEFAULT = "qd766-portal-2026";
    /** The setting's value that skips the index: its models are not run and its tables not written. */
    public static final String OFF = "off";

    /** The profile a setting names, or null for {@link #OFF}. */
    public static Index766Profile forSetting(String name) {
        return OFF.equals(name) ? null : load(name);
    }
    public static final Set<String> RULES = Set.of("LIN", "THR", "ASSUMED", "MANUAL", "DISPLAY");
    public static final Set<String> EMPTY = Set.of("zero", "null", "full");
    public static final Set<String> KINDS = Set.of("C", "C+cat", "X");
    public static final Set<String> CONFIDENCE = Set.of("VERIFIED", "INFERRED", "PROXY", "ASSUMED", "MANUAL", "MISSING");
    public static final Set<String> SCOPES = Set.of("province", "unit", "unit_current");
    /** The switches and their allowed values (a boolean switch: true/false). */
    static final Map<String, Set<String>> SWITCHES = Map.of(
            "supplement_gt1_scope", Set.of("pending_only", "all"),
            "subtract_supplement_time", Set.of("true", "false"),
            "fee_synced_numerator", Set.of("fees_synced", "paid_on_portal"),
            "e_result_requires_paper_result", Set.of("true", "false"));
    private static final BigDecimal INDEX_MAX = BigDecimal.valueOf(100);

    public record Group(String code, String labelVi, String labelEn, BigDecimal maxPoints) {
    }

    /**
     * @param threshold null unless rule THR
     * @param assumed   ASSUMED only: {@code cohort} (max when the scope has a cohort dossier, else the empty rule) or {@code always}
     */
    public record Indicator(String code, String name, String labelVi, String labelEn, String group, BigDecimal maxPoints,
                            String rule, BigDecimal threshold, String empty, String kind, String confidence,
                            List<String> scopes, String assumed, boolean lateSensitive) {
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** The profile {@code sql/index766/<name>.yml} on the classpath. */
    public static Index766Profile load(String name) {
        String profile = name == null || name.isBlank() ? DEFAULT : name;
        if (!profile.matches("[A-Za-z0-9._-]+")) {
            throw new UserError("index766_profile '" + profile + "' must be a file name under sql/index766/ (letters, digits, . _ -)");
        }
        String path = "sql/index766/" + profile + ".yml";
        try (InputStream in = Index766Profile.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new UserError("index766_profile '" + profile + "': no profile " + path + " on the classpath");
            }
            return parse(path, YAML.readTree(in));
        } catch (IOException e) {
            throw new UserError(path + ": not valid YAML: " + e.getMessage().split("\n")[0]);
        }
    }

    /** A profile file anywhere (tests, a province's own copy). */
    public static Index766Profile load(Path file) {
        try {
            return parse(file.toString(), YAML.readTree(Files.readString(file)));
        } catch (IOException e) {
            throw new UserError(file + ": not valid YAML: " + e.getMessage().split("\n")[0]);
        }
    }

    static Index766Profile parse(String path, JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new UserError(path + ": a profile is a mapping with name, groups, indicators, switches, at_risk_days");
        }
        JsonNode days = root.path("at_risk_days");
        if (!days.canConvertToInt() || days.asInt() < 0) {
            throw new UserError(path + ": at_risk_days must be a whole number of calendar days >= 0, not " + days);
        }
        Map<String, Object> switches = new LinkedHashMap<>();
        for (Map.Entry<String, Set<String>> s : new java.util.TreeMap<>(SWITCHES).entrySet()) {
            JsonNode v = root.path("switches").path(s.getKey());
            if (v.isMissingNode() || v.isNull() || !s.getValue().contains(v.asText())) {
                throw new UserError(path + ": switches." + s.getKey() + " must be one of " + new java.util.TreeSet<>(s.getValue()) + ", not " + v);
            }
            switches.put(s.getKey(), v.isBoolean() || s.getValue().contains("true") ? (Object) Boolean.parseBoolean(v.asText()) : v.asText());
        }
        root.path("switches").fieldNames().forEachRemaining(k -> {
            if (!SWITCHES.containsKey(k)) {
                throw new UserError(path + ": unknown switch switches." + k + " (known: " + new java.util.TreeSet<>(SWITCHES.keySet()) + ")");
            }
        });
        List<Group> groups = new ArrayList<>();
        Map<String, BigDecimal> groupMax = new LinkedHashMap<>();
        for (JsonNode g : root.path("groups")) {
            String code = required(path, "group", g, "code");
            BigDecimal max = number(path, "group " + code, g, "max_points");
            if (groupMax.put(code, max) != null) {
                throw new UserError(path + ": group " + code + " is defined twice");
            }
            groups.add(new Group(code, required(path, "group " + code, g, "label_vi"), g.path("label_en").asText(""), max));
        }
        BigDecimal total = groupMax.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        if (total.compareTo(INDEX_MAX) != 0) {
            throw new UserError(path + ": the group max_points sum to " + total.toPlainString() + ", not 100");
        }
        List<Indicator> indicators = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        Map<String, BigDecimal> sums = new LinkedHashMap<>();
        for (JsonNode i : root.path("indicators")) {
            String code = required(path, "indicator", i, "code");
            String where = "indicator " + code;
            if (!codes.add(code)) {
                throw new UserError(path + ": " + where + " is defined twice");
            }
            String group = required(path, where, i, "group");
            if (!groupMax.containsKey(group)) {
                throw new UserError(path + ": " + where + ": unknown group " + group + " (groups: " + groupMax.keySet() + ")");
            }
            BigDecimal max = number(path, where, i, "max_points");
            String rule = oneOf(path, where, i, "rule", RULES);
            String empty = oneOf(path, where, i, "empty", EMPTY);
            String kind = oneOf(path, where, i, "kind", KINDS);
            String confidence = oneOf(path, where, i, "confidence", CONFIDENCE);
            BigDecimal threshold = null;
            if (rule.equals("THR")) {
                threshold = number(path, where, i, "threshold");
                if (threshold.signum() <= 0 || threshold.compareTo(BigDecimal.ONE) > 0) {
                    throw new UserError(path + ": " + where + ": threshold " + threshold.toPlainString() + " must be in (0, 1]");
                }
            } else if (!i.path("threshold").isMissingNode()) {
                throw new UserError(path + ": " + where + ": a threshold is only for rule THR, not " + rule);
            }
            String assumed = null;
            if (rule.equals("ASSUMED")) {
                assumed = oneOf(path, where, i, "assumed", Set.of("cohort", "always"));
            }
            if (rule.equals("DISPLAY") && max.signum() != 0) {
                throw new UserError(path + ": " + where + ": a DISPLAY indicator scores nothing: max_points must be 0");
            }
            List<String> scopes = new ArrayList<>();
            if (i.path("scopes").isMissingNode()) {
                scopes.addAll(List.of("province", "unit", "unit_current"));
            } else {
                for (JsonNode s : i.path("scopes")) {
                    if (!SCOPES.contains(s.asText())) {
                        throw new UserError(path + ": " + where + ": unknown scope " + s.asText() + " (known: " + new java.util.TreeSet<>(SCOPES) + ")");
                    }
                    scopes.add(s.asText());
                }
            }
            sums.merge(group, max, BigDecimal::add);
            indicators.add(new Indicator(code, i.path("name").asText(""), required(path, where, i, "label_vi"),
                    i.path("label_en").asText(""), group, max, rule, threshold, empty, kind, confidence, List.copyOf(scopes),
                    assumed, i.path("late_sensitive").asBoolean(false)));
        }
        for (Map.Entry<String, BigDecimal> g : groupMax.entrySet()) {
            BigDecimal sum = sums.getOrDefault(g.getKey(), BigDecimal.ZERO);
            if (sum.compareTo(g.getValue()) != 0) {
                throw new UserError(path + ": the indicators of group " + g.getKey() + " weigh " + sum.toPlainString()
                        + " points, not its max_points " + g.getValue().toPlainString());
            }
        }
        return new Index766Profile(root.path("name").asText(""), root.path("description").asText(""), days.asInt(),
                java.util.Collections.unmodifiableMap(switches), List.copyOf(groups), List.copyOf(indicators));
    }

    private static String required(String path, String where, JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (!v.isValueNode() || v.asText().isBlank()) {
            throw new UserError(path + ": " + where + ": " + field + " is required");
        }
        return v.asText();
    }

    private static BigDecimal number(String path, String where, JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (!v.isNumber() || v.decimalValue().signum() < 0) {
            throw new UserError(path + ": " + where + ": " + field + " must be a number >= 0, not " + v);
        }
        return v.decimalValue();
    }

    private static String oneOf(String path, String where, JsonNode node, String field, Set<String> allowed) {
        String v = node.path(field).asText("");
        if (!allowed.contains(v)) {
            throw new UserError(path + ": " + where + ": unknown " + field + " '" + v + "' (one of " + new java.util.TreeSet<>(allowed) + ")");
        }
        return v;
    }

    public Indicator indicator(String code) {
        return indicators.stream().filter(i -> i.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("profile " + name + " has no indicator " + code));
    }

    /** The bound parameters: the four switches and at_risk_days. */
    public Map<String, Object> parameters() {
        Map<String, Object> out = new LinkedHashMap<>(switches);
        out.put("at_risk_days", atRiskDays);
        return out;
    }

    /** The sources the models read the profile from, as {@code config.<table>}. */
    public Map<String, Dataset<Row>> sources(SparkSession spark) {
        return Map.of("config.index766_groups", groupsView(spark), "config.index766_indicators", indicatorsView(spark));
    }

    public static final StructType GROUPS_SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField("group_code", DataTypes.StringType, false),
            DataTypes.createStructField("label_vi", DataTypes.StringType, false),
            DataTypes.createStructField("label_en", DataTypes.StringType, false),
            DataTypes.createStructField("max_points", DataTypes.createDecimalType(10, 4), false)));

    public static final StructType INDICATORS_SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField("indicator_code", DataTypes.StringType, false),
            DataTypes.createStructField("indicator_name", DataTypes.StringType, false),
            DataTypes.createStructField("label_vi", DataTypes.StringType, false),
            DataTypes.createStructField("label_en", DataTypes.StringType, false),
            DataTypes.createStructField("group_code", DataTypes.StringType, false),
            DataTypes.createStructField("max_points", DataTypes.createDecimalType(10, 4), false),
            DataTypes.createStructField("rule", DataTypes.StringType, false),
            DataTypes.createStructField("threshold", DataTypes.createDecimalType(10, 4), true),
            DataTypes.createStructField("empty_rule", DataTypes.StringType, false),
            DataTypes.createStructField("kind", DataTypes.StringType, false),
            DataTypes.createStructField("confidence", DataTypes.StringType, false),
            DataTypes.createStructField("scopes", DataTypes.createArrayType(DataTypes.StringType, false), false),
            DataTypes.createStructField("assumed", DataTypes.StringType, true),
            DataTypes.createStructField("late_sensitive", DataTypes.BooleanType, false),
            DataTypes.createStructField("sort_order", DataTypes.IntegerType, false)));

    /** config_index766_groups: group_code, label_vi, label_en, max_points (decimal). */
    public Dataset<Row> groupsView(SparkSession spark) {
        List<Row> rows = groups.stream().map(g -> RowFactory.create(g.code(), g.labelVi(), g.labelEn(), g.maxPoints())).toList();
        return spark.createDataFrame(rows, GROUPS_SCHEMA);
    }

    /** config_index766_indicators: one row per indicator, the weights and thresholds as decimals (exact rounding). */
    public Dataset<Row> indicatorsView(SparkSession spark) {
        List<Row> rows = new ArrayList<>();
        for (int k = 0; k < indicators.size(); k++) {
            Indicator i = indicators.get(k);
            rows.add(RowFactory.create(i.code(), i.name(), i.labelVi(), i.labelEn(), i.group(), i.maxPoints(), i.rule(),
                    i.threshold(), i.empty(), i.kind(), i.confidence(), scala.collection.JavaConverters.asScalaBuffer(i.scopes()).toSeq(),
                    i.assumed(), i.lateSensitive(), k + 1));
        }
        return spark.createDataFrame(rows, INDICATORS_SCHEMA);
    }
}
