package vn.hoso.publish;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hoso.config.Settings;
import vn.hoso.config.UserError;
import vn.hoso.ingest.IngestJob;
import vn.hoso.io.CrashPoint;
import vn.hoso.io.TableFiles;
import vn.hoso.io.TableSpec;
import vn.hoso.marts.KpiCatalog;
import vn.hoso.marts.MartsJob;
import vn.hoso.pipeline.Pipeline;
import vn.hoso.spark.Sessions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Builds the analysts' DuckDB file from the warehouse's Parquet: a new file beside the published one,
 * filled, commented, checkpointed and closed, then renamed over it. A reader keeps the old file until it
 * reconnects; a publish that fails or is killed leaves the old file as it was.
 *
 * <p>Everything is copied into tables, dossier-level silver included: the file is then whole and
 * self-contained (it can be copied, and no query sees Parquet files being swapped by a later run).
 * Timestamps are published as Vietnam local time (UTC+07:00, no daylight saving) without a zone, the same
 * whatever the host's time zone.
 */
public final class PublishJob {
    private static final Logger LOG = LoggerFactory.getLogger(PublishJob.class);

    /** What is published, in order. Internal silver (snapshots, exports, civil servants' keys) is not. */
    public static final List<TableSpec> TABLES = List.of(
            MartsJob.KPI, MartsJob.PRIORITY, MartsJob.PROCESSING_TIME, MartsJob.CATALOG_COVERAGE, MartsJob.SCORECARD,
            MartsJob.INDEX766, MartsJob.INDEX766_SUMMARY, MartsJob.INDEX766_LOSSES, MartsJob.INDEX766_AT_RISK,
            MartsJob.INDEX766_RESIDUALS,
            IngestJob.DOSSIERS, IngestJob.HISTORY, IngestJob.FEEDBACK, IngestJob.QUARANTINE, IngestJob.PROCEDURES,
            IngestJob.UNITS, Pipeline.RUNS, Pipeline.RUN_FEEDS, Pipeline.DQ_RESULTS);

    private final Path warehouse;
    private final Path target;
    private final String storageVersion;

    public PublishJob(Path warehouse, Path target) {
        this(warehouse, target, Settings.DEFAULT_DUCKDB_STORAGE_VERSION);
    }

    /** @param storageVersion the DuckDB release whose storage format the file is written in (e.g. v1.2.0) */
    public PublishJob(Path warehouse, Path target, String storageVersion) {
        this.warehouse = warehouse;
        this.target = target;
        this.storageVersion = storageVersion;
    }

    /** Stops with a clear message when there is no warehouse to publish. */
    public static void requireWarehouse(Path warehouse) {
        if (!Files.isDirectory(warehouse)) {
            throw new UserError("warehouse " + warehouse + " does not exist: run `hoso run` first");
        }
    }

    public static Path defaultTarget(Path warehouse) {
        return warehouse.resolve("hoso.duckdb");
    }

    /** DuckDB's memory limit while publishing. */
    static final String MEMORY_LIMIT = "2GB";

    /** @param hook called after each table, so tests can fail a publish midway */
    public Path publish(java.util.function.Consumer<String> hook) {
        requireWarehouse(warehouse);
        Path rebuild = warehouse.resolve("ops").resolve(Pipeline.REBUILD_PENDING);
        if (Files.exists(rebuild)) {
            try {
                throw new UserError(Pipeline.unfinishedRebuild(warehouse.toString(), Files.readString(rebuild), "hoso publish"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + rebuild, e);
            }
        }
        // a writer holds the warehouse lock: complete any swap a killed run left, so no half-swapped table is copied
        TableFiles.local(warehouse).recoverAll();
        removeLeftovers();
        Path fresh = target.resolveSibling(target.getFileName() + ".tmp-" + UUID.randomUUID());
        try {
            try (Connection db = open(fresh)) {
                try (Statement st = db.createStatement()) {
                    // DuckDB would take up to 80 % of RAM beside Spark's heap in the same process (a nightly
                    // run at 5 M dossiers peaked at 8.3 GB RSS with -Xmx6g); it spills to the new file beyond
                    st.execute("SET memory_limit = '" + MEMORY_LIMIT + "'");
                    // tables have no order (every query that needs one says ORDER BY): loading without keeping
                    // the Parquet row order lets DuckDB write in parallel (1 M dossiers: 4.6 -> 3.9 s, 217 -> 180 MB)
                    st.execute("SET preserve_insertion_order = false");
                    // text without an offset (and any implicit cast) is read as UTC, never as the host's zone
                    st.execute("SET TimeZone = 'UTC'");
                }
                for (TableSpec spec : TABLES) {
                    copy(db, spec);
                    hook.accept(spec.name());
                    CrashPoint.at("publish:" + spec.name());
                }
                dictionary(db);
                info(db);
                try (Statement st = db.createStatement()) {
                    st.execute("CHECKPOINT");
                }
            }
            Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            LOG.info("published {}", target);
            return target;
        } catch (SQLException e) {
            throw new IllegalStateException("publish failed, " + target + " left as it was: " + e.getMessage().split("\n")[0], e);
        } catch (IOException e) {
            throw new UncheckedIOException("publish failed, " + target + " left as it was", e);
        } finally {
            deleteQuietly(fresh);
            deleteQuietly(Path.of(fresh + ".wal"));
        }
    }

    /** A new file in the configured storage format: DuckDB 2.0's own format does not open in 1.x clients. */
    private Connection open(Path fresh) {
        java.util.Properties props = new java.util.Properties();
        props.setProperty("storage_compatibility_version", storageVersion);
        try {
            return DriverManager.getConnection("jdbc:duckdb:" + fresh.toAbsolutePath(), props);
        } catch (SQLException e) {
            throw new UserError("cannot write " + target + " in DuckDB storage version '" + storageVersion + "': "
                    + e.getMessage().split("\n")[0]);
        }
    }

    private void copy(Connection db, TableSpec spec) throws SQLException {
        Path dir = warehouse.resolve(spec.layer()).resolve(spec.name());
        String source;
        if (hasParquet(dir)) {
            boolean partitioned = spec.isPartitioned();
            String glob = dir.toAbsolutePath() + (partitioned ? "/*/*.parquet" : "/*.parquet");
            String types = spec.partitionedBy().stream().map(p -> "'" + p + "': " + duckType(column(spec, p).type()))
                    .collect(Collectors.joining(", "));
            source = "read_parquet('" + glob.replace("'", "''") + "'"
                    + (partitioned ? ", hive_partitioning = true, hive_types = {" + types + "}" : "") + ")";
        } else {
            source = null;
        }
        String select = spec.columns().stream().map(c -> expression(c, source != null) + " AS " + c.name())
                .collect(Collectors.joining(", "));
        try (Statement st = db.createStatement()) {
            st.execute("CREATE TABLE " + spec.name() + " AS SELECT " + select
                    + (source == null ? " WHERE false" : " FROM " + source));
            st.execute("COMMENT ON TABLE " + spec.name() + " IS " + literal(spec.labelVi() + " — " + spec.description()
                    + " Grain: " + spec.grain() + ". Key: " + String.join(", ", spec.key()) + "."));
            for (TableSpec.Column c : spec.columns()) {
                st.execute("COMMENT ON COLUMN " + spec.name() + "." + c.name() + " IS " + literal(c.labelVi() + " — " + c.description()));
            }
        }
    }

    /** Spark writes UTC instants; analysts get Vietnam wall-clock time. Missing tables publish empty. */
    private static String expression(TableSpec.Column c, boolean hasSource) {
        String type = duckType(c.type());
        if (!hasSource) {
            return "CAST(NULL AS " + type + ")";
        }
        if (c.type().equals("timestamp")) {
            return vietnamTime(c.name());
        }
        return "CAST(" + c.name() + " AS " + type + ")";
    }

    /**
     * An instant as Vietnam wall-clock time, named explicitly: a bare cast to TIMESTAMP would use DuckDB's
     * TimeZone, which follows the host's (TZ), and shift every timestamp on a host that is not on UTC.
     */
    static String vietnamTime(String instant) {
        return "timezone(" + literal(Sessions.TIME_ZONE) + ", CAST(" + instant + " AS TIMESTAMPTZ))";
    }

    private void dictionary(Connection db) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute("CREATE TABLE data_dictionary (table_name VARCHAR, layer VARCHAR, table_label_vi VARCHAR, "
                    + "table_description VARCHAR, grain VARCHAR, table_key VARCHAR, column_position INTEGER, column_name VARCHAR, "
                    + "column_type VARCHAR, nullable BOOLEAN, label_vi VARCHAR, description VARCHAR)");
            st.execute("CREATE TABLE kpi_dictionary (kpi_code VARCHAR, kind VARCHAR, additive BOOLEAN, label_vi VARCHAR, description VARCHAR, "
                    + "label_en VARCHAR, min_n INTEGER, period_types VARCHAR, scopes VARCHAR)");
        }
        try (PreparedStatement p = db.prepareStatement("INSERT INTO data_dictionary VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (TableSpec spec : TABLES) {
                int pos = 1;
                for (TableSpec.Column c : spec.columns()) {
                    Object[] v = {spec.name(), spec.layer(), spec.labelVi(), spec.description(), spec.grain(),
                            String.join(", ", spec.key()), pos++, c.name(), duckType(c.type()), c.nullable(), c.labelVi(), c.description()};
                    for (int i = 0; i < v.length; i++) {
                        p.setObject(i + 1, v[i]);
                    }
                    p.addBatch();
                }
            }
            p.executeBatch();
        }
        try (PreparedStatement p = db.prepareStatement("INSERT INTO kpi_dictionary VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (KpiCatalog.Kpi k : KpiCatalog.all().values().stream().sorted((a, b) -> a.code().compareTo(b.code())).toList()) {
                p.setString(1, k.code());
                p.setString(2, k.kind());
                p.setBoolean(3, k.additive());
                p.setString(4, k.labelVi());
                p.setString(5, k.description());
                p.setString(6, k.labelEn());
                p.setInt(7, k.minN());
                p.setString(8, String.join(", ", k.periodTypes()));
                p.setString(9, String.join(", ", k.scopes()));
                p.addBatch();
            }
            p.executeBatch();
        }
        try (Statement st = db.createStatement()) {
            st.execute("COMMENT ON TABLE data_dictionary IS " + literal("Từ điển dữ liệu — every published table and column with its Vietnamese label and description"));
            st.execute("COMMENT ON TABLE kpi_dictionary IS " + literal("Danh mục chỉ số — every KPI code of the registry (sql/kpis.yml): kind, whether it adds up across scopes, labels, "
                    + "the registry's min_n (a config file may raise it), the period types and scopes it exists for"));
        }
    }

    /** One row saying what the file holds: when it was built, from which run, how fresh. */
    private void info(Connection db) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute("CREATE TABLE warehouse_info AS SELECT "
                    + vietnamTime(literal(Instant.now().toString())) + " AS published_at, "
                    + "(SELECT run_id FROM runs WHERE status = 'SUCCEEDED' ORDER BY finished_at DESC LIMIT 1) AS last_run_id, "
                    + "(SELECT run_date FROM runs WHERE status = 'SUCCEEDED' ORDER BY finished_at DESC LIMIT 1) AS last_run_date, "
                    + "(SELECT max(last_synced_at) FROM dossiers) AS max_synced_at, "
                    + "(SELECT count(*) FROM dossiers) AS dossiers, "
                    + "(SELECT min(year) FROM kpi) AS first_year, (SELECT max(year) FROM kpi) AS last_year");
            st.execute("COMMENT ON TABLE warehouse_info IS " + literal("Thông tin kho dữ liệu — when this file was published, "
                    + "the last successful run, the freshest snapshot (Vietnam time) and the years covered"));
        }
    }

    private void removeLeftovers() {
        Path dir = target.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, target.getFileName() + ".tmp-*")) {
            for (Path p : s) {
                LOG.warn("removing {} left by an interrupted publish", p.getFileName());
                deleteQuietly(p);
            }
        } catch (IOException e) {
            LOG.warn("cannot list {}: {}", dir, e.getMessage());
        }
    }

    private static TableSpec.Column column(TableSpec spec, String name) {
        return spec.columns().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static boolean hasParquet(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (var s = Files.walk(dir)) {
            return s.anyMatch(p -> p.toString().endsWith(".parquet") && !p.toString().contains("/_"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** The DuckDB type of a table definition's column type. */
    public static String duckType(String type) {
        return switch (type) {
            case "string" -> "VARCHAR";
            case "int" -> "INTEGER";
            case "bigint" -> "BIGINT";
            case "double" -> "DOUBLE";
            case "boolean" -> "BOOLEAN";
            case "date" -> "DATE";
            case "timestamp" -> "TIMESTAMP";
            default -> throw new IllegalArgumentException("unknown column type " + type);
        };
    }

    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", p, e.getMessage());
        }
    }
}
