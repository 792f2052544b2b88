package vn.hoso.sample;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.hoso.SparkTestBase;
import vn.hoso.config.Settings;
import vn.hoso.config.UserError;
import vn.hoso.generate.Generator;
import vn.hoso.generate.GeneratorConfig;
import vn.hoso.ingest.IngestJob;
import vn.hoso.io.TableSpec;
import vn.hoso.io.TableStore;
import vn.hoso.marts.MartsJob;
import vn.hoso.pipeline.Pipeline;
import vn.hoso.pipeline.RunRequest;
import vn.hoso.publish.PublishJob;
import vn.hoso.publish.Warehouse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The whole pipeline on a generated province: calibration, the fault catalogue end to end, the quality
 * gate on clean data, the published file and its analyst queries, and incremental = full.
 */
class GeneratedSampleTest extends SparkTestBase {
    static Path root;
    static Path landing;
    static Path warehouse;
    static Path published;
    static Pipeline.Outcome outcome;

    @BeforeAll
    static void generateAndRun() throws Exception {
        root = Files.createTempDirectory("sample");
        landing = root.resolve("landing");
        Generator.generate(new GeneratorConfig(landing, 2023, 2025, 8000, 7, 0.004, false, LocalDate.of(2025, 6, 30)), line -> { });
        warehouse = root.resolve("warehouse");
        outcome = run(warehouse, RunRequest.full());
        published = new PublishJob(warehouse, PublishJob.defaultTarget(warehouse)).publish(t -> { });
    }

    static Pipeline.Outcome run(Path wh, RunRequest request) {
        return pipeline(wh).run(request);
    }

    static Pipeline pipeline(Path wh) {
        Settings settings = Settings.local(landing.toString(), wh.toString(), "sample-secret", false);
        return new Pipeline(spark, settings, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    }

    private static Map<String, Double> province2024() {
        Map<String, Double> out = new HashMap<>();
        for (Row r : new TableStore(spark, warehouse.toString()).readOrEmpty(MartsJob.KPI)
                .where("period = '2024' and scope_type = 'province'").collectAsList()) {
            out.put(r.getAs("kpi_code"), r.getAs("value"));
        }
        return out;
    }

    @Test
    void the2024ProvinceRatesMatchTheBinhDinhBaselinesWithinTwoPoints() {
        Map<String, Double> k = province2024();
        assertThat(k.get("online_rate")).isCloseTo(0.90, within(0.02));
        assertThat(k.get("online_payment_rate")).isCloseTo(0.85, within(0.02));
        assertThat(k.get("digitization_rate")).isCloseTo(0.94, within(0.02));
        assertThat(k.get("reuse_rate")).isCloseTo(0.47, within(0.02));
        assertThat(k.get("e_result_rate")).isCloseTo(0.84, within(0.02));
        assertThat(k.get("adoption_rate")).isCloseTo(0.60, within(0.02));
    }

    @Test
    void everyInjectedFaultIsQuarantinedWithItsReasonAndTheCountsReconcile() throws Exception {
        Map<String, String> expected = new HashMap<>();
        CsvMapper csv = new CsvMapper();
        try (MappingIterator<Map<String, String>> it = csv.readerFor(Map.class).with(CsvSchema.emptySchema().withHeader())
                .readValues(landing.resolve(Generator.MANIFEST).toFile())) {
            while (it.hasNext()) {
                Map<String, String> f = it.next();
                expected.put(f.get("feed") + "|" + f.get("file") + "|" + f.get("line"), f.get("expected_reason_code"));
            }
        }
        assertThat(expected).hasSizeGreaterThan(20);
        Map<String, String> actual = new HashMap<>();
        for (Row r : new TableStore(spark, warehouse.toString()).readOrEmpty(IngestJob.QUARANTINE).collectAsList()) {
            actual.put(r.getAs("feed") + "|" + r.getAs("source_file") + "|" + r.<Long>getAs("line_number"), r.getAs("reason_code"));
        }
        assertThat(actual).containsExactlyInAnyOrderEntriesOf(expected);
        for (IngestJob.FeedCounts f : outcome.ingest().feeds()) {
            assertThat(f.read()).as(f.feed()).isEqualTo(f.accepted() + f.quarantined() + f.reExports());
        }
        long lines;
        try (Stream<Path> files = Files.walk(landing.resolve("dossiers"))) {
            lines = files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.readAllLines(p, java.nio.charset.StandardCharsets.ISO_8859_1).stream().filter(l -> !l.isBlank()).count();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).sum();
        }
        assertThat(outcome.ingest().feeds().get(0).read()).isEqualTo(lines);
    }

    @Test
    void aCleanGeneratedSamplePassesTheQualityGate() {
        assertThat(outcome.quality().failed()).as(outcome.quality().summary()).isFalse();
    }

    @Test
    void everyAnalystQueryRunsReturnsRowsAndAgreesWithGold() throws Exception {
        List<Path> queries;
        try (Stream<Path> s = Files.list(Path.of("sql/analyst"))) {
            queries = s.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
        }
        assertThat(queries).hasSize(8);
        try (Warehouse w = new Warehouse(published)) {
            for (Path q : queries) {
                Warehouse.Result r = w.query(Files.readString(q), Map.of("year", 2024));
                assertThat(r.rows()).as(q.getFileName().toString()).isNotEmpty();
            }
            Warehouse.Result list = w.query(Files.readString(Path.of("sql/analyst/priority_list.sql")), Map.of("year", 2024));
            List<Row> gold = new TableStore(spark, warehouse.toString()).readOrEmpty(MartsJob.PRIORITY)
                    .where("year = 2024 and scope_type = 'province'").orderBy("rank").collectAsList();
            assertThat(list.rows()).hasSize(gold.size());
            for (int i = 0; i < gold.size(); i++) {
                assertThat(list.rows().get(i).get(1)).isEqualTo(gold.get(i).getAs("procedure_code"));
                assertThat(((Number) list.rows().get(i).get(3)).longValue()).isEqualTo((long) gold.get(i).<Long>getAs("received"));
            }
            Warehouse.Result trend = w.query(Files.readString(Path.of("sql/analyst/monthly_trend.sql")), Map.of("year", 2024));
            long months = trend.rows().stream().mapToLong(r -> ((Number) r.get(1)).longValue()).sum();
            assertThat(months).isEqualTo(Math.round(province2024().get("received")));
        }
    }

    @Test
    void nothingTheGeneratorInventedAboutPeopleIsInThePublishedFile() {
        try (Warehouse w = new Warehouse(published)) {
            List<List<Object>> columns = w.query("select table_name, column_name from duckdb_columns() where data_type = 'VARCHAR'"
                    + " and table_name in (select table_name from duckdb_tables()) and column_name <> 'applicant_key'", Map.of()).rows();
            List<String> names = Generator.FAKE_NAMES.stream().filter(n -> n.length() > 6).limit(200).toList();
            for (List<Object> c : columns) {
                String col = "\"" + c.get(1) + "\"";
                StringBuilder where = new StringBuilder("regexp_matches(" + col + ", '(^|[^0-9.])[0-9]{9,}')");
                for (String n : names) {
                    where.append(" or contains(").append(col).append(", '").append(n.replace("'", "''")).append("')");
                }
                long hits = ((Number) w.query("select count(*) from \"" + c.get(0) + "\" where " + where, Map.of()).rows().get(0).get(0)).longValue();
                assertThat(hits).as(c.toString()).isZero();
            }
        }
    }

    @Test
    void aNightlyRunOnTopOfABackfillEqualsAFullRecompute() {
        Path incremental = root.resolve("incremental");
        run(incremental, RunRequest.backfill(LocalDate.of(2023, 1, 1), LocalDate.of(2025, 6, 29)));
        // the nightly as a scheduler runs it: one process per stage
        RunRequest night = RunRequest.nightly(LocalDate.of(2025, 6, 30));
        pipeline(incremental).ingest(night);
        pipeline(incremental).check(night);
        pipeline(incremental).marts(night);
        for (TableSpec spec : List.of(MartsJob.KPI, MartsJob.PRIORITY, MartsJob.PROCESSING_TIME, MartsJob.CATALOG_COVERAGE,
                MartsJob.SCORECARD, IngestJob.DOSSIERS, IngestJob.HISTORY)) {
            assertThat(sorted(incremental, spec)).as(spec.name()).isEqualTo(sorted(warehouse, spec));
        }
    }

    @Test
    void stagesRunInOrderOnTheSameIngestAndSayWhatToRunFirst() {
        Path wh = root.resolve("stages");
        LocalDate date = cleanNight(LocalDate.of(2024, 3, 4));
        RunRequest night = RunRequest.nightly(date);
        assertThatThrownBy(() -> pipeline(wh).check(night)).isInstanceOf(UserError.class)
                .hasMessageContaining("nothing ingested").hasMessageContaining("run `hoso ingest` for nightly " + date);
        pipeline(wh).ingest(night);
        assertThatThrownBy(() -> pipeline(wh).marts(night)).isInstanceOf(UserError.class)
                .hasMessageContaining("the data-quality gate has not run").hasMessageContaining("hoso check");
        assertThatThrownBy(() -> pipeline(wh).check(RunRequest.nightly(date.plusDays(1)))).isInstanceOf(UserError.class)
                .hasMessageContaining("was nightly " + date).hasMessageContaining("not nightly " + date.plusDays(1));
        assertThat(pipeline(wh).check(night).failed()).isFalse();
        Pipeline.Outcome first = pipeline(wh).marts(night);
        assertThat(first.martYears()).as("an empty gold layer is computed for every year").contains(2024);
        List<String> kpi = sorted(wh, MartsJob.KPI);
        Pipeline.Outcome retry = pipeline(wh).marts(night);
        assertThat(retry.martYears()).isNotEmpty();
        assertThat(sorted(wh, MartsJob.KPI)).as("a retried marts task gives the same gold").isEqualTo(kpi);
        assertThat(new TableStore(spark, wh.toString()).readOrEmpty(Pipeline.RUNS).where("status = 'SUCCEEDED'").count())
                .isEqualTo(2);
    }

    /** The first export date from {@code from} with dossier files and no injected fault (a night the gate passes alone). */
    private static LocalDate cleanNight(LocalDate from) {
        try {
            String faults = Files.readString(landing.resolve("_generator/faults.csv"));
            for (LocalDate d = from; ; d = d.plusDays(1)) {
                if (Files.isDirectory(landing.resolve("dossiers/date=" + d)) && !faults.contains("date=" + d + "/")) {
                    return d;
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> sorted(Path wh, TableSpec spec) {
        return new TableStore(spark, wh.toString()).readOrEmpty(spec).collectAsList().stream().map(Row::toString).sorted().toList();
    }
}
