package vn.hoso.io;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hoso.Fixtures;
import vn.hoso.SparkTestBase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TableStoreTest extends SparkTestBase {
    private static final TableSpec SNAPSHOTS = TableSpec.load("silver", "dossier_snapshots");

    @TempDir
    Path tmp;

    private Dataset<Row> rows(String date, String... ids) {
        List<Row> rows = java.util.Arrays.stream(ids).map(id -> RowFactory.create(id, Instant.parse("2024-03-04T02:00:00Z"), 2,
                "f", 1L, 7L, LocalDate.parse(date), date.substring(0, 7))).toList();
        return spark.createDataFrame(rows, SNAPSHOTS.sparkSchema());
    }

    private List<String> ids(TableStore store) {
        return store.readOrEmpty(SNAPSHOTS).select("dossier_id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList()
                .stream().sorted().toList();
    }

    @Test
    void replacesOnlyTheNamedPartitionsAndEmptiesThoseThatGetNoRows() {
        TableStore store = new TableStore(spark, tmp.toString());
        store.replacePartitions(SNAPSHOTS, rows("2024-03-04", "A").unionByName(rows("2024-04-05", "B")), Set.of("2024-03", "2024-04"));
        store.replacePartitions(SNAPSHOTS, rows("2024-04-05", "C"), Set.of("2024-04"));
        assertThat(ids(store)).containsExactly("A", "C");
        store.replacePartitions(SNAPSHOTS, rows("2024-04-05").limit(0), Set.of("2024-03"));
        assertThat(ids(store)).containsExactly("C");
    }

    @Test
    void refusesRowsOutsideTheDeclaredPartitionsAndLeavesTheTableAsItWas() {
        TableStore store = new TableStore(spark, tmp.toString());
        store.replacePartitions(SNAPSHOTS, rows("2024-03-04", "A"), Set.of("2024-03"));
        assertThatThrownBy(() -> store.replacePartitions(SNAPSHOTS, rows("2024-05-09", "X"), Set.of("2024-03")))
                .hasMessageContaining("2024-05");
        assertThat(ids(store)).containsExactly("A");
    }

    @Test
    void aWriteKilledBeforeItsJournalLeavesTheTableIntactAndIsCleanedUp() throws Exception {
        TableStore store = new TableStore(spark, tmp.toString());
        store.replacePartitions(SNAPSHOTS, rows("2024-03-04", "A"), Set.of("2024-03"));
        Path staging = tmp.resolve("silver/dossier_snapshots/_staging/dead");
        rows("2024-03-04", "ZOMBIE").write().partitionBy("export_month").parquet(staging.toString());
        assertThat(ids(store)).containsExactly("A");
        assertThat(staging).doesNotExist();
    }

    @Test
    void aSwapKilledHalfwayIsRolledForwardByTheNextReader() throws Exception {
        TableStore store = new TableStore(spark, tmp.toString());
        store.replacePartitions(SNAPSHOTS, rows("2024-03-04", "A").unionByName(rows("2024-04-05", "B")), Set.of("2024-03", "2024-04"));
        Path table = tmp.resolve("silver/dossier_snapshots");
        Path staging = table.resolve("_staging/interrupted");
        rows("2024-04-05", "B2").write().partitionBy("export_month").parquet(staging.toString());
        Fixtures.write(staging.resolve("_READY"), "export_month\n2024-03,2024-04\n2024-04\n");
        // the crash happened after 2024-03 was emptied, before 2024-04 was moved
        org.apache.commons.io.FileUtils.deleteDirectory(table.resolve("export_month=2024-03").toFile());
        assertThat(ids(store)).containsExactly("B2");
        assertThat(Files.exists(table.resolve("_staging"))).isFalse();
        assertThat(ids(store)).containsExactly("B2");
    }

    private static final TableSpec CIVIL_SERVANTS = TableSpec.load("silver", "civil_servants");

    private Dataset<Row> keys(String... keys) {
        List<Row> rows = java.util.Arrays.stream(keys).map(k -> RowFactory.create(k, "XA-001")).toList();
        return spark.createDataFrame(rows, CIVIL_SERVANTS.sparkSchema());
    }

    private List<String> keys(TableStore store) {
        return store.readOrEmpty(CIVIL_SERVANTS).select("applicant_key").as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList().stream().sorted().toList();
    }

    private static List<Path> dataFiles(Path dir) throws java.io.IOException {
        try (var s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
        }
    }

    @Test
    void aWholeTableSwapKilledAfterSomeFilesMovedKeepsThemWhenItIsCompleted() throws Exception {
        TableStore store = new TableStore(spark, tmp.toString());
        store.replaceTable(CIVIL_SERVANTS, keys("OLD"));
        Path table = tmp.resolve("silver/civil_servants");
        Path staging = table.resolve("_staging/interrupted");
        // two files of one row each
        keys("K1").union(keys("K2")).write().parquet(staging.toString());
        List<Path> fresh = dataFiles(staging);
        assertThat(fresh).hasSize(2);
        Fixtures.write(staging.resolve("_READY"), "*\n*\n" + fresh.get(0).getFileName() + "," + fresh.get(1).getFileName() + "\n");
        // the crash came after the old file was deleted and the first new file moved in
        for (Path old : dataFiles(table)) {
            Files.delete(old);
        }
        Files.move(fresh.get(0), table.resolve(fresh.get(0).getFileName()));
        assertThat(keys(store)).containsExactly("K1", "K2");
        assertThat(table.resolve("_staging")).doesNotExist();
    }

    @Test
    void anEmptyOrTruncatedJournalLeavesTheTableAsItWas() throws Exception {
        TableStore store = new TableStore(spark, tmp.toString());
        store.replacePartitions(SNAPSHOTS, rows("2024-03-04", "A").unionByName(rows("2024-04-05", "B")), Set.of("2024-03", "2024-04"));
        Path table = tmp.resolve("silver/dossier_snapshots");
        for (String journal : new String[]{"", "export_month\n2024-03,2024-04\n", "export_month\n2024-03,2024-04\n2024-0"}) {
            Path staging = table.resolve("_staging/cut");
            rows("2024-04-05", "B2").write().partitionBy("export_month").parquet(staging.toString());
            Fixtures.write(staging.resolve("_READY"), journal);
            assertThat(ids(store)).as("journal '%s'", journal).containsExactly("A", "B");
            assertThat(table.resolve("_staging")).doesNotExist();
        }
        // a journal whose rename never happened is no journal either
        Path staging = table.resolve("_staging/unrenamed");
        rows("2024-04-05", "B2").write().partitionBy("export_month").parquet(staging.toString());
        Fixtures.write(staging.resolve("_READY.tmp"), "export_month\n2024-04\n2024-04\n");
        assertThat(ids(store)).containsExactly("A", "B");
    }

    @Test
    void tablesCommittedTogetherAreCompletedTogetherAfterAKillBetweenTheirSwaps() throws Exception {
        TableStore store = new TableStore(spark, tmp.toString());
        store.replacePartitions(SNAPSHOTS, rows("2024-03-04", "A"), Set.of("2024-03"));
        store.replaceTable(CIVIL_SERVANTS, keys("OLD"));
        // a commit of both, killed after the first table's swap: the second's staging and the journal remain
        Path snapshots = tmp.resolve("silver/dossier_snapshots");
        Path servants = tmp.resolve("silver/civil_servants");
        rows("2024-03-04", "A2").write().partitionBy("export_month").parquet(snapshots.resolve("_staging/s1").toString());
        keys("NEW").write().parquet(servants.resolve("_staging/s2").toString());
        String file = dataFiles(servants.resolve("_staging/s2")).get(0).getFileName().toString();
        Fixtures.write(tmp.resolve("_commits/c1"), "hoso-commit-1\n2\nsilver/dossier_snapshots\ns1\nexport_month\n2024-03\n2024-03\n"
                + "silver/civil_servants\ns2\n*\n*\n" + file + "\n");
        org.apache.commons.io.FileUtils.deleteDirectory(snapshots.resolve("export_month=2024-03").toFile());
        Files.move(snapshots.resolve("_staging/s1/export_month=2024-03"), snapshots.resolve("export_month=2024-03"));
        // reading the second table completes the whole commit
        assertThat(keys(store)).containsExactly("NEW");
        assertThat(ids(store)).containsExactly("A2");
        assertThat(tmp.resolve("_commits")).doesNotExist();
        assertThat(servants.resolve("_staging")).doesNotExist();
        assertThat(snapshots.resolve("_staging")).doesNotExist();
    }

    @Test
    void aRenameOrDeleteThatFailsStopsTheWriteWithAClearMessage() throws Exception {
        org.apache.hadoop.fs.FileSystem local = org.apache.hadoop.fs.FileSystem.getLocal(new org.apache.hadoop.conf.Configuration());
        org.apache.hadoop.fs.FileSystem refusing = new org.apache.hadoop.fs.FilterFileSystem(local) {
            @Override
            public boolean rename(org.apache.hadoop.fs.Path src, org.apache.hadoop.fs.Path dst) {
                return false;
            }
        };
        Path staging = tmp.resolve("silver/dossier_snapshots/_staging/s");
        rows("2024-03-04", "A").write().partitionBy("export_month").parquet(staging.toString());
        TableFiles files = new TableFiles(refusing, new org.apache.hadoop.fs.Path(tmp.toUri()));
        org.apache.hadoop.fs.Path table = new org.apache.hadoop.fs.Path(tmp.resolve("silver/dossier_snapshots").toUri());
        TableFiles.Staged w = new TableFiles.Staged(table, new org.apache.hadoop.fs.Path(staging.toUri()),
                files.journal(new org.apache.hadoop.fs.Path(staging.toUri()), "export_month", new java.util.TreeSet<>(Set.of("2024-03"))));
        assertThatThrownBy(() -> files.commit(List.of(w))).isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessageContaining("cannot rename").hasMessageContaining("_READY");
    }

    /** The columns silver dossiers gained for the Decision 766 index (issue 20). */
    private static final List<String> INDEX766_COLUMNS = List.of("has_documents", "from_personal_store", "fee_list_all_zero",
            "last_supplement_requested_at", "last_supplement_answered_at", "supplement_seconds");

    @Test
    void aSilverWrittenBeforeTheIndexColumnsIsReadWithThemNull() {
        TableSpec dossiers = TableSpec.load("silver", "dossiers");
        List<org.apache.spark.sql.types.StructField> old = java.util.Arrays.stream(dossiers.sparkSchema().fields())
                .filter(f -> !INDEX766_COLUMNS.contains(f.name())).toList();
        Object[] values = old.stream().map(f -> switch (f.dataType().typeName()) {
            case "integer" -> (Object) 2;
            case "long" -> 1L;
            case "double" -> 0.0;
            case "boolean" -> false;
            case "timestamp" -> Instant.parse("2024-03-04T02:00:00Z");
            case "date" -> LocalDate.of(2024, 3, 4);
            default -> f.name().equals("partition_month") ? "2024-03" : "x";
        }).toArray();
        spark.createDataFrame(List.of(RowFactory.create(values)), new org.apache.spark.sql.types.StructType(
                        old.toArray(org.apache.spark.sql.types.StructField[]::new)))
                .write().partitionBy("partition_month").parquet(tmp.resolve("silver/dossiers").toString());

        Row row = new TableStore(spark, tmp.toString()).read(dossiers).orElseThrow().first();
        assertThat(row.<String>getAs("dossier_id")).isEqualTo("x");
        for (String c : INDEX766_COLUMNS) {
            assertThat((Object) row.getAs(c)).as(c + ": unknown until a full rebuild").isNull();
        }
    }
}
