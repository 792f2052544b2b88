package vn.hoso.io;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

import static org.apache.spark.sql.functions.col;

/**
 * Parquet tables under one warehouse root, {@code <root>/<layer>/<table>}. A write never overwrites in
 * place: it is staged, its journal names what it replaces, and only then are partition folders (or a whole
 * table's files) swapped by rename ({@link TableFiles}). A run killed before the journal leaves the table
 * untouched; one killed during the swap is rolled forward by the next read or write.
 */
public final class TableStore {

    private final SparkSession spark;
    private final String root;
    /** This process's staged writes not yet committed: recovery must not drop them. */
    private final java.util.Set<Path> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public TableStore(SparkSession spark, String root) {
        this.spark = spark;
        this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    }

    public String root() {
        return root;
    }

    public Path path(TableSpec spec) {
        return new Path(root + "/" + spec.layer() + "/" + spec.name());
    }

    /**
     * Replaces the text of a small marker file under {@code <root>/ops/} and says whether it changed
     * (true when there was none).
     */
    public boolean swapMarker(String name, String value) {
        Path file = new Path(root + "/ops/" + name);
        FileSystem fs = fs(file);
        try {
            String old = null;
            if (fs.exists(file)) {
                try (InputStream in = fs.open(file)) {
                    old = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            // written beside and renamed over the old one: a kill leaves the old text or the new, never a part
            Path tmp = new Path(file.getParent(), "." + file.getName() + "." + UUID.randomUUID() + ".tmp");
            try (OutputStream out = fs.create(tmp, true)) {
                out.write(value.getBytes(StandardCharsets.UTF_8));
            }
            org.apache.hadoop.fs.FileContext.getFileContext(fs.getUri(), spark.sparkContext().hadoopConfiguration())
                    .rename(tmp, file, org.apache.hadoop.fs.Options.Rename.OVERWRITE);
            return !value.equals(old);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The text of a marker file under {@code <root>/ops/}, if it exists. */
    public Optional<String> markerText(String name) {
        Path file = new Path(root + "/ops/" + name);
        try {
            FileSystem fs = fs(file);
            if (!fs.exists(file)) {
                return Optional.empty();
            }
            try (InputStream in = fs.open(file)) {
                return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public void deleteMarker(String name) {
        fsDelete(new Path(root + "/ops/" + name));
    }

    /**
     * A job's scratch folder, {@code <root>/_scratch/<name>}, emptied first (a run that was killed leaves
     * its scratch behind; the next one clears it). Not a table: nothing reads it but the job that wrote it.
     */
    public String scratch(String name) {
        Path dir = new Path(root + "/_scratch/" + name);
        fsDelete(dir);
        return dir.toString();
    }

    /** Deletes a scratch folder made by {@link #scratch}. */
    public void dropScratch(String name) {
        fsDelete(new Path(root + "/_scratch/" + name));
    }

    /** The table with its declared schema, or empty when it was never written. */
    public Optional<Dataset<Row>> read(TableSpec spec) {
        Path p = path(spec);
        recover(p);
        if (!hasData(p)) {
            return Optional.empty();
        }
        return Optional.of(spark.read().schema(spec.sparkSchema())
                .option("basePath", p.toString())
                .parquet(p.toString())
                .select(spec.columnNames().stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new)));
    }

    /** The table, or an empty Dataset of its schema. */
    public Dataset<Row> readOrEmpty(TableSpec spec) {
        return read(spec).orElseGet(() -> spark.createDataFrame(List.of(), spec.sparkSchema()));
    }

    /**
     * Replaces exactly the given partitions (values of the table's single partition column) by the rows
     * of {@code data}; partitions in the set that receive no rows are emptied. Other partitions are kept.
     */
    public void replacePartitions(TableSpec spec, Dataset<Row> data, Collection<String> partitions) {
        if (spec.partitionedBy().size() != 1) {
            throw new IllegalArgumentException(spec.name() + " is not partitioned by one column");
        }
        write(spec, data, new TreeSet<>(partitions));
    }

    /** Replaces the whole table. */
    public void replaceTable(TableSpec spec, Dataset<Row> data) {
        write(spec, data, new TreeSet<>(List.of(TableFiles.WHOLE_TABLE)));
    }

    /** Adds rows to an unpartitioned log table (each call one new file). */
    public void append(TableSpec spec, Dataset<Row> data) {
        conform(spec, data).coalesce(1).write().mode(SaveMode.Append).parquet(path(spec).toString());
    }

    /**
     * Writes rows to a table's staging without making them visible: {@link #commit} swaps several staged
     * writes in together, so that a kill leaves all of them or none (the dossiers and their status history).
     */
    public TableFiles.Staged stagePartitions(TableSpec spec, Dataset<Row> data, Collection<String> partitions) {
        if (spec.partitionedBy().size() != 1) {
            throw new IllegalArgumentException(spec.name() + " is not partitioned by one column");
        }
        return stage(spec, data, new TreeSet<>(partitions));
    }

    /** The rows a staged write will put in its partitions, read from its staging. */
    public Dataset<Row> staged(TableSpec spec, TableFiles.Staged write) {
        String p = write.staging().toString();
        if (write.journal().produced().isEmpty()) {
            return spark.createDataFrame(List.of(), spec.sparkSchema());
        }
        return spark.read().schema(spec.sparkSchema()).option("basePath", p).parquet(p)
                .select(spec.columnNames().stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new));
    }

    /** Makes staged writes visible together. */
    public void commit(TableFiles.Staged... writes) {
        files().commit(List.of(writes));
        for (TableFiles.Staged w : writes) {
            inFlight.remove(w.staging());
        }
    }

    private void write(TableSpec spec, Dataset<Row> data, TreeSet<String> partitions) {
        commit(stage(spec, data, partitions));
    }

    private TableFiles.Staged stage(TableSpec spec, Dataset<Row> data, TreeSet<String> partitions) {
        Path table = path(spec);
        recover(table);
        TableFiles files = files();
        Path staging = fs(table).makeQualified(files.newStaging(table));
        String column = spec.isPartitioned() ? spec.partitionedBy().get(0) : TableFiles.WHOLE_TABLE;
        Dataset<Row> rows = conform(spec, data);
        if (spec.isPartitioned()) {
            // one writer per partition value: one file per partition, not one per task and partition
            rows = rows.repartition(col(column));
        }
        var writer = rows.write().mode(SaveMode.Overwrite);
        if (spec.isPartitioned()) {
            writer = writer.partitionBy(column);
        }
        inFlight.add(staging);
        writer.parquet(staging.toString());
        TableFiles.Journal journal;
        try {
            journal = files.journal(staging, column, partitions);
            if (spec.isPartitioned() && !partitions.containsAll(journal.produced())) {
                files.delete(staging);
                inFlight.remove(staging);
                throw new IllegalStateException("write to " + table + " produced partitions " + journal.produced()
                        + " beyond the declared " + partitions);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the staged write " + staging + ": " + e.getMessage(), e);
        }
        CrashPoint.at("stage:" + spec.layer() + "." + spec.name());
        return new TableFiles.Staged(table, staging, journal);
    }

    private Dataset<Row> conform(TableSpec spec, Dataset<Row> data) {
        List<Column> cols = new ArrayList<>();
        for (var f : spec.sparkSchema().fields()) {
            cols.add(col(f.name()).cast(f.dataType()).as(f.name()));
        }
        return data.select(cols.toArray(Column[]::new));
    }

    /** Rolls forward a swap whose journal was written, and drops staging that never got one. */
    private void recover(Path table) {
        files().recover(table, inFlight);
    }

    private TableFiles files() {
        Path r = new Path(root);
        return new TableFiles(fs(r), fs(r).makeQualified(r));
    }

    private void fsDelete(Path p) {
        try {
            files().delete(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /**
     * Completes every interrupted write in the warehouse, then deletes a whole layer (a full rebuild's silver).
     */
    public void clearLayer(String layer) {
        files().recoverAll();
        fsDelete(new Path(root + "/" + layer));
    }

    private boolean hasData(Path table) {
        try {
            return !files().listData(table).isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + table, e);
        }
    }

    private FileSystem fs(Path p) {
        try {
            Configuration conf = spark.sparkContext().hadoopConfiguration();
            return p.getFileSystem(conf);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the file system of " + p, e);
        }
    }
}
