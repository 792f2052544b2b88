package vn.hoso.generate;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * What {@link Generator#generate} writes.
 *
 * @param landing  the landing-zone root to create (must not exist or be empty)
 * @param fromYear first year of submissions
 * @param toYear   last year of submissions
 * @param dossiers dossiers submitted over the whole range
 * @param seed     the same seed and settings give byte-identical files
 * @param badRate  extra faulty dossier lines per good snapshot line, 0..1
 * @param gzip     write {@code .jsonl.gz} instead of {@code .jsonl}
 * @param until    last export day; null means 31 December of {@code toYear}. Submissions stop there too.
 */
public record GeneratorConfig(Path landing, int fromYear, int toYear, long dossiers, long seed, double badRate,
                              boolean gzip, LocalDate until) {
    public static final int MIN_YEAR = 2000;
    public static final int MAX_YEAR = 2100;
    public static final long MAX_DOSSIERS = 100_000_000L;

    public GeneratorConfig {
        if (landing == null) {
            throw new IllegalArgumentException("the landing folder is missing");
        }
        if (fromYear < MIN_YEAR || fromYear > MAX_YEAR) {
            throw new IllegalArgumentException("fromYear " + fromYear + " is outside " + MIN_YEAR + ".." + MAX_YEAR);
        }
        if (toYear < fromYear || toYear > MAX_YEAR) {
            throw new IllegalArgumentException("toYear " + toYear + " must be between fromYear " + fromYear
                    + " and " + MAX_YEAR);
        }
        if (dossiers < 1 || dossiers > MAX_DOSSIERS) {
            throw new IllegalArgumentException("dossiers " + dossiers + " is outside 1.." + MAX_DOSSIERS);
        }
        if (!(badRate >= 0 && badRate <= 1)) {
            throw new IllegalArgumentException("badRate " + badRate + " is outside 0..1");
        }
        if (until == null) {
            until = LocalDate.of(toYear, 12, 31);
        }
        if (until.getYear() < fromYear) {
            throw new IllegalArgumentException("until " + until + " is before fromYear " + fromYear);
        }
    }

    /** The last day on which dossiers are submitted. */
    LocalDate lastSubmissionDay() {
        LocalDate endOfRange = LocalDate.of(toYear, 12, 31);
        return until.isBefore(endOfRange) ? until : endOfRange;
    }
}
