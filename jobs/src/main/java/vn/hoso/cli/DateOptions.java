package vn.hoso.cli;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import vn.hoso.config.UserError;
import vn.hoso.pipeline.RunRequest;

import java.time.LocalDate;

/** Which export dates to load: one night, a range in one pass, or everything in the landing zone. */
public final class DateOptions {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Choice choice;

    static final class Choice {
        @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "Nightly run: load this export date.")
        LocalDate date;

        @ArgGroup(exclusive = false)
        Range range;

        @Option(names = "--full", description = "Full rebuild: empty the silver tables and load every export date found.")
        boolean full;
    }

    static final class Range {
        @Option(names = "--from", paramLabel = "YYYY-MM-DD", required = true, description = "Backfill: first export date.")
        LocalDate from;

        @Option(names = "--to", paramLabel = "YYYY-MM-DD", required = true, description = "Backfill: last export date (inclusive).")
        LocalDate to;
    }

    RunRequest request() {
        if (choice.date != null) {
            return RunRequest.nightly(choice.date);
        }
        if (choice.range != null) {
            return RunRequest.backfill(choice.range.from, choice.range.to);
        }
        if (choice.full) {
            return RunRequest.full();
        }
        throw new UserError("give --date, --from/--to or --full");
    }
}
