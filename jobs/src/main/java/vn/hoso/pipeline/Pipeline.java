package vn.hoso.pipeline;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hoso.config.Settings;
import vn.hoso.config.UserError;
import vn.hoso.ingest.IngestJob;
import vn.hoso.ingest.SecretFingerprint;
import vn.hoso.marts.AsOf;
import vn.hoso.marts.MartsJob;
import vn.hoso.marts.Plan;
import vn.hoso.marts.Scorecard;
import vn.hoso.quality.QualityFailure;
import vn.hoso.quality.QualityGate;
import vn.hoso.io.LandingZone;
import vn.hoso.io.TableSpec;
import vn.hoso.io.TableStore;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Runs the stages in order for one request and keeps the run log. It is the only place that reads the
 * clock (for the log's wall times); the figures depend on the run date only.
 */
public final class Pipeline {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
    public static final TableSpec RUNS = TableSpec.load("ops", "runs");
    public static final TableSpec RUN_FEEDS = TableSpec.load("ops", "run_feeds");
    public static final TableSpec DQ_RESULTS = TableSpec.load("ops", "dq_results");
    /** Marker of a run that changed silver but stopped before its marts: the next run recomputes every year. */
    static final String MARTS_PENDING = "marts.pending";
    /**
     * Marker of a full rebuild whose ingest has not finished: silver was emptied and is incomplete, so every
     * other run (and the publish) refuses until a full rebuild completes.
     */
    public static final String REBUILD_PENDING = "rebuild.pending";

    private final SparkSession spark;
    private final Settings settings;
    private final Clock clock;
    /** The id the next ingest takes (that of the warehouse lock's holder), else a new one. */
    private String runId;

    public Pipeline(SparkSession spark, Settings settings, Clock clock) {
        this.spark = spark;
        this.settings = settings;
        this.clock = clock;
    }

    /** Makes the next ingest's run id {@code id} (the id the CLI took the warehouse lock with). */
    public Pipeline withRunId(String id) {
        this.runId = id;
        return this;
    }

    /** A run id: the UTC start time, the kind of run (or stage), and a random suffix. */
    public static String newRunId(Instant at, String kind) {
        return at.toString().replaceAll("[-:]", "").replaceAll("\\.\\d+", "") + "-" + kind + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    /** What a run did, for the summary the CLI prints. */
    public record Outcome(String runId, RunRequest request, IngestJob.Result ingest, QualityGate.Verdict quality,
                          TreeSet<Integer> martYears, List<Scorecard.Line> scorecard, Instant startedAt, Instant finishedAt) {
    }

    /** Every stage in one process: ingest, the quality gate, then the marts and scorecards. */
    public Outcome run(RunRequest request) {
        RunRequest effective = ingest(request).request();
        QualityGate.Verdict quality = check(effective);
        Outcome o = marts(effective);
        return new Outcome(o.runId(), o.request(), o.ingest(), quality, o.martYears(), o.scorecard(), o.startedAt(),
                o.finishedAt());
    }

    /**
     * Stage 1: landing files of the request's export dates into silver. Leaves the stage state under
     * {@code ops/} for the gate and the marts, which may run in later processes (one task per stage).
     */
    public StageState ingest(RunRequest request) {
        LandingZone landing = landing();
        TableStore store = new TableStore(spark, settings.warehouse());
        RunRequest effective = resolve(request, landing);
        SecretFingerprint.check(store, settings.pseudonymiser(), effective.mode() == RunMode.FULL);
        String runId = runId(effective);
        Instant started = clock.instant();
        if (effective.mode() == RunMode.FULL) {
            // set before silver is emptied, removed once it is whole again
            store.swapMarker(REBUILD_PENDING, "full rebuild by run " + runId + ", started " + started + "\n");
            clearSilver(store);
        } else {
            refuseAfterUnfinishedRebuild(store, "ingest");
            warnAboutMissingDates(landing, effective);
        }
        LOG.info("run {}: {} ({} export dates), landing {}, warehouse {}", runId, effective.describe(),
                effective.dates().size(), settings.landing(), settings.warehouse());
        try {
            Plan.loadAll(settings.targets());
            Optional<StageState> previous = StageState.read(store);
            boolean unfinished = store.markerText(MARTS_PENDING).isPresent();
            // set before silver changes: a run that stops anywhere from here to the end of the marts
            // makes the next one recompute every year
            store.swapMarker(MARTS_PENDING, "ingest started by " + runId);
            LocalDate asOf = AsOf.next(store, effective.dates().last(), effective.mode() == RunMode.FULL);
            IngestJob.Result ingest = new IngestJob(spark, landing, store, settings.pseudonymiser(), settings.maxLineBytes())
                    .run(effective.dates(), effective.runDate());
            AsOf.record(store, asOf);
            boolean allYears = effective.mode() == RunMode.FULL || unfinished
                    || previous.map(p -> !p.martsDone()).orElse(false);
            StageState state = StageState.ingested(runId, effective, started, ingest, allYears, asOf);
            state.write(store);
            store.deleteMarker(REBUILD_PENDING);
            return state;
        } catch (RuntimeException e) {
            failed(store, new Outcome(runId, effective, null, null, null, null, started, clock.instant()), null, e);
            throw e;
        }
    }

    /** Stage 2: the Deequ gate on silver and on the night's input. Throws {@link QualityFailure} when it fails. */
    public QualityGate.Verdict check(RunRequest request) {
        TableStore store = new TableStore(spark, settings.warehouse());
        refuseAfterUnfinishedRebuild(store, "check");
        StageState state = StageState.require(store, request, "check");
        QualityGate.Verdict quality = quality(store, state.request(), state.ingest());
        writeQuality(store, state.runId(), state.request().runDate(), quality);
        state.withQuality(quality.label()).write(store);
        if (quality.failed()) {
            log(store, state.outcome(quality, null, null, clock.instant()), quality.label(), "FAILED",
                    "data-quality gate failed");
            throw new QualityFailure(quality);
        }
        return quality;
    }

    /** Stage 3: the marts of the years the ingest touched (all years when needed) and the plan scorecards. */
    public Outcome marts(RunRequest request) {
        TableStore store = new TableStore(spark, settings.warehouse());
        refuseAfterUnfinishedRebuild(store, "marts");
        StageState state = StageState.require(store, request, "marts");
        if (state.quality() == null || "FAILED".equals(state.quality())) {
            throw new UserError("the data-quality gate has " + (state.quality() == null ? "not run" : "failed")
                    + " on the ingest of " + state.request().describe() + ": run `hoso check` for it first");
        }
        try {
            List<Plan> plans = Plan.loadAll(settings.targets());
            MartsJob marts = new MartsJob(spark, store, new MartsJob.Config(settings.provinceCode(), settings.minN(), vn.hoso.config.Constants.MIN_N_DEFAULT,
                    vn.hoso.index766.Index766Profile.forSetting(settings.index766Profile())));
            TreeSet<Integer> years = martYears(marts, store, state);
            TreeSet<Integer> done = years.isEmpty() ? years : marts.run(state.asOfDate(), years);
            TreeSet<Integer> recorded = new TreeSet<>(marts.asOfByYear().keySet());
            recorded.addAll(done);
            marts.recordAsOf(recorded, state.asOfDate());
            List<Scorecard.Line> scorecard = marts.scorecard(plans);
            store.deleteMarker(MARTS_PENDING);
            state.withMartsDone().write(store);
            Outcome outcome = state.outcome(null, done, scorecard, clock.instant());
            log(store, outcome, state.quality(), "SUCCEEDED", null);
            return outcome;
        } catch (RuntimeException e) {
            failed(store, state.outcome(null, null, null, clock.instant()), state.quality(), e);
            throw e;
        }
    }

    /** The request with its dates filled in: a full run reads every export date in the landing zone. */
    public RunRequest resolve(RunRequest request, LandingZone landing) {
        if (request.mode() != RunMode.FULL) {
            return request;
        }
        TreeSet<LocalDate> all = landing.exportDates();
        if (all.isEmpty()) {
            throw new UserError("landing folder " + settings.landing() + " has no dossiers/, ratings/ or feedback/ date= folders");
        }
        return new RunRequest(RunMode.FULL, all, all.last());
    }

    private LandingZone landing() {
        LandingZone landing = new LandingZone(settings.landing(), spark.sparkContext().hadoopConfiguration());
        if (!landing.exists()) {
            throw new UserError("landing folder " + settings.landing()
                    + " does not exist (set --landing, HOSO_LANDING or landing: in hoso.yaml; `hoso generate` makes a sample)");
        }
        return landing;
    }

    private void failed(TableStore store, Outcome outcome, String qualityLabel, RuntimeException e) {
        try {
            log(store, outcome, qualityLabel, "FAILED", e.getMessage());
        } catch (RuntimeException logFailure) {
            e.addSuppressed(logFailure);
        }
    }

    /**
     * The years to recompute: all of them on a full run, a catalogue change, an empty gold layer, or after
     * a run that stopped between ingest and marts; else the years the night's changes touch plus those
     * whose figures move between the as-of date they were computed with and the warehouse's.
     */
    private static TreeSet<Integer> martYears(MartsJob marts, TableStore store, StageState state) {
        TreeSet<Integer> all = marts.yearsWithDossiers();
        if (state.allYears() || state.ingest().catalogChanged() || store.read(MartsJob.KPI).isEmpty()) {
            return all;
        }
        TreeSet<Integer> years = new TreeSet<>(state.ingest().touchedYears());
        years.addAll(marts.yearsDependingOnAsOf(state.asOfDate(), marts.asOfByYear()));
        return years;
    }

    /** Deequ checks on silver and on the night's input (the run's export dates). */
    private QualityGate.Verdict quality(TableStore store, RunRequest request, IngestJob.Result ingest) {
        QualityGate.Inputs inputs = QualityGate.Inputs.of(store, request.dates(), ingest.total(LandingZone.DATED_FEEDS));
        QualityGate.Verdict verdict = new QualityGate(spark, settings.quality(), store.root() + "/ops/dq_metrics.json")
                .evaluate(inputs, request.runDate());
        LOG.info("{}", verdict.summary().stripTrailing());
        return verdict;
    }

    private void writeQuality(TableStore store, String runId, LocalDate runDate, QualityGate.Verdict verdict) {
        List<Row> rows = verdict.outcomes().stream().map(o -> RowFactory.create(runId, runDate, o.dataset(), o.check(),
                o.level(), o.passed() ? "PASSED" : "FAILED", o.value(), o.threshold(), o.text())).toList();
        store.append(DQ_RESULTS, spark.createDataFrame(rows, DQ_RESULTS.sparkSchema()));
    }

    private void warnAboutMissingDates(LandingZone landing, RunRequest request) {
        TreeSet<LocalDate> present = landing.exportDates();
        List<LocalDate> missing = request.dates().stream().filter(d -> !present.contains(d)).toList();
        if (!missing.isEmpty()) {
            LOG.warn("no landing folders for {} of {} dates (first: {}): those nights count as empty",
                    missing.size(), request.dates().size(), missing.get(0));
        }
    }

    private static void refuseAfterUnfinishedRebuild(TableStore store, String stage) {
        store.markerText(REBUILD_PENDING).ifPresent(text -> {
            throw new UserError(unfinishedRebuild(store.root(), text, "hoso " + stage));
        });
    }

    /** The message of every command refused after a full rebuild that did not finish. */
    public static String unfinishedRebuild(String warehouse, String marker, String command) {
        String what = marker.isBlank() ? "full rebuild" : marker.strip();
        return "the " + what + " did not finish: silver in " + warehouse + " is incomplete, so `" + command
                + "` would work on a partial province; run `hoso run --full` again first";
    }

    private void clearSilver(TableStore store) {
        store.clearLayer("silver");
    }

    private String runId(RunRequest request) {
        String id = runId != null ? runId : newRunId(clock.instant(), request.mode().label());
        runId = null;
        return id;
    }

    private void log(TableStore store, Outcome o, String qualityLabel, String status, String message) {
        IngestJob.Result r = o.ingest();
        IngestJob.FeedCounts total = r == null ? new IngestJob.FeedCounts("total", 0, 0, 0, 0)
                : r.total(LandingZone.DATED_FEEDS);
        RunRequest q = o.request();
        Row row = RowFactory.create(o.runId(), q.runDate(), q.dates().first(), q.dates().last(), q.mode().label(),
                o.startedAt(), o.finishedAt(), status, total.read(), total.accepted(), total.quarantined(),
                total.reExports(), r == null ? 0L : r.dossiersChanged(), r == null ? null : r.maxSyncedAt(),
                qualityLabel, message);
        store.append(RUNS, spark.createDataFrame(List.of(row), RUNS.sparkSchema()));
        if (r != null) {
            List<Row> feeds = new ArrayList<>();
            for (IngestJob.FeedCounts f : r.feeds()) {
                feeds.add(RowFactory.create(o.runId(), f.feed(), f.read(), f.accepted(), f.quarantined(), f.reExports()));
            }
            store.append(RUN_FEEDS, spark.createDataFrame(feeds, RUN_FEEDS.sparkSchema()));
        }
    }
}
