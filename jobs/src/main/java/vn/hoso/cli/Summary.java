package vn.hoso.cli;

import vn.hoso.config.Settings;
import vn.hoso.ingest.IngestJob;
import vn.hoso.io.LandingZone;
import vn.hoso.pipeline.Pipeline;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Locale;

/** The short report a run prints: per-feed counts that reconcile, freshness, and where the outputs are. */
final class Summary {
    private Summary() {
    }

    static String of(Pipeline.Outcome o, Settings settings) {
        StringBuilder s = new StringBuilder();
        IngestJob.Result r = o.ingest();
        double secs = Duration.between(o.startedAt(), o.finishedAt()).toMillis() / 1000.0;
        s.append(String.format(Locale.ROOT, "run %s: %s, %d export dates, %.1f s%n", o.runId(), o.request().describe(),
                o.request().dates().size(), secs));
        s.append(String.format(Locale.ROOT, "%-16s %12s %12s %12s %12s%n", "feed", "read", "accepted", "quarantined", "re-exports"));
        for (IngestJob.FeedCounts f : r.feeds()) {
            s.append(row(f));
        }
        IngestJob.FeedCounts t = r.total(LandingZone.DATED_FEEDS);
        s.append(String.format(Locale.ROOT, "records read %d = accepted %d + quarantined %d + re-exports %d (dated feeds)%n",
                t.read(), t.accepted(), t.quarantined(), t.reExports()));
        s.append(String.format(Locale.ROOT, "dossiers changed: %d; freshest snapshot: %s (UTC+07:00)%n", r.dossiersChanged(),
                r.maxSyncedAt() == null ? "none" : r.maxSyncedAt().atOffset(ZoneOffset.ofHours(7)).toLocalDateTime()));
        if (o.quality() != null) {
            s.append(o.quality().summary());
        }
        s.append("silver tables: ").append(settings.warehouse()).append("/silver/<table>; run log: ")
                .append(settings.warehouse()).append("/ops/runs\n");
        return s.toString();
    }

    private static String row(IngestJob.FeedCounts f) {
        return String.format(Locale.ROOT, "%-16s %12d %12d %12d %12d%n", f.feed(), f.read(), f.accepted(), f.quarantined(), f.reExports());
    }
}
