package vn.hoso.marts;

import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hoso.ingest.IngestJob;
import vn.hoso.io.TableSpec;
import vn.hoso.io.TableStore;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import static org.apache.spark.sql.functions.max;

/**
 * The warehouse's as-of date (METRICS.md): the latest export date it has loaded. It never moves backwards, so
 * a backfill of an older range after later nights keeps the later date, and every as-of-dependent figure (open
 * dossiers' end, unanswered feedback, the current year's catalogue) uses this one value whatever order the
 * nights were loaded in. Kept in {@code ops/as_of_date}.
 */
public final class AsOf {
    private static final Logger LOG = LoggerFactory.getLogger(AsOf.class);
    /** ops/ marker: the warehouse's as-of date, yyyy-MM-dd. */
    public static final String MARKER = "as_of_date";

    private AsOf() {
    }

    /**
     * The as-of date after a run that loaded export dates up to {@code loadedUpTo}: that date on a rebuild
     * (silver starts empty), else the later of it and the stored one.
     */
    public static LocalDate next(TableStore store, LocalDate loadedUpTo, boolean rebuild) {
        if (rebuild) {
            return loadedUpTo;
        }
        return stored(store).filter(d -> d.isAfter(loadedUpTo)).orElse(loadedUpTo);
    }

    public static void record(TableStore store, LocalDate asOf) {
        store.swapMarker(MARKER, asOf.toString());
    }

    /**
     * The stored as-of date. A warehouse written by a version without the marker gets it derived: the latest
     * of the dates its gold years were computed for and the export dates in silver.
     */
    public static Optional<LocalDate> stored(TableStore store) {
        Optional<String> text = store.markerText(MARKER);
        if (text.isPresent()) {
            try {
                return Optional.of(LocalDate.parse(text.get().strip()));
            } catch (DateTimeParseException e) {
                LOG.warn("ignoring unreadable ops/{} ({}): the as-of date is derived from silver", MARKER, e.getMessage());
            }
        }
        LocalDate latest = MartsJob.asOfByYear(store).values().stream()
                .max(LocalDate::compareTo).orElse(null);
        for (TableSpec spec : new TableSpec[]{IngestJob.SNAPSHOTS, IngestJob.RATINGS, IngestJob.FEEDBACK_EXPORTS}) {
            Optional<Row> row = store.read(spec).map(t -> t.agg(max("export_date")).first());
            if (row.isPresent() && !row.get().isNullAt(0)) {
                LocalDate d = row.get().getAs(0);
                latest = latest == null || d.isAfter(latest) ? d : latest;
            }
        }
        return Optional.ofNullable(latest);
    }
}
