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
}
