package vn.hoso.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Part (c) of the benchmark: the SQL of {@code sql/bench/} run by DuckDB straight on the landing files (no Spark,
 * no silver), giving the province priority list and every province yearly KPI; and the comparison of those with
 * the pipeline's gold Parquet, column by column.
 */
public final class Baseline {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Baseline.class);
    /** The baseline's SQL files, run in this order in one connection. */
    public static final List<String> FILES = List.of("00_functions", "10_landing", "20_silver", "30_facts",
            "40_province_kpi", "50_province_priority");
    /** Key and compared columns of the province yearly KPIs (gold kpi, period_type Y, scope province). */
    static final List<String> KPI_KEY = List.of("year", "kpi_code");
    static final List<String> KPI_COLUMNS = List.of("scope_code", "numerator", "denominator", "value", "suppressed");
    /** Key and compared columns of the province priority list (gold procedure_priority, scope province): all of them. */
    static final List<String> PRIORITY_KEY = List.of("year", "procedure_code");
    static final List<String> PRIORITY_COLUMNS = List.of("scope_code", "procedure_name", "sector_code", "received", "rank",
            "share", "cum_share", "in_pareto_80", "service_level", "eligible_full_online", "reengineered", "online_rate",
            "paper_parallel_rate", "on_time_rate", "satisfaction_rate", "median_processing_days", "upgrade_candidate",
            "paper_hotspot", "low_satisfaction");
    /** Two doubles agree when they differ by at most this, relative to the larger (at least 1). */
    static final double TOLERANCE = 1e-9;

    /** DuckDB's memory limit in the baseline child, comparable with the pipeline stages' -Xmx6g. */
    public static final String MEMORY_LIMIT = "4GB";

    private Baseline() {
    }

    /**
     * Child-process entry: {@code Baseline <landing> <duckdb file>}. Runs the SQL in memory (spilling to a
     * temporary folder beside the file) and keeps only its results in the file: base_kpi, base_priority and
     * base_counts (records read = accepted + quarantined + re-exports per feed).
     */
    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[1]).toAbsolutePath();
        Files.deleteIfExists(db);
        Files.deleteIfExists(Path.of(db + ".wal"));
        Path tmp = Path.of(db + ".tmp");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            try (Statement s = c.createStatement()) {
                s.execute("SET preserve_insertion_order = false");
                // DuckDB takes 80 % of the machine's RAM by default (at 5 M dossiers on 24 GiB it was killed at
                // 23 GiB RSS); the same budget as the pipeline's heap, spilling to temp_directory beyond it
                s.execute("SET memory_limit = " + literal(MEMORY_LIMIT));
                s.execute("SET temp_directory = " + literal(tmp.toString()));
            }
            build(c, Path.of(args[0]), line -> { });
            try (Statement s = c.createStatement()) {
                s.execute("ATTACH " + literal(db.toString()) + " AS result");
                s.execute("CREATE TABLE result.base_kpi AS SELECT * FROM bench_province_kpi ORDER BY year, kpi_code");
                s.execute("CREATE TABLE result.base_priority AS SELECT * FROM bench_province_priority ORDER BY year, rank");
                s.execute("CREATE TABLE result.base_counts AS SELECT * FROM bench_counts ORDER BY feed");
                s.execute("DETACH result");
            }
        } finally {
            Bench.deleteTree(tmp);
        }
    }

    /** Runs the baseline SQL on a connection: leaves bench_province_kpi, bench_province_priority and bench_counts. */
    public static void build(Connection c, Path landing, Consumer<String> progress) throws SQLException {
        try (PreparedStatement set = c.prepareStatement("SET VARIABLE landing = ?")) {
            set.setString(1, landing.toAbsolutePath().normalize().toString());
            set.execute();
        }
        boolean civilServants = Files.exists(landing.resolve("catalog/civil_servants.csv"));
        for (String file : FILES) {
            LOG.info("sql/bench/{}.sql", file);
            long start = System.nanoTime();
            for (String stmt : statements(text("sql/bench/" + file + ".sql"))) {
                if (!civilServants && stmt.contains("civil_servants.csv")) {
                    // the file is optional in the contract: no civil servants
                    stmt = "create or replace table bench_civil_servants as select cast(null as hugeint) as applicant_key where false";
                }
                if (stmt.contains(SNAPSHOTS_TABLE)) {
                    snapshotsByMonth(c, landing, stmt);
                    continue;
                }
                try (Statement s = c.createStatement()) {
                    s.execute(stmt);
                }
            }
            progress.accept(String.format(Locale.ROOT, "%s.sql %.1f s", file, (System.nanoTime() - start) / 1e9));
        }
    }

    private static final String SNAPSHOTS_TABLE = "create or replace table bench_snapshots as";

    /**
     * The dossier snapshots statement of 10_landing.sql, once per export month of the landing's date= folders:
     * the first creates the table, the others insert into it (every column is computed from its own line).
     */
    private static void snapshotsByMonth(Connection c, Path landing, String stmt) throws SQLException {
        // the months with a file the statement reads (as one glob over every folder would have: a month of
        // other files only is skipped, not an empty glob)
        TreeSet<String> months = new TreeSet<>();
        try (java.util.stream.Stream<Path> dirs = Files.list(landing.resolve("dossiers"))) {
            dirs.filter(d -> d.getFileName().toString().matches("date=\\d{4}-\\d{2}-\\d{2}") && hasJsonl(d))
                    .forEach(d -> months.add(d.getFileName().toString().substring(0, "date=YYYY-MM".length())));
        } catch (IOException e) {
            // no dossiers folder: one pass over the glob below, which matches nothing
        }
        if (months.isEmpty()) {
            months.add("date=");
        }
        boolean first = true;
        for (String month : months) {
            try (PreparedStatement set = c.prepareStatement("SET VARIABLE dossier_folders = ?")) {
                set.setString(1, month + "*");
                set.execute();
            }
            try (Statement s = c.createStatement()) {
                s.execute(first ? stmt : stmt.replace(SNAPSHOTS_TABLE, "insert into bench_snapshots"));
            }
            first = false;
        }
    }

    /** Whether a folder holds a data file of 10_landing.sql's dossier glob ({@code [^_.]*.jsonl}). */
    private static boolean hasJsonl(Path dir) {
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString())
                    .anyMatch(n -> n.endsWith(".jsonl") && !n.startsWith("_") && !n.startsWith("."));
        } catch (IOException e) {
            return false;
        }
    }

    /** Splits a SQL file into statements at a semicolon that ends a line; comment lines are dropped. */
    static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : sql.split("\n")) {
            if (line.strip().startsWith("--")) {
                continue;
            }
            cur.append(line).append('\n');
            if (line.stripTrailing().endsWith(";")) {
                String stmt = cur.toString().strip();
                out.add(stmt.substring(0, stmt.length() - 1));
                cur.setLength(0);
            }
        }
        if (!cur.toString().isBlank()) {
            out.add(cur.toString().strip());
        }
        return out;
    }

    static String text(String path) {
        try (InputStream in = Baseline.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /**
     * Attaches a baseline file (as base_kpi, base_priority, base_counts) and views the gold Parquet of a warehouse
     * as gold_kpi and gold_priority (province scope, yearly KPIs).
     */
    public static void attach(Connection c, Path baselineDb, Path warehouse) throws SQLException {
        String gold = warehouse.resolve("gold").toAbsolutePath().toString();
        try (Statement s = c.createStatement()) {
            s.execute("ATTACH " + literal(baselineDb.toAbsolutePath().toString()) + " AS base (READ_ONLY)");
            s.execute("CREATE OR REPLACE VIEW base_kpi AS SELECT * FROM base.base_kpi");
            s.execute("CREATE OR REPLACE VIEW base_priority AS SELECT * FROM base.base_priority");
            s.execute("CREATE OR REPLACE VIEW base_counts AS SELECT * FROM base.base_counts");
            s.execute("CREATE OR REPLACE VIEW gold_kpi AS SELECT * FROM read_parquet(" + literal(gold + "/kpi/*/*.parquet")
                    + ", hive_partitioning = true, hive_types = {'year': INTEGER}) WHERE period_type = 'Y' AND scope_type = 'province'");
            s.execute("CREATE OR REPLACE VIEW gold_priority AS SELECT * FROM read_parquet("
                    + literal(gold + "/procedure_priority/*/*.parquet")
                    + ", hive_partitioning = true, hive_types = {'year': INTEGER}) WHERE scope_type = 'province'");
        }
    }

    /**
     * Rows on which gold_kpi/base_kpi or gold_priority/base_priority disagree: a row on one side only, or any
     * compared column different (doubles beyond {@link #TOLERANCE}). One line per row naming the differing
     * columns with both values; empty = they agree.
     */
    public static List<String> differences(Connection c) throws SQLException {
        List<String> diffs = new ArrayList<>();
        compare("kpi", rows(c, "gold_kpi", KPI_KEY, KPI_COLUMNS), rows(c, "base_kpi", KPI_KEY, KPI_COLUMNS), KPI_COLUMNS, diffs);
        compare("priority", rows(c, "gold_priority", PRIORITY_KEY, PRIORITY_COLUMNS),
                rows(c, "base_priority", PRIORITY_KEY, PRIORITY_COLUMNS), PRIORITY_COLUMNS, diffs);
        return diffs;
    }

    /** How many rows each side holds: {gold kpi, base kpi, gold priority, base priority}. */
    public static long[] counts(Connection c) throws SQLException {
        long[] out = new long[4];
        String[] tables = {"gold_kpi", "base_kpi", "gold_priority", "base_priority"};
        try (Statement s = c.createStatement()) {
            for (int i = 0; i < tables.length; i++) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + tables[i])) {
                    rs.next();
                    out[i] = rs.getLong(1);
                }
            }
        }
        return out;
    }

    /** The baseline's landing counts per feed: {records read, accepted, quarantined, re-exports}. */
    public static Map<String, long[]> landingCounts(Connection c) throws SQLException {
        Map<String, long[]> out = new LinkedHashMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT feed, records_read, accepted, quarantined, re_exports FROM base_counts ORDER BY feed")) {
            while (rs.next()) {
                out.put(rs.getString(1), new long[]{rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)});
            }
        }
        return out;
    }

    private static Map<String, Map<String, Object>> rows(Connection c, String relation, List<String> key, List<String> columns)
            throws SQLException {
        List<String> all = new ArrayList<>(key);
        all.addAll(columns);
        Map<String, Map<String, Object>> out = new TreeMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + String.join(", ", all) + " FROM " + relation)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.put(md.getColumnLabel(i), rs.getObject(i));
                }
                StringBuilder k = new StringBuilder();
                for (String col : key) {
                    k.append(k.length() == 0 ? "" : " ").append(col).append('=').append(row.get(col));
                }
                if (out.put(k.toString(), row) != null) {
                    throw new IllegalStateException(relation + " has two rows for " + k);
                }
            }
        }
        return out;
    }

    private static void compare(String what, Map<String, Map<String, Object>> gold, Map<String, Map<String, Object>> base,
                                List<String> columns, List<String> out) {
        TreeMap<String, Boolean> keys = new TreeMap<>();
        gold.keySet().forEach(k -> keys.put(k, true));
        base.keySet().forEach(k -> keys.put(k, true));
        for (String k : keys.keySet()) {
            Map<String, Object> g = gold.get(k);
            Map<String, Object> b = base.get(k);
            if (g == null || b == null) {
                out.add(what + ": " + k + " only in " + (g == null ? "the baseline " + b : "gold " + g));
                continue;
            }
            StringBuilder line = new StringBuilder();
            for (String col : columns) {
                if (!same(g.get(col), b.get(col))) {
                    line.append("; ").append(col).append(": gold=").append(g.get(col)).append(" baseline=").append(b.get(col));
                }
            }
            if (line.length() > 0) {
                out.add(what + ": " + k + line);
            }
        }
    }

    static boolean same(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof Number x && b instanceof Number y) {
            if (a instanceof Double || a instanceof Float || b instanceof Double || b instanceof Float) {
                double p = x.doubleValue();
                double q = y.doubleValue();
                return Math.abs(p - q) <= TOLERANCE * Math.max(1.0, Math.max(Math.abs(p), Math.abs(q)));
            }
            return new java.math.BigDecimal(x.toString()).compareTo(new java.math.BigDecimal(y.toString())) == 0;
        }
        return Objects.equals(a.toString(), b.toString());
    }
}
