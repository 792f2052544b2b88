package vn.hoso.marts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.hoso.Fixtures;
import vn.hoso.SparkTestBase;
import vn.hoso.config.Settings;
import vn.hoso.io.TableSpec;
import vn.hoso.io.TableStore;
import vn.hoso.pipeline.Pipeline;
import vn.hoso.pipeline.RunRequest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.hoso.Fixtures.dossier;
import static vn.hoso.Fixtures.line;

/**
 * A nightly run recomputes an untouched year only when its figures move with the as-of date: 2023 has an
 * open dossier due on 5 March 2024, on time as of the 5th and late as of the 6th; 2022 has one due in June,
 * the same on both nights. The night of the 6th touches only 2024.
 */
class MartsAsOfTest extends SparkTestBase {
    static Path root;
    static Path landing;

    @BeforeAll
    static void build() throws Exception {
        root = Files.createTempDirectory("asof");
        landing = root.resolve("landing");
        Fixtures.catalog(landing);
        Fixtures.dossierFile(landing, "2024-03-05", "part-00000.jsonl", List.of(
                line(open("DUE-5-MARCH", "20230601090000", "20240305170000")),
                line(open("DUE-IN-JUNE", "20220601090000", "20240601170000")),
                line(dossier("CURRENT", "20240305100000", 10).put("NgayKetThucXuLy", "20240305090000"))));
        Fixtures.dossierFile(landing, "2024-03-06", "part-00000.jsonl", List.of(
                line(dossier("NEW", "20240306100000", 10).put("NgayTiepNhan", "20240306080000")
                        .put("NgayNopHoSo", "20240306080000").put("NgayKetThucXuLy", "20240306090000"))));
    }

    private static ObjectNode open(String id, String received, String due) {
        return dossier(id, "20240305100000", 4).put("NgayTiepNhan", received).put("NgayNopHoSo", received)
                .put("NgayHenTra", due);
    }

    private static void run(Path warehouse, RunRequest request) {
        run(landing, warehouse, request);
    }

    /** A whole run of the pipeline on a test landing, at a fixed clock. */
    static void run(Path landing, Path warehouse, RunRequest request) {
        Settings settings = Settings.local(landing.toString(), warehouse.toString(), "test-secret", false)
                .withPlans(Path.of("targets"), "52").withIndex766Profile(vn.hoso.index766.Index766Profile.DEFAULT);
        new Pipeline(spark, settings, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC)).run(request);
    }

    @Test
    void anUntouchedYearIsRecomputedOnlyWhenADueDateFallsBetweenTheTwoAsOfDates() throws Exception {
        Path incremental = root.resolve("incremental");
        run(incremental, RunRequest.nightly(LocalDate.of(2024, 3, 5)));
        Map<Path, Object> year2022 = IngestFiles.times(incremental.resolve("gold/kpi/year=2022"));
        Map<Path, Object> year2023 = IngestFiles.times(incremental.resolve("gold/kpi/year=2023"));
        assertThat(onTime(incremental, "2023")).as("due on the 5th, as of the 5th: on time").isEqualTo(1L);

        run(incremental, RunRequest.nightly(LocalDate.of(2024, 3, 6)));
        assertThat(IngestFiles.times(incremental.resolve("gold/kpi/year=2022"))).as("2022: no due date in [5 Mar, 6 Mar)")
                .isEqualTo(year2022);
        assertThat(IngestFiles.times(incremental.resolve("gold/kpi/year=2023"))).as("2023: a due date on 5 Mar")
                .isNotEqualTo(year2023);
        assertThat(onTime(incremental, "2023")).as("as of the 6th: late").isEqualTo(0L);
        assertThat(new TableStore(spark, incremental.toString()).markerText(MartsJob.AS_OF_MARKER).orElseThrow())
                .contains("\"2022\" : \"2024-03-06\"").contains("\"2023\" : \"2024-03-06\"").contains("\"2024\" : \"2024-03-06\"");

        Path full = root.resolve("full");
        run(full, RunRequest.full());
        for (TableSpec spec : List.of(MartsJob.KPI, MartsJob.PRIORITY, MartsJob.PROCESSING_TIME, MartsJob.CATALOG_COVERAGE,
                MartsJob.SCORECARD, MartsJob.INDEX766, MartsJob.INDEX766_SUMMARY, MartsJob.INDEX766_LOSSES,
                MartsJob.INDEX766_AT_RISK)) {
            assertThat(sorted(incremental, spec)).as(spec.name()).isEqualTo(sorted(full, spec));
        }
    }

    @Test
    void aYearWithoutARecordedAsOfDateCountsAsDependent() {
        Path wh = root.resolve("unrecorded");
        run(wh, RunRequest.nightly(LocalDate.of(2024, 3, 5)));
        MartsJob marts = new MartsJob(spark, new TableStore(spark, wh.toString()), MartsJob.Config.defaults());
        assertThat(marts.yearsDependingOnAsOf(LocalDate.of(2024, 3, 5), marts.asOfByYear())).as("same date").isEmpty();
        assertThat(marts.yearsDependingOnAsOf(LocalDate.of(2024, 3, 6), Map.of(2022, LocalDate.of(2024, 3, 5))))
                .as("2022 recorded and unmoved; 2023 and 2024 unrecorded").containsExactly(2023, 2024);
        assertThat(marts.yearsDependingOnAsOf(LocalDate.of(2024, 3, 4), marts.asOfByYear()))
                .as("going back a day: the due date of the 5th is not crossed, but that dossier is at risk (due within"
                        + " at_risk_days) on both dates with another days_left; 2024's coverage date moves").containsExactly(2023, 2024);
        assertThat(marts.yearsDependingOnAsOf(LocalDate.of(2024, 5, 29), Map.of(2022, LocalDate.of(2024, 5, 28),
                2023, LocalDate.of(2024, 5, 28), 2024, LocalDate.of(2024, 5, 28))))
                .as("2022's dossier due 1 June enters the 3-day at-risk list; 2023's (5 March) does not move").containsExactly(2022, 2024);
        assertThat(marts.yearsDependingOnAsOf(LocalDate.of(2024, 7, 1), marts.asOfByYear()))
                .as("both due dates crossed").containsExactly(2022, 2023, 2024);
    }

    static Long onTime(Path wh, String year) {
        List<Row> kpi = new TableStore(spark, wh.toString()).readOrEmpty(MartsJob.KPI).collectAsList();
        return MartsTest.kpiIn(kpi, year, "province", "52", "on_time_rate").orElseThrow().getAs("numerator");
    }

    private static List<String> sorted(Path wh, TableSpec spec) {
        return new TableStore(spark, wh.toString()).readOrEmpty(spec).collectAsList().stream().map(Row::toString).sorted().toList();
    }
}
