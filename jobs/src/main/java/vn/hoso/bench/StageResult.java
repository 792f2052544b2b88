package vn.hoso.bench;

/**
 * One timed stage of the benchmark.
 *
 * @param part     generate, full (a), nightly (b) or duckdb (c)
 * @param records  landing records the stage reads (dossier lines + rating rows + feedback rows)
 * @param peakRss  peak resident set size in bytes (VmHWM of the child process; of this JVM for in-process stages), -1 unknown
 */
public record StageResult(String part, String stage, double seconds, long records, long peakRss, int exitCode) {
    public double recordsPerSecond() {
        return seconds > 0 ? records / seconds : 0;
    }
}
