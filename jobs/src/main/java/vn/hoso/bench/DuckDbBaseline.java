package vn.hoso.bench;

import vn.hoso.marts.SqlModels;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stage (c) of {@code hoso bench}: the province priority list and the province's yearly KPIs computed straight
 * from the landing files by the DuckDB SQL of {@code sql/bench/} (no Spark, no silver). It writes
 * {@code priority.parquet}, {@code kpi.parquet} and {@code counts.parquet} to its output folder. The bench runs it
 * as a child process ({@link #main}) so that its wall time and peak RSS are its own.
 */
public final class DuckDbBaseline {
    /** The SQL files, run in this order in one connection. */
    public static final List<String> FILES = List.of("00_functions", "10_landing", "20_silver", "30_facts",
            "40_province_kpi", "50_province_priority");
    public static final String PRIORITY = "priority.parquet";
    public static final String KPI = "kpi.parquet";
    public static final String COUNTS = "counts.parquet";

    private DuckDbBaseline() {
    }

    /** {@code DuckDbBaseline LANDING OUT}: runs the baseline, prints the per-file timings and the counts. */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: DuckDbBaseline LANDING OUT");
            System.exit(2);
        }
        Result r = run(Path.of(args[0]), Path.of(args[1]), line -> System.err.println("baseline: " + line));
        System.out.println("baseline: " + r.priorityRows() + " priority rows, " + r.kpiRows() + " KPI rows; counts " + r.counts());
    }

    /** What the baseline read and wrote. */
    public record Result(Map<String, long[]> counts, long priorityRows, long kpiRows) {
        /** Records read over the dated feeds (dossier lines, rating and feedback rows). */
        public long recordsRead() {
            return counts.values().stream().mapToLong(c -> c[0]).sum();
        }
    }

    public static Result run(Path landing, Path out, java.util.function.Consumer<String> progress) throws SQLException {
        try {
            Files.createDirectories(out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create " + out, e);
        }
        Path tmp = out.resolve("duckdb_tmp");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
            try (Statement st = db.createStatement()) {
                st.execute("SET preserve_insertion_order = false");
                st.execute("SET temp_directory = " + literal(tmp.toAbsolutePath().toString()));
            }
            try (PreparedStatement set = db.prepareStatement("SET VARIABLE landing = ?")) {
                set.setString(1, landing.toAbsolutePath().normalize().toString());
                set.execute();
            }
            boolean civilServants = Files.exists(landing.resolve("catalog/civil_servants.csv"));
            for (String file : FILES) {
                long t0 = System.nanoTime();
                for (String sql : statements(SqlModels.text("sql/bench/" + file + ".sql"))) {
                    if (!civilServants && sql.contains("civil_servants.csv")) {
                        sql = "create or replace table bench_civil_servants as select cast(null as hugeint) as applicant_key where false";
                    }
                    try (Statement st = db.createStatement()) {
                        st.execute(sql);
                    }
                }
                progress.accept(String.format(java.util.Locale.ROOT, "%s.sql %.1f s", file, (System.nanoTime() - t0) / 1e9));
            }
            try (Statement st = db.createStatement()) {
                st.execute("COPY (select * from bench_province_priority order by year, rank) TO "
                        + literal(out.resolve(PRIORITY).toAbsolutePath().toString()) + " (FORMAT parquet)");
                st.execute("COPY (select * from bench_province_kpi order by year, kpi_code) TO "
                        + literal(out.resolve(KPI).toAbsolutePath().toString()) + " (FORMAT parquet)");
                st.execute("COPY (select * from bench_counts order by feed) TO "
                        + literal(out.resolve(COUNTS).toAbsolutePath().toString()) + " (FORMAT parquet)");
            }
            Map<String, long[]> counts = new LinkedHashMap<>();
            try (Statement st = db.createStatement();
                 ResultSet rs = st.executeQuery("select feed, records_read, accepted, quarantined, re_exports from bench_counts order by feed")) {
                while (rs.next()) {
                    counts.put(rs.getString(1), new long[]{rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)});
                }
            }
            return new Result(counts, count(db, "bench_province_priority"), count(db, "bench_province_kpi"));
        } finally {
            deleteTree(tmp);
        }
    }

    /** Reads the counts a child run wrote. */
    public static Map<String, long[]> readCounts(Path out) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("select feed, records_read, accepted, quarantined, re_exports from read_parquet("
                     + literal(out.resolve(COUNTS).toAbsolutePath().toString()) + ") order by feed")) {
            while (rs.next()) {
                counts.put(rs.getString(1), new long[]{rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)});
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the baseline's counts in " + out + ": " + e.getMessage(), e);
        }
        return counts;
    }

    /** Splits a SQL file into statements: at a semicolon that ends a line; comment lines are dropped. */
    static List<String> statements(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            if (line.strip().startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (line.stripTrailing().endsWith(";")) {
                String sql = current.toString().strip();
                out.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }

    private static long count(Connection db, String table) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A SQL string literal (for COPY targets and settings, which take no bound parameters). */
    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static void deleteTree(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (var walk = Files.walk(p)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (java.io.IOException e) {
            // a leftover temporary folder is harmless
        }
    }
}
