package vn.hoso.quality;

import com.amazon.deequ.AnomalyCheckConfig;
import com.amazon.deequ.VerificationResult;
import com.amazon.deequ.VerificationRunBuilder;
import com.amazon.deequ.VerificationRunBuilderWithRepository;
import com.amazon.deequ.VerificationSuite;
import com.amazon.deequ.analyzers.Analyzer;
import com.amazon.deequ.analyzers.Compliance;
import com.amazon.deequ.analyzers.Size;
import com.amazon.deequ.anomalydetection.AbsoluteChangeStrategy;
import com.amazon.deequ.anomalydetection.AnomalyDetectionStrategy;
import com.amazon.deequ.anomalydetection.RelativeRateOfChangeStrategy;
import com.amazon.deequ.checks.Check;
import com.amazon.deequ.checks.CheckLevel;
import com.amazon.deequ.checks.CheckResult;
import com.amazon.deequ.constraints.ConstraintResult;
import com.amazon.deequ.constraints.ConstraintStatus;
import com.amazon.deequ.repository.ResultKey;
import com.amazon.deequ.repository.fs.FileSystemMetricsRepository;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import scala.Option;
import scala.collection.JavaConverters;
import vn.hoso.spark.Concurrently;
import vn.hoso.spark.Seqs;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoublePredicate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * The data-quality gate: Deequ checks on silver and on the night's input. An ERROR failure stops the
 * run before the marts and the publish; WARNINGs (optional-field completeness, drift of the night's
 * online and satisfaction shares, volume anomalies against earlier nights) are reported. Metrics of the
 * night are kept in a Deequ repository keyed by the run date, so a rerun replaces its date's metrics and
 * anomaly detection only looks at earlier dates.
 */
public final class QualityGate {
    /** Thresholds, configurable under {@code quality:} in hoso.yaml. */
    public record Thresholds(double catalogMatchMin, double quarantineMax, double completenessMin, double volumeDropMax,
                             double rateDriftMax) {
        public static Thresholds defaults() {
            return new Thresholds(0.995, 0.01, 0.90, 0.5, 0.10);
        }
    }

    /** What the gate looks at. The night's datasets may be empty (a night with no input). */
    public record Inputs(Dataset<Row> dossiers, Dataset<Row> procedures, Dataset<Row> units, Dataset<Row> nightInput,
                         Dataset<Row> nightDossiers, Dataset<Row> nightRatings, long read, long accepted, long quarantined,
                         long reExports) {
    }

    public record Outcome(String dataset, String check, boolean error, boolean passed, Double value, String threshold,
                          String message) {
        public String level() {
            return error ? "ERROR" : "WARNING";
        }
    }

    public record Verdict(List<Outcome> outcomes) {
        public boolean failed() {
            return outcomes.stream().anyMatch(o -> o.error() && !o.passed());
        }

        public String label() {
            if (failed()) {
                return "FAILED";
            }
            return outcomes.stream().anyMatch(o -> !o.passed()) ? "PASSED_WITH_WARNINGS" : "PASSED";
        }

        /** One line per failed check: which, the value and the threshold. */
        public String summary() {
            StringBuilder s = new StringBuilder();
            long errors = outcomes.stream().filter(o -> o.error() && !o.passed()).count();
            long warnings = outcomes.stream().filter(o -> !o.error() && !o.passed()).count();
            s.append(String.format(Locale.ROOT, "data quality: %s (%d checks, %d errors, %d warnings)%n", label(),
                    outcomes.size(), errors, warnings));
            for (Outcome o : outcomes) {
                if (!o.passed()) {
                    s.append(String.format(Locale.ROOT, "  %-7s %s [%s]: value %s, threshold %s%n", o.level(), o.check(),
                            o.dataset(), o.value() == null ? "n/a" : format(o.value()), o.threshold()));
                }
            }
            return s.toString();
        }

        private static String format(double v) {
            return v == Math.rint(v) && Math.abs(v) > 1 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.4f", v);
        }
    }

    private final SparkSession spark;
    private final Thresholds t;
    private final String repositoryPath;

    /** @param repositoryPath the Deequ metrics repository (a JSON file), or null for no history */
    public QualityGate(SparkSession spark, Thresholds thresholds, String repositoryPath) {
        this.spark = spark;
        this.t = thresholds;
        this.repositoryPath = repositoryPath;
    }

    public Verdict evaluate(Inputs in, LocalDate runDate) {
        // the silver checks scan every dossier while the night's are many small jobs, mostly driver work: run
        // side by side they keep both cores busy (only the night's use the metrics repository)
        List<List<Outcome>> parts = Concurrently.run(List.of(() -> {
            spark.sparkContext().setJobDescription("quality: silver dossiers");
            return run("silver_dossiers", withCatalogFlags(in), silverRules(), null, runDate);
        }, () -> nightChecks(in, runDate)));
        List<Outcome> out = new ArrayList<>();
        parts.forEach(out::addAll);
        return new Verdict(List.copyOf(out));
    }

    private List<Outcome> nightChecks(Inputs in, LocalDate runDate) {
        List<Outcome> out = new ArrayList<>();
        spark.sparkContext().setJobDescription("quality: the night's input");
        Map<String, Rule> night = new LinkedHashMap<>();
        night.put("quarantined share of the night's dossier records", rule(true, "is_quarantined",
                "<= " + pct(t.quarantineMax()) + " quarantined", v -> v <= t.quarantineMax()));
        out.addAll(run("night_input", in.nightInput(), night,
                new Anomaly("volume of the night's accepted records", new Size(Option.empty()),
                        new RelativeRateOfChangeStrategy(Option.apply(t.volumeDropMax()), Option.empty(), 1),
                        "not below " + pct(t.volumeDropMax()) + " of the previous night"), runDate));
        out.addAll(run("night_dossiers", in.nightDossiers(), Map.of(),
                new Anomaly("online share of the night's dossiers", compliance("online share", "channel = 'ONLINE'"),
                        new AbsoluteChangeStrategy(Option.apply(-t.rateDriftMax()), Option.apply(t.rateDriftMax()), 1),
                        "within ±" + pct(t.rateDriftMax()) + " of the previous night"), runDate));
        out.addAll(run("night_ratings", in.nightRatings(), Map.of(),
                new Anomaly("satisfied share of the night's ratings", compliance("satisfied share", "rating IN (2, 3)"),
                        new AbsoluteChangeStrategy(Option.apply(-t.rateDriftMax()), Option.apply(t.rateDriftMax()), 1),
                        "within ±" + pct(t.rateDriftMax()) + " of the previous night"), runDate));
        Map<String, Rule> counts = new LinkedHashMap<>();
        counts.put("records read = accepted + quarantined + re-exports", rule(true,
                "records_read = accepted + quarantined + re_exports", "all rows", v -> v == 1.0));
        Dataset<Row> countRow = spark.createDataFrame(List.of(RowFactory.create(in.read(), in.accepted(), in.quarantined(), in.reExports())),
                DataTypes.createStructType(List.of(
                        DataTypes.createStructField("records_read", DataTypes.LongType, false),
                        DataTypes.createStructField("accepted", DataTypes.LongType, false),
                        DataTypes.createStructField("quarantined", DataTypes.LongType, false),
                        DataTypes.createStructField("re_exports", DataTypes.LongType, false))));
        out.addAll(run("run_counts", countRow, counts, null, runDate));
        return out;
    }

    private Map<String, Rule> silverRules() {
        Map<String, Rule> r = new LinkedHashMap<>();
        r.put("dossier_id is complete", new Rule(true, "100% non-null", c -> Dq.isComplete(c, "dossier_id")));
        r.put("dossier_id is unique", new Rule(true, "no duplicates", c -> Dq.isUnique(c, "dossier_id")));
        r.put("channel is ONLINE, POSTAL or IN_PERSON", rule(true, "channel IN ('ONLINE', 'POSTAL', 'IN_PERSON')", "all rows", v -> v == 1.0));
        r.put("status is 1..10", rule(true, "status BETWEEN 1 AND 10", "all rows", v -> v == 1.0));
        r.put("submitted_from is REMOTE, DESK, ASSISTED or empty",
                rule(true, "submitted_from IS NULL OR submitted_from IN ('REMOTE', 'DESK', 'ASSISTED')", "all rows", v -> v == 1.0));
        r.put("applicant_type is CITIZEN, BUSINESS or empty",
                rule(true, "applicant_type IS NULL OR applicant_type IN ('CITIZEN', 'BUSINESS')", "all rows", v -> v == 1.0));
        r.put("received_at <= finished_at",
                rule(true, "received_at IS NULL OR finished_at IS NULL OR received_at <= finished_at", "all rows", v -> v == 1.0));
        r.put("due_at >= received_at",
                rule(true, "due_at IS NULL OR received_at IS NULL OR due_at >= received_at", "all rows", v -> v == 1.0));
        r.put("procedure code found in the catalogue", rule(true, "procedure_known",
                ">= " + pct(t.catalogMatchMin()) + " of dossiers", v -> v >= t.catalogMatchMin()));
        r.put("unit code found in the units", rule(true, "unit_known",
                ">= " + pct(t.catalogMatchMin()) + " of dossiers", v -> v >= t.catalogMatchMin()));
        for (String optional : List.of("submitted_at", "due_at", "applicant_key", "applicant_type")) {
            r.put(optional + " is filled in", new Rule(false, ">= " + pct(t.completenessMin()) + " of received dossiers",
                    c -> Dq.hasCompleteness(c, optional, v -> v >= t.completenessMin())));
        }
        return r;
    }

    /** Adds procedure_known and unit_known: whether the codes exist in the catalogue. */
    private static Dataset<Row> withCatalogFlags(Inputs in) {
        Dataset<Row> procedures = in.procedures().select(col("procedure_code")).distinct().withColumn("procedure_known", lit(true));
        Dataset<Row> units = in.units().select(col("unit_code")).distinct().withColumn("unit_known", lit(true));
        return in.dossiers()
                .join(procedures, Seqs.of("procedure_code"), "left")
                .join(units, Seqs.of("unit_code"), "left")
                .na().fill(false, new String[]{"procedure_known", "unit_known"});
    }

    private record Rule(boolean error, String threshold, java.util.function.UnaryOperator<Check> constraint) {
    }

    private record Anomaly(String name, Analyzer<?, ?> analyzer, AnomalyDetectionStrategy strategy, String threshold) {
    }

    private static Rule rule(boolean error, String condition, String threshold, DoublePredicate test) {
        return new Rule(error, threshold, c -> Dq.satisfies(c, condition, condition, test));
    }

    private static Compliance compliance(String name, String predicate) {
        return new Compliance(name, predicate, Option.empty(), scala.collection.immutable.List$.MODULE$.<String>empty(), Option.empty());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private List<Outcome> run(String dataset, Dataset<Row> data, Map<String, Rule> rules, Anomaly anomaly, LocalDate runDate) {
        Map<Check, String[]> names = new LinkedHashMap<>();
        VerificationRunBuilder builder = new VerificationSuite().onData(data);
        for (Map.Entry<String, Rule> e : rules.entrySet()) {
            Check check = e.getValue().constraint().apply(Dq.check(e.getValue().error(), e.getKey()));
            names.put(check, new String[]{e.getKey(), e.getValue().threshold()});
            builder = builder.addCheck(check);
        }
        VerificationResult result;
        if (anomaly != null && repositoryPath != null) {
            FileSystemMetricsRepository repo = new FileSystemMetricsRepository(spark, repositoryPath);
            scala.collection.immutable.Map<String, String> tags = tags(dataset);
            long key = runDate.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
            VerificationRunBuilderWithRepository withRepo = builder.useRepository(repo).saveOrAppendResult(new ResultKey(key, tags));
            boolean hasHistory = !repo.load().withTagValues(tags).before(key - 1).get().isEmpty();
            if (hasHistory) {
                // only earlier dates: a rerun never compares a date with itself or with later nights
                result = withRepo.addAnomalyCheck(anomaly.strategy(), (Analyzer) anomaly.analyzer(), Option.apply(
                        new AnomalyCheckConfig(CheckLevel.Warning(), anomaly.name(), tags, Option.empty(),
                                Option.apply((Object) (key - 1))))).run();
            } else {
                result = withRepo.addRequiredAnalyzer((Analyzer) anomaly.analyzer()).run();
            }
        } else {
            result = builder.run();
        }
        List<Outcome> out = new ArrayList<>();
        Map<Check, CheckResult> results = JavaConverters.mapAsJavaMap(result.checkResults());
        List<Check> order = new ArrayList<>(names.keySet());
        results.keySet().stream().filter(c -> !names.containsKey(c)).forEach(order::add);
        for (Check check : order) {
            String[] meta = names.get(check);
            String name = meta != null ? meta[0] : anomaly.name();
            String threshold = meta != null ? meta[1] : anomaly.threshold();
            boolean error = check.level() == CheckLevel.Error();
            for (ConstraintResult c : JavaConverters.seqAsJavaList(results.get(check).constraintResults())) {
                Double value = null;
                if (c.metric().isDefined() && c.metric().get().value().isSuccess()) {
                    Object v = c.metric().get().value().get();
                    value = v instanceof Number n ? n.doubleValue() : null;
                }
                boolean passed = c.status() == ConstraintStatus.Success();
                out.add(new Outcome(dataset, name, error, passed, value, threshold,
                        passed ? null : c.message().isDefined() ? c.message().get() : "failed"));
            }
        }
        return out;
    }

    private static scala.collection.immutable.Map<String, String> tags(String dataset) {
        return scala.collection.immutable.Map$.MODULE$.<String, String>empty().$plus(new scala.Tuple2<>("dataset", dataset));
    }

    private static String pct(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }
}
