package vn.hoso.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import vn.hoso.config.UserError;
import vn.hoso.ingest.IngestJob;
import vn.hoso.io.TableStore;
import vn.hoso.marts.Scorecard;
import vn.hoso.quality.QualityGate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What the last ingest left for the stages after it ({@code ops/stage_state.json}): the request, its counts and
 * touched years, and how far the later stages got. It lets {@code hoso check} and {@code hoso marts} run as
 * separate processes (one scheduler task per stage) and be retried.
 *
 * @param quality   the gate's label once it ran (PASSED, PASSED_WITH_WARNINGS, FAILED), else null
 * @param allYears  the marts must recompute every year (full run, or an earlier run stopped before its marts)
 * @param asOf      the warehouse's as-of date after this ingest ({@link vn.hoso.marts.AsOf}); null in a state
 *                  written by a version without it (then the run date)
 */
public record StageState(String runId, String mode, List<String> dates, String runDate, String startedAt,
                         List<IngestJob.FeedCounts> feeds, long dossiersChanged, String maxSyncedAt,
                         List<Integer> touchedYears, boolean catalogChanged, boolean allYears, String quality,
                         boolean martsDone, String asOf) {
    static final String FILE = "stage_state.json";
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    static StageState ingested(String runId, RunRequest request, Instant startedAt, IngestJob.Result r, boolean allYears,
                               LocalDate asOf) {
        return new StageState(runId, request.mode().name(), request.dates().stream().map(LocalDate::toString).toList(),
                request.runDate().toString(), startedAt.toString(), r.feeds(), r.dossiersChanged(),
                r.maxSyncedAt() == null ? null : r.maxSyncedAt().toString(), List.copyOf(r.touchedYears()),
                r.catalogChanged(), allYears, null, false, asOf.toString());
    }

    public RunRequest request() {
        TreeSet<LocalDate> d = new TreeSet<>();
        dates.forEach(s -> d.add(LocalDate.parse(s)));
        return new RunRequest(RunMode.valueOf(mode), d, LocalDate.parse(runDate));
    }

    /** The as-of date the marts compute with. */
    public LocalDate asOfDate() {
        return asOf == null ? LocalDate.parse(runDate) : LocalDate.parse(asOf);
    }

    public IngestJob.Result ingest() {
        return new IngestJob.Result(feeds, dossiersChanged, maxSyncedAt == null ? null : Instant.parse(maxSyncedAt),
                new TreeSet<>(touchedYears), catalogChanged);
    }

    StageState withQuality(String label) {
        return new StageState(runId, mode, dates, runDate, startedAt, feeds, dossiersChanged, maxSyncedAt, touchedYears,
                catalogChanged, allYears, label, martsDone, asOf);
    }

    StageState withMartsDone() {
        return new StageState(runId, mode, dates, runDate, startedAt, feeds, dossiersChanged, maxSyncedAt, touchedYears,
                catalogChanged, allYears, quality, true, asOf);
    }

    Pipeline.Outcome outcome(QualityGate.Verdict verdict, TreeSet<Integer> martYears, List<Scorecard.Line> scorecard,
                             Instant finishedAt) {
        return new Pipeline.Outcome(runId, request(), ingest(), verdict, martYears, scorecard, Instant.parse(startedAt),
                finishedAt);
    }

    /** Whether this state is the ingest of {@code request} (any full rebuild matches a full request). */
    public boolean matches(RunRequest request) {
        if (request.mode() == RunMode.FULL) {
            return mode.equals(RunMode.FULL.name());
        }
        return !mode.equals(RunMode.FULL.name()) && request().dates().equals(request.dates());
    }

    public String describe() {
        return request().describe() + " (run " + runId + ")";
    }

    void write(TableStore store) {
        try {
            store.swapMarker(FILE, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the stage state", e);
        }
    }

    public static Optional<StageState> read(TableStore store) {
        return store.markerText(FILE).map(text -> parse(text, store.root() + "/ops/" + FILE));
    }

    public static StageState parse(String text, String where) {
        try {
            return JSON.readValue(text, StageState.class);
        } catch (JsonProcessingException e) {
            throw new UserError(where + " is not a stage state (" + e.getOriginalMessage() + "): run `hoso ingest` again");
        }
    }

    /** The state of the ingest of {@code request}, or a clear error saying which ingest must run first. */
    static StageState require(TableStore store, RunRequest request, String stage) {
        StageState state = read(store).orElseThrow(() -> new UserError("nothing ingested into " + store.root()
                + " yet: run `hoso ingest` for " + request.describe() + " before `hoso " + stage + "`"));
        if (!state.matches(request)) {
            throw new UserError("the last ingest into " + store.root() + " was " + state.describe() + ", not "
                    + request.describe() + ": run `hoso ingest` for " + request.describe() + " before `hoso " + stage + "`");
        }
        return state;
    }
}
