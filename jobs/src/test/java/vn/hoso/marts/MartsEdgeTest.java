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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static vn.hoso.Fixtures.dossier;
import static vn.hoso.Fixtures.line;

/**
 * Boundaries: rank ties and the 80% Pareto edge (2024: 5, 3, 1, 1 dossiers); the 20-dossier threshold of
 * the online / in-person comparison and satisfaction exactly at min_n (2023); and a nightly run that
 * recomputes only what changed, equal to a full recompute.
 */
class MartsEdgeTest extends SparkTestBase {
    static Path root;
    static Path landing;
    static Path nightly;

    @BeforeAll
    static void build() throws Exception {
        root = Files.createTempDirectory("edge");
        landing = root.resolve("landing");
        Fixtures.catalog(landing);
        StringBuilder procedures = new StringBuilder(java.nio.file.Files.readString(landing.resolve("catalog/procedures.csv")));
        for (String code : List.of("1.000002", "1.000003", "1.000004", "1.000009", "1.000010")) {
            procedures.append(code).append(",Thủ tục ").append(code).append(",KHAC,Khác,TINH,MOT_PHAN,0,0,0,0,5,,2020-01-01,\n");
        }
        Fixtures.write(landing.resolve("catalog/procedures.csv"), procedures.toString());
        List<String> night1 = new ArrayList<>();
        List<String> ratings = new ArrayList<>();
        int n = 0;
        for (String[] p : new String[][]{{"2.000815", "5"}, {"1.000002", "3"}, {"1.000004", "1"}, {"1.000003", "1"}}) {
            for (int i = 0; i < Integer.parseInt(p[1]); i++) {
                night1.add(line(finished("V" + (n++), p[0], "20240304090000", "20240305090000", 2)));
            }
        }
        // 2023: 1.000009 has 20 + 20 finished (online 1 day, in person 2 days); 1.000010 only 19 online
        for (int i = 0; i < 20; i++) {
            night1.add(line(finished("ON" + i, "1.000009", "20230601080000", "20230602080000", 2)));
            night1.add(line(finished("IP" + i, "1.000009", "20230601080000", "20230603080000", 1)));
            night1.add(line(finished("X" + i, "1.000010", "20230601080000", "20230603080000", 1)));
            if (i < 19) {
                night1.add(line(finished("Y" + i, "1.000010", "20230601080000", "20230602080000", 2)));
            }
        }
        for (int i = 0; i < 20; i++) {
            ratings.add("ON" + i + ",20230605100000," + (i < 3 ? 1 : 2));
            if (i < 10) {
                ratings.add("IP" + i + ",20230605100000,3");
            }
        }
        Fixtures.dossierFile(landing, "2024-03-05", "part-00000.jsonl", night1);
        Fixtures.ratingsFile(landing, "2024-03-05", ratings.toArray(String[]::new));
        // night 2: one 2024 dossier gets a new snapshot, and a new one arrives
        Fixtures.dossierFile(landing, "2024-03-06", "part-00000.jsonl", List.of(
                line(finished("V9", "1.000003", "20240304090000", "20240306090000", 1).put("ThoiDiemDongBo", "20240306100000")),
                line(finished("NEW", "2.000815", "20240306080000", "20240306090000", 2).put("ThoiDiemDongBo", "20240306100000"))));
        nightly = root.resolve("nightly");
        run(nightly, RunRequest.nightly(LocalDate.of(2024, 3, 5)));
    }

    private static ObjectNode finished(String id, String procedure, String received, String finished, int channel) {
        ObjectNode d = dossier(id, "20240305100000", 10).put("MaTTHC", procedure).put("KenhThucHien", channel)
                .put("NgayTiepNhan", received).put("NgayNopHoSo", received).put("NgayKetThucXuLy", finished);
        d.remove("NgayHenTra");
        return d;
    }

    private static void run(Path warehouse, RunRequest request) {
        Settings s = Settings.local(landing.toString(), warehouse.toString(), "test-secret", false);
        Settings settings = s.withPlans(Path.of("targets"), "52");
        new Pipeline(spark, settings, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC)).run(request);
    }

    private static List<Row> table(Path wh, TableSpec spec) {
        return new TableStore(spark, wh.toString()).readOrEmpty(spec).collectAsList();
    }

    @Test
    void rankTiesGoToTheSmallerProcedureCodeAndTheParetoFlagIsExactAt80Percent() {
        List<Row> list = new TableStore(spark, nightly.toString()).readOrEmpty(MartsJob.PRIORITY)
                .where("year = 2024 and scope_type = 'province'").orderBy("rank").collectAsList();
        assertThat(list).extracting(r -> (String) r.getAs("procedure_code")).containsExactly("2.000815", "1.000002", "1.000003", "1.000004");
        assertThat(list).extracting(r -> (Integer) r.getAs("rank")).containsExactly(1, 2, 3, 4);
        assertThat(list).extracting(r -> (Boolean) r.getAs("in_pareto_80")).containsExactly(true, true, false, false);
        assertThat((Double) list.get(2).getAs("cum_share")).isCloseTo(0.9, within(1e-12));
        assertThat((Double) list.get(3).getAs("cum_share")).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void onlyProceduresWithTwentyFinishedInEachChannelAreCompared() {
        List<Row> rows = table(nightly, MartsJob.PROCESSING_TIME);
        assertThat(rows).extracting(r -> (String) r.getAs("procedure_code")).containsExactly("1.000009");
        Row r = rows.get(0);
        assertThat((Double) r.getAs("median_days_online")).isEqualTo(1.0);
        assertThat((Double) r.getAs("median_days_in_person")).isEqualTo(2.0);
        assertThat((Double) r.getAs("reduction")).isEqualTo(0.5);
        assertThat(MartsTest.kpiIn(table(nightly, MartsJob.KPI), "2023", "province", "52", "time_reduction_median"))
                .hasValueSatisfying(k -> assertThat((Double) k.getAs("value")).isEqualTo(0.5));
    }

    @Test
    void satisfactionAtExactlyMinNIsShown() {
        Row r = MartsTest.kpiIn(table(nightly, MartsJob.KPI), "2023", "province", "52", "satisfaction_rate").orElseThrow();
        assertThat((Long) r.getAs("denominator")).isEqualTo(30L);
        assertThat((Long) r.getAs("numerator")).isEqualTo(27L);
        assertThat((Boolean) r.getAs("suppressed")).isFalse();
        assertThat((Double) r.getAs("value")).isCloseTo(0.9, within(1e-12));
        Row proc = MartsTest.kpiIn(table(nightly, MartsJob.KPI), "2023", "procedure", "1.000009", "satisfaction_rate").orElseThrow();
        assertThat((Boolean) proc.getAs("suppressed")).isFalse();
    }

    @Test
    void aNightlyRunRecomputesOnlyTouchedYearsAndEqualsAFullRecompute() throws Exception {
        Path incremental = root.resolve("incremental");
        run(incremental, RunRequest.nightly(LocalDate.of(2024, 3, 5)));
        Path kpi2023 = incremental.resolve("gold/kpi/year=2023");
        Map<Path, Object> before = IngestFiles.times(kpi2023);
        run(incremental, RunRequest.nightly(LocalDate.of(2024, 3, 6)));
        assertThat(IngestFiles.times(kpi2023)).as("2023 has no open dossier and no change: not rewritten").isEqualTo(before);

        Path full = root.resolve("full");
        run(full, RunRequest.full());
        for (TableSpec spec : List.of(MartsJob.KPI, MartsJob.PRIORITY, MartsJob.PROCESSING_TIME, MartsJob.CATALOG_COVERAGE,
                MartsJob.SCORECARD)) {
            assertThat(sorted(incremental, spec)).as(spec.name()).isEqualTo(sorted(full, spec));
        }
        assertThat(MartsTest.kpiIn(table(full, MartsJob.KPI), "2024", "province", "52", "received"))
                .hasValueSatisfying(k -> assertThat((Long) k.getAs("numerator")).isEqualTo(11L));
    }

    private static List<String> sorted(Path wh, TableSpec spec) {
        return table(wh, spec).stream().map(Row::toString).sorted().toList();
    }
}
