package vn.hoso.generate;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link Generator#generate} wrote; also written as {@code _generator/summary.json}.
 *
 * @param snapshotLines   good dossier snapshot lines, re-exports not included
 * @param reExportLines   byte-identical copies of snapshot lines written on a later day
 * @param badLines        injected faulty lines (dossiers and ratings) by fault kind, every kind listed, in a
 *                        fixed order
 * @param ratingsRows     good ratings rows
 * @param feedbackRows    feedback rows, later exports of the same MaPAKN included
 * @param firstExportDate first {@code date=} folder written
 * @param lastExportDate  last {@code date=} folder written
 * @param faultsManifest  {@code _generator/faults.csv}: feed, file, line, fault, expected_reason_code
 */
public record GenerationSummary(long dossiers, long snapshotLines, long reExportLines, Map<String, Long> badLines,
                                long ratingsRows, long feedbackRows, LocalDate firstExportDate,
                                LocalDate lastExportDate, Path landing, Path faultsManifest, Path summaryFile) {

    public GenerationSummary {
        badLines = Collections.unmodifiableMap(new LinkedHashMap<>(badLines));
    }

    public long totalBadLines() {
        return badLines.values().stream().mapToLong(Long::longValue).sum();
    }
}
