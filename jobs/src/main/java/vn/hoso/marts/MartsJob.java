package vn.hoso.marts;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hoso.index766.Index766Profile;
import vn.hoso.ingest.IngestJob;
import vn.hoso.io.ModelSpec;
import vn.hoso.io.TableSpec;
import vn.hoso.io.TableStore;
import vn.hoso.spark.Concurrently;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.substring;

/**
 * Computes the gold marts from silver for a set of years: runs the model graph of {@code sql/intermediate}
 * and {@code sql/marts} ({@link ModelGraph}) and stores every model with a {@code table:} block (those
 * partitioned by year replace only the years recomputed), then plan_scorecard over all years.
 */
public final class MartsJob {
    private static final Logger LOG = LoggerFactory.getLogger(MartsJob.class);
    public static final TableSpec KPI = TableSpec.load("gold", "kpi");
    public static final TableSpec PRIORITY = TableSpec.load("gold", "procedure_priority");
    public static final TableSpec PROCESSING_TIME = TableSpec.load("gold", "processing_time_comparison");
    public static final TableSpec CATALOG_COVERAGE = TableSpec.load("gold", "catalog_coverage");
    public static final TableSpec SCORECARD = TableSpec.load("gold", "plan_scorecard");
    public static final TableSpec INDEX766 = TableSpec.load("gold", "index766");
    public static final TableSpec INDEX766_SUMMARY = TableSpec.load("gold", "index766_summary");
    public static final TableSpec INDEX766_LOSSES = TableSpec.load("gold", "index766_losses");
    public static final TableSpec INDEX766_AT_RISK = TableSpec.load("gold", "index766_at_risk");
    public static final TableSpec INDEX766_RESIDUALS = TableSpec.load("gold", "index766_residuals");

    /**
     * Marts settings: the province's scope code (null = the current TINH unit), min_n per KPI and the formula
     * profile of the Decision 766 index (its weights as views, its switches as parameters).
     */
    public record Config(String provinceCode, Map<String, Integer> minN, int defaultMinN, Index766Profile index766) {
        public Config(String provinceCode, Map<String, Integer> minN, int defaultMinN) {
            this(provinceCode, minN, defaultMinN, Index766Profile.load(Index766Profile.DEFAULT));
        }

        public static Config defaults() {
            return new Config(null, KpiCatalog.minN(), vn.hoso.config.Constants.MIN_N_DEFAULT);
        }
    }

    /** ops/ marker: the as-of date each gold year's figures hold for. */
    public static final String AS_OF_MARKER = "marts_as_of.json";
    private static final com.fasterxml.jackson.databind.ObjectMapper AS_OF_JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final SparkSession spark;
    private final TableStore store;
    private final Config config;
    private TreeSet<Integer> yearsWithDossiers;

    public MartsJob(SparkSession spark, TableStore store, Config config) {
        this.spark = spark;
        this.store = store;
        this.config = config;
    }

    /** @param years the years to recompute; empty = every year with received dossiers */
    public TreeSet<Integer> run(LocalDate asOf, TreeSet<Integer> years) {
        TreeSet<Integer> all = yearsWithDossiers();
        TreeSet<Integer> target = years.isEmpty() ? all : years;
        ModelGraph graph = graph();
        ModelGraph.Result result = compute(graph, asOf, target);

        List<String> partitions = target.stream().map(String::valueOf).toList();
        List<Runnable> together = new ArrayList<>();
        List<Runnable> after = new ArrayList<>();
        for (ModelSpec m : graph.order()) {
            if (m.table() != null) {
                TableSpec spec = TableSpec.load(m.table().layer(), m.table().name());
                Dataset<Row> data = result.byModel().get(m.name());
                Runnable write = spec.isPartitioned() ? () -> store.replacePartitions(spec, data, partitions)
                        : () -> store.replaceTable(spec, data);
                (m.concurrentWrite() ? together : after).add(write);
            }
        }
        // the big writes side by side: each is dozens of small stages, and one's planning and code
        // generation on the driver fill the other's gaps (Spark's task slots bound the memory either way)
        Concurrently.run(together.toArray(Runnable[]::new));
        after.forEach(Runnable::run);
        result.unpersist();
        return target;
    }

    /** The marts' models; without a formula profile (setting {@code off}) the Decision 766 models are left out. */
    ModelGraph graph() {
        return graph(config.index766());
    }

    /** The marts' models for a formula profile; null (setting {@code off}) leaves the Decision 766 models out. */
    public static ModelGraph graph(Index766Profile index766) {
        java.util.Set<String> layers = java.util.Set.copyOf(LAYERS);
        return ModelGraph.of(ModelSpec.all().values().stream().filter(m -> layers.contains(m.layer()))
                .filter(m -> index766 != null || !m.name().contains("index766")).toList());
    }

    /** Binds the sources for {@code years} and runs the graph's models (bound as views; nothing is written). */
    ModelGraph.Result compute(ModelGraph graph, LocalDate asOf, TreeSet<Integer> years) {
        String province = provinceCode();
        Map<String, Object> params = new java.util.HashMap<>(Map.of("as_of", asOf, "province_code", province, "default_min_n", config.defaultMinN()));
        if (config.index766() != null) {
            params.putAll(config.index766().parameters());
        }
        LOG.info("marts for {} years {} (province scope {})", years.size(), years, province);
        Map<String, Dataset<Row>> sources = new java.util.TreeMap<>();
        graph.sources().forEach(s -> sources.put(s, source(s, years)));
        return graph.run(spark, sources, params);
    }

    /**
     * Suffix of a source read with the year before each recomputed year too ({@code source:silver.dossiers.from_prior_year},
     * view {@code silver_dossiers_from_prior_year}); without it a year-partitioned source holds only the recomputed years.
     */
    static final String FROM_PRIOR_YEAR = "from_prior_year";

    /** The layers whose models the marts run. */
    static final List<String> LAYERS = List.of("intermediate", "marts");

    /**
     * The data of a source {@code <layer>.<table>}: a silver table restricted to the years asked for (when it
     * has a year), or the min_n settings ({@code config.kpi_min_n}).
     */
    private Dataset<Row> source(String source, TreeSet<Integer> years) {
        if (source.equals("config.kpi_min_n")) {
            return minN();
        }
        Dataset<Row> profile = config.index766() == null ? null : config.index766().sources(spark).get(source);
        if (profile != null) {
            return profile;
        }
        String[] parts = source.split("\\.", 3);
        boolean withPriorYear = parts.length == 3 && parts[2].equals(FROM_PRIOR_YEAR);
        if (parts.length < 2 || !parts[0].equals("silver") || (parts.length == 3 && !withPriorYear)) {
            throw new IllegalStateException("the marts bind only silver tables (optionally ." + FROM_PRIOR_YEAR
                    + "), config.kpi_min_n and config.index766_*, not source:" + source);
        }
        TableSpec spec = TableSpec.load(parts[0], parts[1]);
        Dataset<Row> data = store.readOrEmpty(spec);
        if (!spec.columnNames().contains("year")) {
            return data;
        }
        if (withPriorYear) {
            // the recomputed years and the year before each: a trailing window (the index's 12-month proxy pairs)
            // of a January reaches back, and a night that recomputes one year must see what a rebuild sees
            TreeSet<Integer> wider = new TreeSet<>(years);
            years.forEach(y -> wider.add(y - 1));
            years = wider;
        }
        Object[] ys = years.toArray();
        if (spec.partitionedBy().contains("partition_month")) {
            // a dossier's partition_month is its received month whenever year is set: the same filter on the
            // partition column prunes the other years' files, so the read splits hold only the years asked for
            // (without it, a nightly year sat mostly in one of two splits and one core did the marts)
            Object[] yearPrefixes = years.stream().map(String::valueOf).toArray();
            return data.where(substring(col("partition_month"), 1, 4).isin(yearPrefixes).and(col("year").isin(ys)));
        }
        return data.where(col("year").isin(ys));
    }

    /** Recomputes plan_scorecard over every year of gold kpi. */
    public List<Scorecard.Line> scorecard(List<Plan> plans) {
        spark.sparkContext().setJobDescription("marts: plan_scorecard");
        java.util.Set<String> used = new java.util.TreeSet<>(List.of("received"));
        plans.forEach(p -> p.targets().forEach(t -> used.add(t.kpiCode())));
        List<Scorecard.KpiRow> rows = store.readOrEmpty(KPI)
                .where(col("period_type").equalTo("Y").and(col("kpi_code").isin(used.toArray()))
                        .and(col("scope_type").isin("province", "unit", "sector", "procedure")))
                .collectAsList().stream()
                .map(r -> new Scorecard.KpiRow(r.<Integer>getAs("year"), r.getAs("scope_type"), r.getAs("scope_code"),
                        r.getAs("kpi_code"), r.getAs("numerator"), r.getAs("denominator"), r.getAs("value"), r.<Boolean>getAs("suppressed")))
                .toList();
        List<Scorecard.Line> lines = Scorecard.compute(plans, rows, this::valueGroups);
        List<Row> out = lines.stream().map(l -> org.apache.spark.sql.RowFactory.create(l.plan(), l.planTitle(), l.year(),
                l.kpiCode(), l.scope(), l.value(), l.target(), l.comparator(), l.met(), l.gap(), l.numerator(), l.denominator(),
                l.suppressed(), l.source())).toList();
        store.replaceTable(SCORECARD, spark.createDataFrame(out, SCORECARD.sparkSchema()));
        return lines;
    }

    /** The scorecard's group sums valued by the one rule, the kpi_values template (bound to them as its kpi_sums). */
    private Map<String, Scorecard.Measure> valueGroups(List<Scorecard.GroupSum> sums) {
        org.apache.spark.sql.types.StructType schema = org.apache.spark.sql.types.DataTypes.createStructType(List.of(
                org.apache.spark.sql.types.DataTypes.createStructField("group_key", org.apache.spark.sql.types.DataTypes.StringType, false),
                org.apache.spark.sql.types.DataTypes.createStructField("kpi_code", org.apache.spark.sql.types.DataTypes.StringType, false),
                org.apache.spark.sql.types.DataTypes.createStructField("numerator", org.apache.spark.sql.types.DataTypes.LongType, true),
                org.apache.spark.sql.types.DataTypes.createStructField("denominator", org.apache.spark.sql.types.DataTypes.LongType, true),
                org.apache.spark.sql.types.DataTypes.createStructField("precomputed_value", org.apache.spark.sql.types.DataTypes.DoubleType, true)));
        List<Row> rows = sums.stream().map(g -> org.apache.spark.sql.RowFactory.create(g.key(), g.kpiCode(), g.numerator(), g.denominator(), null)).toList();
        Dataset<Row> valued = ModelGraph.load(LAYERS.toArray(String[]::new)).applyTemplate(spark, "kpi_values",
                Map.of("kpi_sums", spark.createDataFrame(rows, schema)), Map.of("config.kpi_min_n", minN()),
                Map.of("default_min_n", config.defaultMinN()));
        Map<String, Scorecard.Measure> out = new java.util.HashMap<>();
        for (Row r : valued.collectAsList()) {
            out.put(r.getAs("group_key"), new Scorecard.Measure(r.getAs("numerator"), r.getAs("denominator"), r.getAs("value"), r.<Boolean>getAs("suppressed")));
        }
        return out;
    }

    /** config.kpi_min_n: the min_n of the KPIs that have their own (kpi_values.sql applies the default to the rest). */
    private Dataset<Row> minN() {
        List<Row> rows = new ArrayList<>();
        config.minN().forEach((k, v) -> rows.add(org.apache.spark.sql.RowFactory.create(k, v)));
        return spark.createDataFrame(rows, org.apache.spark.sql.types.DataTypes.createStructType(List.of(
                org.apache.spark.sql.types.DataTypes.createStructField("kpi_code", org.apache.spark.sql.types.DataTypes.StringType, false),
                org.apache.spark.sql.types.DataTypes.createStructField("min_n", org.apache.spark.sql.types.DataTypes.IntegerType, false))));
    }

    /** Years with received dossiers or feedback in silver (read once per job: silver does not change under it). */
    public TreeSet<Integer> yearsWithDossiers() {
        if (yearsWithDossiers == null) {
            yearsWithDossiers = readYearsWithDossiers();
        }
        return new TreeSet<>(yearsWithDossiers);
    }

    private TreeSet<Integer> readYearsWithDossiers() {
        TreeSet<Integer> years = new TreeSet<>(store.readOrEmpty(IngestJob.DOSSIERS).where(col("year").isNotNull())
                .select("year").distinct().as(Encoders.INT()).collectAsList());
        years.addAll(store.readOrEmpty(IngestJob.FEEDBACK).select("year").distinct().as(Encoders.INT()).collectAsList());
        return years;
    }

    /**
     * Years whose figures move when the as-of date changes from the one they were computed with to
     * {@code asOf}, given the as-of date each year's figures hold for ({@link #asOfByYear}). Only still-open
     * work depends on it: an open received dossier is late when the as-of date is past its due date, unanswered
     * feedback is on time while the as-of date is not past its deadline, and catalogue coverage counts the
     * procedures valid on min(31 Dec, as-of). So a year moves only when, between the two dates, an open
     * dossier's due date or an unanswered deadline falls, or min(31 Dec, as-of) differs; a year with no
     * recorded as-of date always counts.
     */
    public TreeSet<Integer> yearsDependingOnAsOf(LocalDate asOf, Map<Integer, LocalDate> asOfByYear) {
        TreeSet<Integer> years = new TreeSet<>();
        Map<LocalDate, List<Integer>> byPrevious = new java.util.TreeMap<>();
        for (int year : yearsWithDossiers()) {
            LocalDate previous = asOfByYear.get(year);
            if (previous == null || !min(LocalDate.of(year, 12, 31), previous).equals(min(LocalDate.of(year, 12, 31), asOf))) {
                years.add(year);
            } else if (!previous.equals(asOf)) {
                byPrevious.computeIfAbsent(previous, k -> new ArrayList<>()).add(year);
            }
        }
        byPrevious.forEach((previous, candidates) -> {
            LocalDate from = min(previous, asOf);
            LocalDate until = previous.isAfter(asOf) ? previous : asOf;
            Object[] ys = candidates.toArray();
            // an open dossier moves the figures when it falls due between the two dates (late, late_766), and the
            // index's at-risk list when it falls due up to at_risk_days after either (index766_at_risk)
            LocalDate atRiskUntil = until.plusDays(config.index766() == null ? 0L : config.index766().atRiskDays() + 1L);
            years.addAll(store.readOrEmpty(IngestJob.DOSSIERS)
                    .where(col("year").isin(ys).and(col("received_at").isNotNull())
                            .and(not(col("status").isin(openExcluded()))).and(falls(col("due_at"), from, atRiskUntil)))
                    .select("year").distinct().as(Encoders.INT()).collectAsList());
            years.addAll(store.readOrEmpty(IngestJob.FEEDBACK)
                    .where(col("year").isin(ys).and(col("answered_at").isNull()).and(falls(col("deadline_at"), from, until)))
                    .select("year").distinct().as(Encoders.INT()).collectAsList());
        });
        return years;
    }

    /** Statuses of dossiers that are not open received ones: not received, or ended. */
    private static Object[] openExcluded() {
        java.util.Set<Integer> out = new java.util.TreeSet<>(vn.hoso.config.Constants.NOT_RECEIVED_STATUSES);
        out.addAll(vn.hoso.config.Constants.ENDED_STATUSES);
        return out.toArray();
    }

    /** A deadline whose date d has from <= d < until: the as-of comparison flips for it between the two dates. */
    private static org.apache.spark.sql.Column falls(org.apache.spark.sql.Column deadline, LocalDate from, LocalDate until) {
        org.apache.spark.sql.Column day = org.apache.spark.sql.functions.to_date(deadline);
        return deadline.isNotNull().and(day.geq(org.apache.spark.sql.functions.lit(from))).and(day.lt(org.apache.spark.sql.functions.lit(until)));
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    /** The as-of date each gold year's figures hold for, as recorded by {@link #recordAsOf}; empty if never. */
    public Map<Integer, LocalDate> asOfByYear() {
        return asOfByYear(store);
    }

    static Map<Integer, LocalDate> asOfByYear(TableStore store) {
        return store.markerText(AS_OF_MARKER).map(text -> {
            try {
                Map<Integer, LocalDate> out = new java.util.TreeMap<>();
                AS_OF_JSON.readTree(text).fields().forEachRemaining(e ->
                        out.put(Integer.parseInt(e.getKey()), LocalDate.parse(e.getValue().asText())));
                return out;
            } catch (java.io.IOException | RuntimeException e) {
                LOG.warn("ignoring unreadable ops/{} ({}): every year counts as dependent on the as-of date", AS_OF_MARKER, e.getMessage());
                return Map.<Integer, LocalDate>of();
            }
        }).orElse(Map.of());
    }

    /**
     * Records that the figures of {@code years} hold for {@code asOf}. Call it with every year of gold after
     * a run that recomputed the years {@link #yearsDependingOnAsOf} named (the others did not move).
     */
    public void recordAsOf(java.util.Collection<Integer> years, LocalDate asOf) {
        Map<String, String> out = new java.util.TreeMap<>();
        years.forEach(y -> out.put(String.valueOf(y), asOf.toString()));
        try {
            store.swapMarker(AS_OF_MARKER, AS_OF_JSON.writerWithDefaultPrettyPrinter().writeValueAsString(out));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String provinceCode() {
        if (config.provinceCode() != null) {
            return config.provinceCode();
        }
        List<String> codes = store.readOrEmpty(IngestJob.UNITS).where(col("level").equalTo("TINH").and(col("valid_to").isNull()))
                .select("unit_code").distinct().as(Encoders.STRING()).collectAsList();
        return codes.size() == 1 ? codes.get(0) : "ALL";
    }

}
