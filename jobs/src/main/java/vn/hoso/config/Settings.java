package vn.hoso.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import vn.hoso.contract.Pseudonymiser;
import vn.hoso.io.RecordReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every setting, resolved in one documented order: command-line option &gt; environment variable &gt;
 * config file (hoso.yaml) &gt; default. The config file itself is {@code --config}, else
 * {@code HOSO_CONFIG}, else {@code ./hoso.yaml} when present. The pseudonymisation secret is taken from
 * the environment only (a config file may live in a repository), or is the named demo secret.
 */
public record Settings(String landing, String warehouse, String master, Map<String, String> sparkConf,
                       String secret, boolean demoSecret, Path configFile, Path targets, String provinceCode,
                       Map<String, Integer> minN, vn.hoso.quality.QualityGate.Thresholds quality, long maxLineBytes,
                       String duckdbStorageVersion, String index766Profile) {

    public static final String DEFAULT_LANDING = "data/landing";
    public static final String DEFAULT_WAREHOUSE = "data/warehouse";
    public static final String DEFAULT_MASTER = "local[*]";
    public static final String DEFAULT_TARGETS = "targets";
    /** min_n of every KPI as the KPI registry (sql/kpis.yml) gives it; a config file's min_n overrides it. */
    public static final Map<String, Integer> DEFAULT_MIN_N = vn.hoso.marts.KpiCatalog.minN();
    /**
     * The DuckDB release whose storage format the published file uses. v1.2.0 (format 65) opens in every
     * DuckDB client from 1.2 on, 1.x and 2.x; DuckDB 2.0's own format (69) does not open in any 1.x client.
     */
    public static final String DEFAULT_DUCKDB_STORAGE_VERSION = "v1.2.0";

    /** Settings for local use and tests: defaults everywhere but the folders. */
    public static Settings local(String landing, String warehouse, String secret, boolean demoSecret) {
        return new Settings(landing, warehouse, DEFAULT_MASTER, Map.of(), secret, demoSecret, null,
                defaultTargets(), null, DEFAULT_MIN_N, vn.hoso.quality.QualityGate.Thresholds.defaults(),
                RecordReader.DEFAULT_MAX_LINE_BYTES, DEFAULT_DUCKDB_STORAGE_VERSION,
                // the environment may turn the index off here too (the test suite does, for the runs of other stages)
                first(System.getenv("HOSO_INDEX766_PROFILE"), vn.hoso.index766.Index766Profile.DEFAULT));
    }

    /** The same settings with another formula profile of the Decision 766 index (sql/index766/<name>.yml). */
    public Settings withIndex766Profile(String profile) {
        return new Settings(landing, warehouse, master, sparkConf, secret, demoSecret, configFile, targets, provinceCode, minN, quality,
                maxLineBytes, duckdbStorageVersion, profile);
    }

    /** The same settings with another plan folder and province scope code. */
    public Settings withPlans(Path targetsDir, String province) {
        return new Settings(landing, warehouse, master, sparkConf, secret, demoSecret, configFile, targetsDir, province, minN, quality,
                maxLineBytes, duckdbStorageVersion, index766Profile);
    }

    /** targets/ beside the launcher (HOSO_HOME), else in the working folder. */
    static Path defaultTargets() {
        String home = System.getProperty("hoso.home");
        return home == null ? Path.of(DEFAULT_TARGETS) : Path.of(home, DEFAULT_TARGETS);
    }

    /** What the command line gave; null = not given. */
    public record Cli(Path config, String landing, String warehouse, String master, boolean demoSecret, Path targets,
                      Long maxLineBytes, String duckdbStorageVersion) {
        public Cli(Path config, String landing, String warehouse, String master, boolean demoSecret) {
            this(config, landing, warehouse, master, demoSecret, null, null, null);
        }

        public Cli(Path config, String landing, String warehouse, String master, boolean demoSecret, Path targets) {
            this(config, landing, warehouse, master, demoSecret, targets, null, null);
        }
    }

    public static Settings resolve(Cli cli, Map<String, String> env) {
        Path configFile = cli.config() != null ? cli.config()
                : env.get("HOSO_CONFIG") != null ? Path.of(env.get("HOSO_CONFIG"))
                : Files.exists(Path.of("hoso.yaml")) ? Path.of("hoso.yaml") : null;
        JsonNode file = configFile == null ? null : readConfig(configFile, cli.config() != null || env.get("HOSO_CONFIG") != null);
        String landing = first(cli.landing(), env.get("HOSO_LANDING"), text(file, "landing"), DEFAULT_LANDING);
        String warehouse = first(cli.warehouse(), env.get("HOSO_WAREHOUSE"), text(file, "warehouse"), DEFAULT_WAREHOUSE);
        String master = first(cli.master(), env.get("HOSO_SPARK_MASTER"), text(file, "spark", "master"), DEFAULT_MASTER);
        Map<String, String> sparkConf = new LinkedHashMap<>();
        if (file != null) {
            Iterator<Map.Entry<String, JsonNode>> it = file.path("spark").path("conf").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                sparkConf.put(e.getKey(), e.getValue().asText());
            }
        }
        String secret = env.get(Pseudonymiser.SECRET_ENV);
        String targets = first(cli.targets() == null ? null : cli.targets().toString(), env.get("HOSO_TARGETS"),
                text(file, "targets"), defaultTargets().toString());
        String province = first(env.get("HOSO_PROVINCE"), text(file, "province_code"));
        Map<String, Integer> minN = new java.util.HashMap<>(DEFAULT_MIN_N);
        if (file != null) {
            Iterator<Map.Entry<String, JsonNode>> m = file.path("min_n").fields();
            while (m.hasNext()) {
                Map.Entry<String, JsonNode> e = m.next();
                if (!e.getValue().canConvertToInt() || e.getValue().asInt() < 1) {
                    throw new UserError("config file " + configFile + ": min_n." + e.getKey() + " must be a whole number >= 1");
                }
                minN.put(e.getKey(), e.getValue().asInt());
            }
        }
        String storageVersion = first(cli.duckdbStorageVersion(), env.get("HOSO_DUCKDB_STORAGE_VERSION"),
                text(file, "duckdb", "storage_version"), DEFAULT_DUCKDB_STORAGE_VERSION);
        if (!storageVersion.matches("v\\d+\\.\\d+\\.\\d+|latest")) {
            throw new UserError("DuckDB storage version '" + storageVersion + "' (--duckdb-storage-version,"
                    + " HOSO_DUCKDB_STORAGE_VERSION or duckdb.storage_version) must be a DuckDB release such as "
                    + DEFAULT_DUCKDB_STORAGE_VERSION + ", or latest");
        }
        // the index's formula profile: checked now (a typo fails before Spark starts, in one line)
        String index766Profile = first(env.get("HOSO_INDEX766_PROFILE"), text(file, "index766_profile"),
                vn.hoso.index766.Index766Profile.DEFAULT);
        vn.hoso.index766.Index766Profile.forSetting(index766Profile);
        return new Settings(landing, warehouse, master, Map.copyOf(sparkConf), secret, cli.demoSecret(), configFile,
                Path.of(targets), province, Map.copyOf(minN), quality(file, configFile),
                maxLineBytes(cli.maxLineBytes(), env.get("HOSO_MAX_LINE_BYTES"), text(file, "max_line_bytes")),
                storageVersion, index766Profile);
    }

    /** --max-line-bytes &gt; HOSO_MAX_LINE_BYTES &gt; max_line_bytes: &gt; 1 MiB; a whole number of bytes &ge; 1. */
    private static long maxLineBytes(Long cli, String env, String file) {
        if (cli != null) {
            return checkedLineLimit(cli.toString(), "--max-line-bytes");
        }
        if (env != null && !env.isBlank()) {
            return checkedLineLimit(env, "HOSO_MAX_LINE_BYTES");
        }
        if (file != null && !file.isBlank()) {
            return checkedLineLimit(file, "max_line_bytes in the config file");
        }
        return RecordReader.DEFAULT_MAX_LINE_BYTES;
    }

    private static long checkedLineLimit(String value, String source) {
        try {
            long v = Long.parseLong(value.trim());
            if (v >= 1 && v <= Integer.MAX_VALUE - 8) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UserError(source + " must be a whole number of bytes between 1 and " + (Integer.MAX_VALUE - 8)
                + ", not '" + value.trim() + "'");
    }

    /** quality: {catalog_match_min, quarantine_max, completeness_min, volume_drop_max, rate_drift_max}, shares 0..1. */
    private static vn.hoso.quality.QualityGate.Thresholds quality(JsonNode file, Path configFile) {
        vn.hoso.quality.QualityGate.Thresholds d = vn.hoso.quality.QualityGate.Thresholds.defaults();
        JsonNode q = file == null ? null : file.path("quality");
        return new vn.hoso.quality.QualityGate.Thresholds(
                share(q, "catalog_match_min", d.catalogMatchMin(), configFile), share(q, "quarantine_max", d.quarantineMax(), configFile),
                share(q, "completeness_min", d.completenessMin(), configFile), share(q, "volume_drop_max", d.volumeDropMax(), configFile),
                share(q, "rate_drift_max", d.rateDriftMax(), configFile));
    }

    private static double share(JsonNode q, String key, double fallback, Path configFile) {
        if (q == null || q.path(key).isMissingNode()) {
            return fallback;
        }
        JsonNode v = q.path(key);
        if (!v.isNumber() || v.asDouble() < 0 || v.asDouble() > 1) {
            throw new UserError("config file " + configFile + ": quality." + key + " must be a share between 0 and 1, not " + v);
        }
        return v.asDouble();
    }

    /** The pseudonymiser, or a message saying how to provide a secret. */
    public Pseudonymiser pseudonymiser() {
        if (secret != null && !secret.isBlank()) {
            return new Pseudonymiser(secret);
        }
        if (demoSecret) {
            return new Pseudonymiser(Pseudonymiser.DEMO_SECRET);
        }
        throw new UserError("no pseudonymisation secret: set " + Pseudonymiser.SECRET_ENV
                + " in the environment (or pass --demo-secret for sample data only)");
    }

    /** Every setting but the secret, of which it says only whether it is set (a record would print it). */
    @Override
    public String toString() {
        return "Settings[landing=" + landing + ", warehouse=" + warehouse + ", master=" + master + ", sparkConf=" + sparkConf
                + ", secret=" + (secret == null || secret.isBlank() ? "not set" : "set, hidden") + ", demoSecret=" + demoSecret
                + ", configFile=" + configFile + ", targets=" + targets + ", provinceCode=" + provinceCode + ", minN=" + minN
                + ", quality=" + quality + ", index766Profile=" + index766Profile + "]";
    }

    /** Whether the warehouse is a folder on this machine (a plain path or a file: URI). */
    public boolean localWarehouse() {
        return !warehouse.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") || warehouse.startsWith("file:");
    }

    /** The local warehouse folder; only for {@link #localWarehouse()}. */
    public Path localWarehousePath() {
        return Path.of(warehouse.replaceFirst("^file:(//)?", ""));
    }

    /** Fails early, before Spark starts, when a local landing folder does not exist. */
    public void requireLocalLanding() {
        boolean local = !landing.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") || landing.startsWith("file:");
        if (local && !Files.isDirectory(Path.of(landing.replaceFirst("^file:(//)?", "")))) {
            throw new UserError("landing folder " + landing + " does not exist (set --landing, HOSO_LANDING or landing: in"
                    + " hoso.yaml; `hoso generate` makes a sample)");
        }
    }

    private static JsonNode readConfig(Path file, boolean explicit) {
        if (!Files.exists(file)) {
            if (explicit) {
                throw new UserError("config file " + file + " does not exist");
            }
            return null;
        }
        try {
            JsonNode node = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
            if (node != null && !node.isObject() && !node.isMissingNode()) {
                throw new UserError("config file " + file + " must be a YAML mapping (key: value)");
            }
            return node;
        } catch (IOException e) {
            throw new UserError("config file " + file + " is not valid YAML: " + e.getMessage().split("\n")[0]);
        }
    }

    private static String text(JsonNode node, String... path) {
        if (node == null) {
            return null;
        }
        JsonNode n = node;
        for (String p : path) {
            n = n.path(p);
        }
        return n.isMissingNode() || n.isNull() ? null : n.asText();
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
