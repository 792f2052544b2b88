package vn.hoso.cli;

import vn.hoso.config.Settings;
import vn.hoso.ingest.IngestJob;
import vn.hoso.io.LandingZone;
import vn.hoso.pipeline.Pipeline;
import vn.hoso.pipeline.RunRequest;

import java.time.Duration;
import java.util.Locale;

/** The short report a run prints: per-feed counts that reconcile, freshness, and where the outputs are. */
public final class Summary {
    private Summary() {
    }

    public static String of(Pipeline.Outcome o, Settings settings) {
        double secs = Duration.between(o.startedAt(), o.finishedAt()).toMillis() / 1000.0;
        StringBuilder s = new StringBuilder(ingest(o.runId(), o.request(), o.ingest(), settings));
        if (o.quality() != null) {
            s.append(o.quality().summary());
        }
        s.append(String.format(Locale.ROOT, "finished in %.1f s; run log: %s/ops/runs%n", secs, settings.warehouse()));
        return s.toString();
    }

    /** The ingest's counts: per feed, and the reconciliation of the dated feeds. */
    static String ingest(String runId, RunRequest request, IngestJob.Result r, Settings settings) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "run %s: %s, %d export dates%n", runId, request.describe(), request.dates().size()));
        s.append(String.format(Locale.ROOT, "%-16s %12s %12s %12s %12s%n", "feed", "read", "accepted", "quarantined", "re-exports"));
        for (IngestJob.FeedCounts f : r.feeds()) {
            s.append(row(f));
        }
        IngestJob.FeedCounts t = r.total(LandingZone.DATED_FEEDS);
        s.append(String.format(Locale.ROOT, "records read %d = accepted %d + quarantined %d + re-exports %d (dated feeds)%n",
                t.read(), t.accepted(), t.quarantined(), t.reExports()));
        s.append(String.format(Locale.ROOT, "dossiers changed: %d; freshest snapshot: %s (UTC%s)%n", r.dossiersChanged(),
                r.maxSyncedAt() == null ? "none" : r.maxSyncedAt().atOffset(vn.hoso.config.Constants.UTC_OFFSET).toLocalDateTime(), vn.hoso.config.Constants.UTC_OFFSET));
        s.append("silver tables: ").append(settings.warehouse()).append("/silver/<table>\n");
        return s.toString();
    }

    private static String row(IngestJob.FeedCounts f) {
        return String.format(Locale.ROOT, "%-16s %12d %12d %12d %12d%n", f.feed(), f.read(), f.accepted(), f.quarantined(), f.reExports());
    }
}
