package vn.hoso.cli;

import picocli.CommandLine.Option;
import vn.hoso.config.Settings;

import java.nio.file.Path;

/** Options every stage shares. Their defaults live in {@link Settings#resolve}, not here. */
public final class CommonOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "Config file (YAML). Default: $HOSO_CONFIG, else ./hoso.yaml if present.")
    Path config;

    @Option(names = "--landing", paramLabel = "DIR", description = "Landing zone root (path or URI). Default: $HOSO_LANDING, config 'landing', else " + Settings.DEFAULT_LANDING + ".")
    String landing;

    @Option(names = "--warehouse", paramLabel = "DIR", description = "Warehouse root. Default: $HOSO_WAREHOUSE, config 'warehouse', else " + Settings.DEFAULT_WAREHOUSE + ".")
    String warehouse;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master for local runs. Default: $HOSO_SPARK_MASTER, config 'spark.master', else local[*]. Ignored under spark-submit.")
    String master;

    @Option(names = "--targets", paramLabel = "DIR", description = "Folder of plan files (YAML). Default: $HOSO_TARGETS, config 'targets', else targets/ beside the launcher.")
    Path targets;

    @Option(names = "--max-line-bytes", paramLabel = "N", description = "Longest landing line read, in bytes; a longer one is quarantined unread. Default: $HOSO_MAX_LINE_BYTES, config 'max_line_bytes', else 1048576 (1 MiB).")
    Long maxLineBytes;

    @Option(names = "--demo-secret", description = "Pseudonymise with the named demo secret instead of $HOSO_PSEUDONYM_SECRET (sample data only).")
    boolean demoSecret;

    @Option(names = "--duckdb-storage-version", paramLabel = "VERSION", description = "DuckDB storage format of the published file, as a DuckDB release (v1.2.0, ..., latest); the oldest client that must open it. Default: $HOSO_DUCKDB_STORAGE_VERSION, config 'duckdb.storage_version', else " + Settings.DEFAULT_DUCKDB_STORAGE_VERSION + ".")
    String duckdbStorageVersion;

    Settings settings() {
        return Settings.resolve(new Settings.Cli(config, landing, warehouse, master, demoSecret, targets, maxLineBytes,
                duckdbStorageVersion), System.getenv());
    }
}
