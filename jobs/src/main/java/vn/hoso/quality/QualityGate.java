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
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.Option;
import scala.collection.JavaConverters;
import vn.hoso.ingest.IngestJob;
import vn.hoso.io.LandingZone;
import vn.hoso.io.TableStore;
import vn.hoso.spark.Concurrently;
import vn.hoso.spark.Seqs;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoublePredicate;
import java.util.function.UnaryOperator;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

/**
 * The data-quality gate: Deequ checks on silver and on the night's input. An ERROR failure stops the
 * run before the marts and the publish; WARNINGs (optional-field completeness, drift of the night's
 * online and satisfaction shares, volume anomalies against earlier nights) are reported. Rules a single
 * record can break are the ingest's (it quarantines the record); here they are backstops, and the
 * catalogue match and the rules on the night's records measure the night only, so one record never blocks
 * later nights. A check with no records to measure (an empty night) is n/a and passes; the volume check
 * warns that the night was empty. A failed ERROR check on data names up to {@link #MAX_KEYS} offending
 * keys. Metrics of the night are kept in a Deequ repository keyed by the run date, so a rerun replaces
 * its date's metrics and anomaly detection only looks at earlier dates; an empty night stores none.
 */
public final class QualityGate {
    /** Thresholds, configurable under {@code quality:} in hoso.yaml. */
    public record Thresholds(double catalogMatchMin, double quarantineMax, double completenessMin, double volumeDropMax,
                             double rateDriftMax) {
        public static Thresholds defaults() {
            return new Thresholds(0.995, 0.01, 0.90, 0.5, 0.10);
        }
    }

    /** How many offending keys a failed check names. */
    public static final int MAX_KEYS = 10;

    /**
     * What the gate looks at. The night's datasets may be empty (a night with no input).
     *
     * @param nightInput    every record of the night's dated feeds: feed, is_quarantined, record_key (the id, or
     *                      file:line and reason code of a quarantined record)
     * @param nightDossiers the night's dossier records: the silver dossiers whose latest record is the night's
     */
    public record Inputs(Dataset<Row> dossiers, Dataset<Row> procedures, Dataset<Row> units, Dataset<Row> nightInput,
                         Dataset<Row> nightDossiers, Dataset<Row> nightRatings, long read, long accepted, long quarantined,
                         long reExports) {

        /** The inputs of a run that loaded {@code dates} into the warehouse, with its counts. */
        public static Inputs of(TableStore store, Collection<LocalDate> dates, IngestJob.FeedCounts total) {
            Column ofNight = IngestJob.ofDates(dates);
            Dataset<Row> night = store.readOrEmpty(IngestJob.QUARANTINE).where(ofNight
                            .and(col("feed").isin(LandingZone.DATED_FEEDS.toArray())))
                    .select(col("feed"), lit(true).as("is_quarantined"),
                            concat(col("source_file"), lit(":"), col("line_number"), lit(" "), col("reason_code")).as("record_key"));
            for (String feed : LandingZone.DATED_FEEDS) {
                night = night.unionByName(store.readOrEmpty(IngestJob.DATED_TABLES.get(feed)).where(ofNight)
                        .select(lit(feed).as("feed"), lit(false).as("is_quarantined"),
                                col(feed.equals("feedback") ? "feedback_id" : "dossier_id").as("record_key")));
            }
            return new Inputs(store.readOrEmpty(IngestJob.DOSSIERS), store.readOrEmpty(IngestJob.PROCEDURES),
                    store.readOrEmpty(IngestJob.UNITS), night,
                    store.readOrEmpty(IngestJob.DOSSIERS).where(col("export_date").isin(dates.toArray())),
                    store.readOrEmpty(IngestJob.RATINGS).where(ofNight),
                    total.read(), total.accepted(), total.quarantined(), total.reExports());
        }
    }

    /**
     * @param message Deequ's message for a failure
     * @param detail  what the gate adds: the offending keys of a failed check, or why a check had nothing to measure
     */
    public record Outcome(String dataset, String check, boolean error, boolean passed, Double value, String threshold,
                          String message, String detail) {
        public String level() {
            return error ? "ERROR" : "WARNING";
        }

        /** The message and the detail, as the results table keeps them. */
        public String text() {
            return message == null ? detail : detail == null ? message : message + "; " + detail;
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
                    s.append(String.format(Locale.ROOT, "  %-7s %s [%s]: value %s, threshold %s%s%n", o.level(), o.check(),
                            o.dataset(), o.value() == null ? "n/a" : format(o.value()), o.threshold(),
                            o.detail() == null ? "" : " (" + o.detail() + ")"));
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
            return run("silver_dossiers", in.dossiers().withColumn("record_key", coalesce(col("dossier_id"),
                    concat_ws(":", col("export_file"), col("export_line")))), silverRules(), null, runDate);
        }, () -> nightChecks(in, runDate)));
        List<Outcome> out = new ArrayList<>();
        parts.forEach(out::addAll);
        return new Verdict(List.copyOf(out));
    }

    private List<Outcome> nightChecks(Inputs in, LocalDate runDate) {
        List<Outcome> out = new ArrayList<>();
        spark.sparkContext().setJobDescription("quality: the night's input");
        out.addAll(run("night_records", withCatalogFlags(in), nightRecordRules(), null, runDate));
        for (String feed : LandingZone.DATED_FEEDS) {
            String records = feed.equals("dossiers") ? "dossier" : feed.equals("ratings") ? "rating" : "feedback";
            Map<String, Rule> night = new LinkedHashMap<>();
            night.put("quarantined share of the night's " + records + " records", new Rule(true,
                    "<= " + pct(t.quarantineMax()) + " quarantined",
                    c -> Dq.satisfies(c, "is_quarantined", "is_quarantined", v -> v <= t.quarantineMax()),
                    d -> d.where(col("is_quarantined"))));
            Dataset<Row> input = in.nightInput().where(col("feed").equalTo(feed));
            // the dossier feed keeps the dataset name its volume history is stored under
            out.addAll(feed.equals("dossiers")
                    ? run("night_input", input, night, new Anomaly("volume of the night's accepted records",
                            new Size(Option.empty()), new RelativeRateOfChangeStrategy(Option.apply(t.volumeDropMax()),
                            Option.empty(), 1), "not below " + pct(t.volumeDropMax()) + " of the previous night"), runDate)
                    : run("night_input_" + feed, input, night, null, runDate));
        }
        out.addAll(run("night_dossiers", in.nightDossiers(), Map.of(),
                new Anomaly("online share of the night's dossiers", compliance("online share", "channel = 'ONLINE'"),
                        new AbsoluteChangeStrategy(Option.apply(-t.rateDriftMax()), Option.apply(t.rateDriftMax()), 1),
                        "within ±" + pct(t.rateDriftMax()) + " of the previous night"), runDate));
        out.addAll(run("night_ratings", in.nightRatings(), Map.of(),
                new Anomaly("satisfied share of the night's ratings", compliance("satisfied share", "rating IN (2, 3)"),
                        new AbsoluteChangeStrategy(Option.apply(-t.rateDriftMax()), Option.apply(t.rateDriftMax()), 1),
                        "within ±" + pct(t.rateDriftMax()) + " of the previous night"), runDate));
        out.add(balance(in));
        return out;
    }

    static final String BALANCE = "records read = accepted + quarantined + re-exports";

    /** The run's counts, each counted on its own by the ingest, must add up. */
    static Outcome balance(Inputs in) {
        long sum = in.accepted() + in.quarantined() + in.reExports();
        boolean passed = in.read() == sum;
        return new Outcome("run_counts", BALANCE, true, passed, (double) (in.read() - sum), "read - (accepted + quarantined + re-exports) = 0",
                passed ? null : "the counts do not add up",
                String.format(Locale.ROOT, "read %d, accepted %d + quarantined %d + re-exports %d = %d", in.read(),
                        in.accepted(), in.quarantined(), in.reExports(), sum));
    }

    private Map<String, Rule> silverRules() {
        Map<String, Rule> r = new LinkedHashMap<>();
        r.put("dossier_id is complete", new Rule(true, "100% non-null", c -> Dq.isComplete(c, "dossier_id"),
                d -> d.where(col("dossier_id").isNull())));
        r.put("dossier_id is unique", new Rule(true, "no duplicates", c -> Dq.isUnique(c, "dossier_id"),
                d -> d.where(col("dossier_id").isNotNull()).groupBy("record_key").count().where(col("count").gt(1))));
        r.put("channel is ONLINE, POSTAL or IN_PERSON", rule(true, "channel IN ('ONLINE', 'POSTAL', 'IN_PERSON')", "all rows", v -> v == 1.0));
        r.put("status is 1..10", rule(true, "status BETWEEN 1 AND 10", "all rows", v -> v == 1.0));
        r.put("submitted_from is REMOTE, DESK, ASSISTED or empty",
                rule(true, "submitted_from IS NULL OR submitted_from IN ('REMOTE', 'DESK', 'ASSISTED')", "all rows", v -> v == 1.0));
        r.put("applicant_type is CITIZEN, BUSINESS or empty",
                rule(true, "applicant_type IS NULL OR applicant_type IN ('CITIZEN', 'BUSINESS')", "all rows", v -> v == 1.0));
        r.put("received_at <= finished_at",
                rule(true, "received_at IS NULL OR finished_at IS NULL OR received_at <= finished_at", "all rows", v -> v == 1.0));
        for (String optional : List.of("submitted_at", "due_at", "applicant_key", "applicant_type")) {
            r.put(optional + " is filled in", new Rule(false, ">= " + pct(t.completenessMin()) + " of received dossiers",
                    c -> Dq.hasCompleteness(c, optional, v -> v >= t.completenessMin()), null));
        }
        return r;
    }

    /** Rules on the night's dossier records only: a record that breaks one is the night's to fix. */
    private Map<String, Rule> nightRecordRules() {
        Map<String, Rule> r = new LinkedHashMap<>();
        // dates (Vietnam time, the session's), not instants: due at 00:00 of the receipt day is valid
        r.put("due date on or after the received date", rule(true,
                "due_at IS NULL OR received_at IS NULL OR to_date(due_at) >= to_date(received_at)", "all rows", v -> v == 1.0));
        r.put("procedure code found in the catalogue", rule(true, "procedure_known",
                ">= " + pct(t.catalogMatchMin()) + " of the night's dossier records", v -> v >= t.catalogMatchMin()));
        r.put("unit code found in the units", rule(true, "unit_known",
                ">= " + pct(t.catalogMatchMin()) + " of the night's dossier records", v -> v >= t.catalogMatchMin()));
        // the Decision 766 on-time rule counts a received dossier with neither as on time (INDEX766.md): say so
        String deadline = "due_at IS NOT NULL OR received_at IS NULL OR deadline_known";
        r.put("a due date or a catalogue deadline (late_766)", new Rule(false, "all received records",
                c -> Dq.satisfies(c, deadline, deadline, v -> v == 1.0), null));
        return r;
    }

    /** The night's records with procedure_known and unit_known: whether the codes exist in the catalogue. */
    private static Dataset<Row> withCatalogFlags(Inputs in) {
        Dataset<Row> procedures = in.procedures().groupBy(col("procedure_code"))
                .agg(org.apache.spark.sql.functions.max(col("deadline_days").isNotNull()).as("deadline_known"))
                .withColumn("procedure_known", lit(true));
        Dataset<Row> units = in.units().select(col("unit_code")).distinct().withColumn("unit_known", lit(true));
        return in.nightDossiers().withColumn("record_key", col("dossier_id"))
                .join(procedures, Seqs.of("procedure_code"), "left")
                .join(units, Seqs.of("unit_code"), "left")
                .na().fill(false, new String[]{"procedure_known", "unit_known", "deadline_known"});
    }

    /** @param offending the rows that break the rule (with a record_key column), or null for a warning */
    private record Rule(boolean error, String threshold, java.util.function.UnaryOperator<Check> constraint,
                        UnaryOperator<Dataset<Row>> offending) {
    }

    private record Anomaly(String name, Analyzer<?, ?> analyzer, AnomalyDetectionStrategy strategy, String threshold) {
    }

    private static Rule rule(boolean error, String condition, String threshold, DoublePredicate test) {
        // Deequ counts a null condition as not satisfied: so does the list of offenders
        return new Rule(error, threshold, c -> Dq.satisfies(c, condition, condition, test),
                d -> d.where(not(coalesce(expr("(" + condition + ")"), lit(false)))));
    }

    private static Compliance compliance(String name, String predicate) {
        return new Compliance(name, predicate, Option.empty(), scala.collection.immutable.List$.MODULE$.<String>empty(), Option.empty());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private List<Outcome> run(String dataset, Dataset<Row> data, Map<String, Rule> rules, Anomaly anomaly, LocalDate runDate) {
        if (data.isEmpty()) {
            return nothingToMeasure(dataset, rules, anomaly);
        }
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
                Rule rule = meta != null ? rules.get(name) : null;
                out.add(new Outcome(dataset, name, error, passed, value, threshold,
                        passed ? null : c.message().isDefined() ? c.message().get() : "failed",
                        passed || rule == null || rule.offending() == null ? null : offenders(rule.offending().apply(data))));
            }
        }
        return out;
    }

    /** No records: every check is n/a and passes, except the volume check, which warns that the night was empty. */
    private static List<Outcome> nothingToMeasure(String dataset, Map<String, Rule> rules, Anomaly anomaly) {
        List<Outcome> out = new ArrayList<>();
        rules.forEach((name, rule) -> out.add(new Outcome(dataset, name, rule.error(), true, null, rule.threshold(), null,
                "n/a: no records to measure")));
        if (anomaly != null) {
            boolean volume = anomaly.analyzer() instanceof Size;
            out.add(new Outcome(dataset, anomaly.name(), false, !volume, null, anomaly.threshold(), null,
                    volume ? "the night was empty: no records in " + dataset : "n/a: no records to measure"));
        }
        return out;
    }

    /** Up to MAX_KEYS keys of the offending rows, and how many there are. */
    private static String offenders(Dataset<Row> rows) {
        Dataset<Row> keys = rows.select(col("record_key").cast("string")).distinct();
        List<String> first = keys.orderBy("record_key").limit(MAX_KEYS).as(Encoders.STRING()).collectAsList();
        long n = first.size() < MAX_KEYS ? first.size() : keys.count();
        return "offending keys" + (n > first.size() ? " (first " + first.size() + " of " + n + ")" : "") + ": "
                + String.join(", ", first.stream().map(k -> k == null ? "(none)" : k).toList());
    }

    private static scala.collection.immutable.Map<String, String> tags(String dataset) {
        return scala.collection.immutable.Map$.MODULE$.<String, String>empty().$plus(new scala.Tuple2<>("dataset", dataset));
    }

    private static String pct(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }
}
