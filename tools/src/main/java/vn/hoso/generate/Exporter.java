package vn.hoso.generate;

import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * What the province's system exports each night: every snapshot on the day it was synced, about 3% of
 * them again byte for byte on a later day (re-sync), and, when asked, extra faulty lines. Re-exports
 * and faults draw from their own random streams, so the good data is the same whatever the bad rate.
 */
final class Exporter {
    static final double RE_EXPORT = 0.03;
    static final int MAX_RE_EXPORT_DAYS = 30;

    private final LandingWriter out;
    private final SnapshotJson json = new SnapshotJson();
    private final Faults faults = new Faults(json);
    private final double badRate;
    private final LocalDate until;
    private final SplittableRandom reExportRng;
    private final SplittableRandom faultRng;
    private final long[] faultCounts = new long[FaultKind.values().length];
    private long snapshots;
    private long reExports;
    private long ratings;
    private long feedback;

    Exporter(LandingWriter out, double badRate, LocalDate until, SplittableRandom reExportRng,
             SplittableRandom faultRng) {
        this.out = out;
        this.badRate = badRate;
        this.until = until;
        this.reExportRng = reExportRng;
        this.faultRng = faultRng;
    }

    void snapshot(Dossier d, long synced) {
        byte[] line = json.write(d, synced);
        LocalDate day = Times.date(synced);
        out.add(Feed.DOSSIERS, day, synced, line, null);
        snapshots++;
        if (reExportRng.nextDouble() < RE_EXPORT) {
            LocalDate again = day.plusDays(1 + reExportRng.nextInt(MAX_RE_EXPORT_DAYS));
            if (!again.isAfter(until)) {
                out.add(Feed.DOSSIERS, again, Times.at(again, reExportRng.nextInt(Times.DAY)), line, null);
                reExports++;
            }
        }
        if (badRate > 0 && faultRng.nextDouble() < badRate) {
            Faults.Fault f = faults.dossierLine(d, synced, faultRng);
            out.add(Feed.DOSSIERS, day, synced + 1, f.line(), f.kind());
            faultCounts[f.kind().ordinal()]++;
        }
    }

    /** A rating row; a few bad ones ride along at half the bad rate. */
    void rating(Dossier d, long at, int level) {
        LocalDate day = Times.date(at);
        out.add(Feed.RATINGS, day, at, new String[]{d.id, Times.format(at, d.style), Integer.toString(level)}, null);
        ratings++;
        if (badRate > 0 && faultRng.nextDouble() < badRate / 2) {
            FaultKind kind = faultRng.nextBoolean() ? FaultKind.RATING_UNKNOWN_LEVEL
                    : FaultKind.RATING_UNPARSEABLE_TIMESTAMP;
            out.add(Feed.RATINGS, day, at + 1, faults.ratingRow(kind, d, at), kind);
            faultCounts[kind.ordinal()]++;
        }
    }

    /** A feedback row exported on the day of {@code exportedAt}. */
    void feedback(String[] row, long exportedAt) {
        out.add(Feed.FEEDBACK, Times.date(exportedAt), exportedAt, row, null);
        feedback++;
    }

    long snapshots() {
        return snapshots;
    }

    long reExports() {
        return reExports;
    }

    long ratings() {
        return ratings;
    }

    long feedback() {
        return feedback;
    }

    long faults(FaultKind kind) {
        return faultCounts[kind.ordinal()];
    }
}
