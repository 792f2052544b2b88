package vn.hoso.bench;

import java.util.List;

/**
 * One timed stage of the benchmark.
 *
 * @param part           generate, full (a), nightly (b), duckdb (c), or verify (the baseline again after (b), a check only)
 * @param records        landing records the stage reads (dossier lines + rating rows + feedback rows)
 * @param peakRss        peak resident set size in bytes (VmHWM of the child process; of this JVM for in-process stages), -1 unknown
 * @param gcPauseSeconds the child JVM's stop-the-world GC pauses (from its GC log), -1 unknown
 * @param steps          where the stage's wall time went, from its log lines (longest first)
 */
public record StageResult(String part, String stage, double seconds, long records, long peakRss, int exitCode,
                          double gcPauseSeconds, List<StageProfile.Step> steps) {
    public StageResult(String part, String stage, double seconds, long records, long peakRss, int exitCode) {
        this(part, stage, seconds, records, peakRss, exitCode, -1, List.of());
    }

    public double recordsPerSecond() {
        return seconds > 0 ? records / seconds : 0;
    }
}
