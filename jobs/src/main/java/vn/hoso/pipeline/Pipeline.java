package vn.hoso.pipeline;

import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hoso.config.Settings;
import vn.hoso.config.UserError;
import vn.hoso.ingest.IngestJob;
import vn.hoso.marts.MartsJob;
import vn.hoso.marts.Plan;
import vn.hoso.marts.Scorecard;
import vn.hoso.io.LandingZone;
import vn.hoso.io.TableSpec;
import vn.hoso.io.TableStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
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

    private final SparkSession spark;
    private final Settings settings;
    private final Clock clock;

    public Pipeline(SparkSession spark, Settings settings, Clock clock) {
        this.spark = spark;
        this.settings = settings;
        this.clock = clock;
    }

    /** What a run did, for the summary the CLI prints. */
    public record Outcome(String runId, RunRequest request, IngestJob.Result ingest, TreeSet<Integer> martYears,
                          List<Scorecard.Line> scorecard, Instant startedAt, Instant finishedAt) {
    }

    public Outcome run(RunRequest request) {
        LandingZone landing = new LandingZone(settings.landing(), spark.sparkContext().hadoopConfiguration());
        if (!landing.exists()) {
            throw new UserError("landing folder " + settings.landing()
                    + " does not exist (set --landing, HOSO_LANDING or landing: in hoso.yaml; `hoso generate` makes a sample)");
        }
        TableStore store = new TableStore(spark, settings.warehouse());
        RunRequest effective = request;
        if (request.mode() == RunMode.FULL) {
            TreeSet<LocalDate> all = landing.exportDates();
            if (all.isEmpty()) {
                throw new UserError("landing folder " + settings.landing() + " has no dossiers/, ratings/ or feedback/ date= folders");
            }
            effective = new RunRequest(RunMode.FULL, all, all.last());
            clearSilver(store);
        } else {
            warnAboutMissingDates(landing, effective);
        }
        String runId = runId(effective);
        Instant started = clock.instant();
        LOG.info("run {}: {} ({} export dates), landing {}, warehouse {}", runId, effective.describe(),
                effective.dates().size(), settings.landing(), settings.warehouse());
        try {
            List<Plan> plans = Plan.loadAll(settings.targets());
            IngestJob.Result ingest = new IngestJob(spark, landing, store, settings.pseudonymiser())
                    .run(effective.dates(), effective.runDate());
            MartsJob marts = new MartsJob(spark, store, new MartsJob.Config(settings.provinceCode(), settings.minN(), 1));
            TreeSet<Integer> years = martYears(marts, store, effective, ingest);
            TreeSet<Integer> done = years.isEmpty() ? years : marts.run(effective.runDate(), years);
            List<Scorecard.Line> scorecard = marts.scorecard(plans);
            Outcome outcome = new Outcome(runId, effective, ingest, done, scorecard, started, clock.instant());
            log(store, outcome, "SUCCEEDED", null);
            return outcome;
        } catch (RuntimeException e) {
            try {
                log(store, new Outcome(runId, effective, null, null, null, started, clock.instant()), "FAILED", e.getMessage());
            } catch (RuntimeException logFailure) {
                e.addSuppressed(logFailure);
            }
            throw e;
        }
    }

    /**
     * The years to recompute: all of them on a full run, a catalogue change or an empty gold layer; else
     * the years the night's changes touch plus those whose figures move with the as-of date.
     */
    private static TreeSet<Integer> martYears(MartsJob marts, TableStore store, RunRequest request, IngestJob.Result ingest) {
        TreeSet<Integer> all = marts.yearsWithDossiers();
        if (request.mode() == RunMode.FULL || ingest.catalogChanged() || store.read(MartsJob.KPI).isEmpty()) {
            return all;
        }
        TreeSet<Integer> years = new TreeSet<>(ingest.touchedYears());
        years.addAll(marts.yearsDependingOnAsOf(request.runDate()));
        return years;
    }

    private void warnAboutMissingDates(LandingZone landing, RunRequest request) {
        TreeSet<LocalDate> present = landing.exportDates();
        List<LocalDate> missing = request.dates().stream().filter(d -> !present.contains(d)).toList();
        if (!missing.isEmpty()) {
            LOG.warn("no landing folders for {} of {} dates (first: {}): those nights count as empty",
                    missing.size(), request.dates().size(), missing.get(0));
        }
    }

    private void clearSilver(TableStore store) {
        Path silver = new Path(store.root() + "/silver");
        try {
            silver.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(silver, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + silver + " for a full rebuild", e);
        }
    }

    private String runId(RunRequest request) {
        return clock.instant().toString().replaceAll("[-:]", "").replaceAll("\\.\\d+", "")
                + "-" + request.mode().label() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private void log(TableStore store, Outcome o, String status, String message) {
        IngestJob.Result r = o.ingest();
        IngestJob.FeedCounts total = r == null ? new IngestJob.FeedCounts("total", 0, 0, 0, 0)
                : r.total(LandingZone.DATED_FEEDS);
        RunRequest q = o.request();
        Row row = RowFactory.create(o.runId(), q.runDate(), q.dates().first(), q.dates().last(), q.mode().label(),
                o.startedAt(), o.finishedAt(), status, total.read(), total.accepted(), total.quarantined(),
                total.reExports(), r == null ? 0L : r.dossiersChanged(), r == null ? null : r.maxSyncedAt(), null, message);
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
