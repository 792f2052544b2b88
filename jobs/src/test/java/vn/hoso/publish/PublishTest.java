package vn.hoso.publish;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hoso.Fixtures;
import vn.hoso.SparkTestBase;
import vn.hoso.cli.CliTest;
import vn.hoso.config.UserError;
import vn.hoso.ingest.IngestJob;
import vn.hoso.io.TableSpec;
import vn.hoso.io.TableStore;
import vn.hoso.marts.MartsTest;
import vn.hoso.spark.Sessions;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The published DuckDB file: whole, commented, read-only, swapped atomically, nothing personal. */
class PublishTest extends SparkTestBase {
    static Path published;

    @TempDir
    Path tmp;

    @BeforeAll
    static void publishFixture() throws Exception {
        MartsTest.runOnce();
        published = new PublishJob(MartsTest.wh, MartsTest.wh.resolve("hoso.duckdb")).publish(t -> { });
    }

    private static Warehouse.Result q(String sql) {
        try (Warehouse w = new Warehouse(published)) {
            return w.query(sql, Map.of());
        }
    }

    private static long scalar(Path db, String sql) {
        try (Warehouse w = new Warehouse(db)) {
            return ((Number) w.query(sql, Map.of()).rows().get(0).get(0)).longValue();
        }
    }

    @Test
    void everyTableIsCopiedWholeWithCommentsOnEveryTableAndColumn() {
        for (TableSpec spec : PublishJob.TABLES) {
            long parquet = new TableStore(spark, MartsTest.wh.toString()).readOrEmpty(spec).count();
            assertThat(scalar(published, "select count(*) from " + spec.name())).as(spec.name()).isEqualTo(parquet);
        }
        assertThat(scalar(published, "select count(*) from duckdb_columns() where comment is null and table_name in ("
                + String.join(",", PublishJob.TABLES.stream().map(t -> "'" + t.name() + "'").toList()) + ")")).isZero();
        assertThat(scalar(published, "select count(*) from duckdb_tables() where comment is null")).isZero();
        long columns = PublishJob.TABLES.stream().mapToLong(t -> t.columns().size()).sum();
        assertThat(scalar(published, "select count(*) from data_dictionary")).isEqualTo(columns);
        assertThat(q("select label_vi from data_dictionary where table_name = 'kpi' and column_name = 'numerator'").rows())
                .containsExactly(List.of("Tử số"));
        assertThat(scalar(published, "select count(*) from kpi_dictionary")).isEqualTo(vn.hoso.marts.KpiCatalog.all().size());
    }

    @Test
    void timestampsAreVietnamLocalTimeAndFreshnessIsShown() {
        assertThat(q("select cast(received_at as varchar) from dossiers where dossier_id = 'D1'").rows())
                .containsExactly(List.of("2024-03-04 09:00:00"));
        assertThat(q("select cast(max_synced_at as varchar), last_run_date::varchar, dossiers from warehouse_info").rows())
                .containsExactly(List.of("2024-07-09 10:00:00", "2024-07-10", 10L));
        assertThat(scalar(published, "select count(*) from runs where max_synced_at is not null")).isPositive();
    }

    /**
     * The same warehouse published by a JVM on Vietnam time (TZ and user.timezone, as a server in Hanoi would
     * run) gives the same tables as the UTC publish of this class: timestamps do not move with the host's zone.
     */
    @Test
    void publishingOnAHostInVietnamTimeGivesTheSameTables() throws Exception {
        Path vietnam = tmp.resolve("vietnam.duckdb");
        ProcessBuilder child = new ProcessBuilder(javaBin(), "-Duser.timezone=" + Sessions.TIME_ZONE, "-cp",
                System.getProperty("java.class.path"), PublishProbe.class.getName(), MartsTest.wh.toString(), vietnam.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("probe.log").toFile());
        child.environment().put("TZ", Sessions.TIME_ZONE);
        Process p = child.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(tmp.resolve("probe.log"))).isZero();
        try (Warehouse w = new Warehouse(vietnam)) {
            assertThat(w.query("select cast(received_at as varchar) from dossiers where dossier_id = 'D1'", Map.of()).rows())
                    .containsExactly(List.of("2024-03-04 09:00:00"));
            List<String> tables = PublishJob.TABLES.stream().map(TableSpec::name).collect(java.util.stream.Collectors.toList());
            tables.add("warehouse_info");
            for (String t : tables) {
                String sql = "select * " + (t.equals("warehouse_info") ? "exclude (published_at) " : "") + "from " + t + " order by all";
                assertThat(w.query(sql, Map.of()).rows()).as(t).isEqualTo(q(sql).rows());
            }
        }
    }

    @Test
    void nothingPersonalInAnyTextColumn() {
        List<List<Object>> columns = q("select table_name, column_name from duckdb_columns() where data_type = 'VARCHAR'"
                + " and column_name <> 'applicant_key' and table_name in (select table_name from duckdb_tables())").rows();
        assertThat(columns).isNotEmpty();
        for (List<Object> c : columns) {
            String sql = "select count(*) from \"" + c.get(0) + "\" where regexp_matches(\"" + c.get(1) + "\", '\\d{9,}')"
                    + " or contains(\"" + c.get(1) + "\", '" + Fixtures.NAME + "') or contains(\"" + c.get(1) + "\", '"
                    + Fixtures.PHONE + "') or contains(\"" + c.get(1) + "\", '" + Fixtures.EMAIL + "')";
            assertThat(scalar(published, sql)).as(c.toString()).isZero();
        }
    }

    @Test
    void writesFilesAndOtherDatabasesAreRefused() {
        try (Warehouse w = new Warehouse(published)) {
            assertThatThrownBy(() -> w.query("insert into runs (run_id) values ('x')", Map.of()))
                    .isInstanceOf(UserError.class).hasMessageContaining("refused").hasMessageContaining("only reads");
            assertThatThrownBy(() -> w.query("copy dossiers to '" + tmp.resolve("leak.csv") + "'", Map.of()))
                    .isInstanceOf(UserError.class).hasMessageContaining("refused");
            assertThatThrownBy(() -> w.query("set enable_external_access = true", Map.of()))
                    .isInstanceOf(UserError.class).hasMessageContaining("refused");
            assertThatThrownBy(() -> w.query("drop table kpi", Map.of())).isInstanceOf(UserError.class);
        }
        assertThat(tmp.resolve("leak.csv")).doesNotExist();
        assertThat(scalar(published, "select count(*) from duckdb_tables() where table_name = 'kpi'")).isEqualTo(1);
    }

    /** The storage version the file declares, and the format number in its main header (after checksum and "DUCK"). */
    private static String storageVersion(Path db) {
        try (Warehouse w = new Warehouse(db)) {
            return (String) w.query("select tags['storage_version'] from duckdb_databases() where database_name = current_database()",
                    Map.of()).rows().get(0).get(0);
        }
    }

    private static long headerFormat(Path db) throws Exception {
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(db), 20);
        assertThat(new String(head, 8, 4, StandardCharsets.US_ASCII)).isEqualTo("DUCK");
        return java.nio.ByteBuffer.wrap(head, 12, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
    }

    @Test
    void theFileIsWrittenInTheConfiguredStorageVersionSoThatDuckdb1ClientsOpenIt() throws Exception {
        // DuckDB's storage format numbers: 64 = v1.0.0/v1.1.x, 65 = v1.2.x, ... 68 = v1.5.x; 1.5 clients read 64..68
        assertThat(storageVersion(published)).isEqualTo("v1.2.0+");
        assertThat(headerFormat(published)).isEqualTo(65);
        Path old = tmp.resolve("v1.0.0.duckdb");
        new PublishJob(MartsTest.wh, old, "v1.0.0").publish(t -> { });
        assertThat(storageVersion(old)).isEqualTo("v1.0.0+");
        assertThat(headerFormat(old)).isEqualTo(64);
        assertThat(scalar(old, "select count(*) from dossiers")).isEqualTo(scalar(published, "select count(*) from dossiers"));
        assertThatThrownBy(() -> new PublishJob(MartsTest.wh, tmp.resolve("bad.duckdb"), "v9.9.9").publish(t -> { }))
                .isInstanceOf(UserError.class).hasMessageContaining("v9.9.9").hasMessageContaining("storage version");
        assertThat(tmp.resolve("bad.duckdb")).doesNotExist();
    }

    @Test
    void aReaderInAnotherProcessKeepsTheOldFileWhileANewConnectionSeesTheNew() throws Exception {
        Path db = tmp.resolve("hoso.duckdb");
        Files.copy(published, db);
        Path smaller = tmp.resolve("wh2");
        copyTree(MartsTest.wh, smaller);
        Path dossiers = smaller.resolve("silver/dossiers");
        try (var s = Files.list(dossiers)) {
            s.filter(p -> p.getFileName().toString().startsWith("partition_month=2023")).forEach(PublishTest::deleteTree);
        }
        Process reader = new ProcessBuilder(javaBin(), "-cp", System.getProperty("java.class.path"),
                ReaderProbe.class.getName(), db.toString()).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(reader.getInputStream(), StandardCharsets.UTF_8));
             Writer in = new OutputStreamWriter(reader.getOutputStream(), StandardCharsets.UTF_8)) {
            assertThat(out.readLine()).isEqualTo("10");
            new PublishJob(smaller, db).publish(t -> { });
            assertThat(scalar(db, "select count(*) from dossiers")).isEqualTo(9);
            in.write("\n");
            in.flush();
            assertThat(out.readLine()).as("the open reader still sees the old file").isEqualTo("10");
        }
        assertThat(reader.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aPublishThatFailsMidwayLeavesTheOldFileIntactAndNoLeftovers() throws Exception {
        Path db = tmp.resolve("hoso.duckdb");
        Files.copy(published, db);
        byte[] before = Files.readAllBytes(db);
        assertThatThrownBy(() -> new PublishJob(MartsTest.wh, db).publish(table -> {
            if (table.equals(IngestJob.DOSSIERS.name())) {
                throw new IllegalStateException("killed while copying " + table);
            }
        })).hasMessageContaining("killed");
        assertThat(Files.readAllBytes(db)).isEqualTo(before);
        assertThat(scalar(db, "select count(*) from dossiers")).isEqualTo(10);
        try (var s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("hoso.duckdb");
        }
        Files.writeString(tmp.resolve("hoso.duckdb.tmp-dead"), "left by a killed process");
        new PublishJob(MartsTest.wh, db).publish(t -> { });
        assertThat(tmp.resolve("hoso.duckdb.tmp-dead")).doesNotExist();
    }

    @Test
    void hosoQueryPrintsTablesCsvAndJsonAndExplainsErrors() {
        String db = published.toString();
        CliTest.Result table = CliTest.execute("query", "--db", db, "select kpi_code, numerator from kpi where period = '2024' "
                + "and scope_type = 'province' and kpi_code = 'received'");
        assertThat(table.code()).isZero();
        assertThat(table.out()).contains("kpi_code").contains("received").contains("| 7").contains("(1 rows)");
        CliTest.Result csv = CliTest.execute("query", "--db", db, "--format", "csv",
                "select scope_code, numerator from kpi where period = cast(getvariable('p') as varchar) and kpi_code = 'received' and scope_type = 'unit' order by 1",
                "--param", "p=2024");
        assertThat(csv.out()).isEqualTo("scope_code,numerator\nXA-001,4\nXA-002,3\n");
        CliTest.Result json = CliTest.execute("query", "--db", db, "--format", "json", "select 1 as n, 'a' as s");
        assertThat(json.out()).contains("\"n\" : 1").contains("\"s\" : \"a\"");
        CliTest.Result write = CliTest.execute("query", "--db", db, "delete from kpi");
        assertThat(write.code()).isEqualTo(2);
        assertThat(write.err()).contains("refused");
        CliTest.Result missing = CliTest.execute("query", "--db", tmp.resolve("none.duckdb").toString(), "select 1");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("no published warehouse").contains("hoso run");
    }

    /** A copy of the fixture warehouse killed halfway through a swap of silver/dossiers: one month moved out, not yet in. */
    private Path halfSwapped() throws Exception {
        Path wh = tmp.resolve("wh-killed");
        copyTree(MartsTest.wh, wh);
        Path dossiers = wh.resolve("silver/dossiers");
        String month;
        try (var s = Files.list(dossiers)) {
            month = s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("partition_month=")).sorted()
                    .findFirst().orElseThrow();
        }
        Path staging = dossiers.resolve("_staging/killed");
        Files.createDirectories(staging);
        Files.move(dossiers.resolve(month), staging.resolve(month));
        String value = month.substring(month.indexOf('=') + 1);
        Fixtures.write(staging.resolve("_READY"), "partition_month\n" + value + "\n" + value + "\n");
        return wh;
    }

    @Test
    void aPublishCompletesASwapAKilledRunLeftInsteadOfCopyingAHalfTable() throws Exception {
        Path wh = halfSwapped();
        Path db = new PublishJob(wh, tmp.resolve("killed.duckdb")).publish(t -> { });
        assertThat(scalar(db, "select count(*) from dossiers")).isEqualTo(scalar(published, "select count(*) from dossiers"));
        assertThat(wh.resolve("silver/dossiers/_staging")).doesNotExist();
    }

    @Test
    void theReportsRefuseAGoldTableWhoseSwapIsUnfinished() throws Exception {
        Path wh = tmp.resolve("wh-gold");
        copyTree(MartsTest.wh, wh);
        try (vn.hoso.report.GoldReader gold = new vn.hoso.report.GoldReader(wh)) {
            assertThat(gold.table("kpi")).contains("read_parquet");
        }
        Path staging = wh.resolve("gold/kpi/_staging/killed");
        Files.createDirectories(staging);
        Fixtures.write(staging.resolve("_READY"), "year\n2024\n2024\n");
        try (vn.hoso.report.GoldReader gold = new vn.hoso.report.GoldReader(wh)) {
            assertThatThrownBy(() -> gold.table("kpi")).isInstanceOf(UserError.class)
                    .hasMessageContaining("gold/kpi").hasMessageContaining("unfinished");
        }
    }

    @Test
    void noPublishAfterAFullRebuildThatDidNotFinish() throws Exception {
        Path wh = tmp.resolve("wh-rebuild");
        copyTree(MartsTest.wh, wh);
        Fixtures.write(wh.resolve("ops/" + vn.hoso.pipeline.Pipeline.REBUILD_PENDING), "full rebuild by run R1, started 2024-03-04T01:00:00Z\n");
        Path db = tmp.resolve("rebuild.duckdb");
        assertThatThrownBy(() -> new PublishJob(wh, db).publish(t -> { })).isInstanceOf(UserError.class)
                .hasMessageContaining("full rebuild by run R1").hasMessageContaining("hoso run --full");
        assertThat(db).doesNotExist();
    }

    static void copyTree(Path from, Path to) throws Exception {
        try (var s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else if (!p.toString().endsWith(".duckdb")) {
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static void deleteTree(Path p) {
        try (var s = Files.walk(p)) {
            s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(x -> x.toFile().delete());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String javaBin() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }
}
