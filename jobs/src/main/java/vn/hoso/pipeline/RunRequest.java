package vn.hoso.pipeline;

import java.time.LocalDate;
import java.util.TreeSet;

/**
 * What to run: the export dates to read, and the run date (the run log's date; the figures use the
 * warehouse's as-of date, {@link vn.hoso.marts.AsOf}).
 *
 * @param dates empty for a FULL run until the landing zone is listed
 */
public record RunRequest(RunMode mode, TreeSet<LocalDate> dates, LocalDate runDate) {

    public static RunRequest nightly(LocalDate date) {
        return new RunRequest(RunMode.NIGHTLY, new TreeSet<>(java.util.List.of(date)), date);
    }

    public static RunRequest backfill(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new vn.hoso.config.UserError("--to " + to + " is before --from " + from);
        }
        TreeSet<LocalDate> dates = new TreeSet<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            dates.add(d);
        }
        return new RunRequest(RunMode.BACKFILL, dates, to);
    }

    public static RunRequest full() {
        return new RunRequest(RunMode.FULL, new TreeSet<>(), null);
    }

    public String describe() {
        if (dates.isEmpty()) {
            return mode.label();
        }
        return mode.label() + " " + dates.first() + (dates.size() > 1 ? ".." + dates.last() : "");
    }
}
