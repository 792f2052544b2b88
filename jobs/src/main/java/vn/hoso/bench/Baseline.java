package vn.hoso.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Part (c) of the benchmark: {@code sql/bench/baseline.sql} run by DuckDB straight on the landing files,
 * and the comparison of its tables with the pipeline's gold Parquet.
 */
public final class Baseline {
    /** Province yearly KPIs the baseline computes (the dossier-feed-only core of METRICS.md). */
    public static final List<String> KPIS = List.of("received", "online_rate", "remote_rate", "assisted_rate",
            "online_payment_rate", "digitization_rate", "reuse_rate");

    private Baseline() {
    }

    /** Child-process entry: {@code Baseline <landing> <duckdb file>} builds base_kpi and base_priority there. */
    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[1]);
        Files.deleteIfExists(db);
        Files.deleteIfExists(Path.of(args[1] + ".wal"));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath())) {
            build(c, Path.of(args[0]));
            try (Statement s = c.createStatement()) {
                s.execute("drop table raw_dossiers");
            }
        }
    }

    /** Runs the baseline SQL on a connection: leaves base_facts, base_kpi and base_priority. */
    public static void build(Connection c, Path landing) throws SQLException {
        String sql = text("sql/bench/baseline.sql")
                .replace("${landing}", landing.toAbsolutePath().toString().replace("'", "''"));
        try (Statement s = c.createStatement()) {
            for (String stmt : statements(sql)) {
                s.execute(stmt);
            }
        }
    }

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

    /** Attaches the baseline file and views the gold Parquet as gold_kpi / gold_priority (province scope only). */
    public static void attach(Connection c, Path baselineDb, Path warehouse) throws SQLException {
        String gold = warehouse.resolve("gold").toAbsolutePath().toString().replace("'", "''");
        try (Statement s = c.createStatement()) {
            s.execute("attach '" + baselineDb.toAbsolutePath().toString().replace("'", "''") + "' as base (read_only)");
            s.execute("create or replace view base_kpi as select * from base.base_kpi");
            s.execute("create or replace view base_priority as select * from base.base_priority");
            s.execute("create or replace view gold_kpi as select period, kpi_code, numerator, denominator, value "
                    + "from read_parquet('" + gold + "/kpi/**/*.parquet', hive_partitioning = true, union_by_name = true) "
                    + "where period_type = 'Y' and scope_type = 'province' and kpi_code in ("
                    + String.join(", ", KPIS.stream().map(k -> "'" + k + "'").toList()) + ")");
            s.execute("create or replace view gold_priority as select cast(year as integer) as year, procedure_code, "
                    + "received, rank, share, cum_share, in_pareto_80, online_rate "
                    + "from read_parquet('" + gold + "/procedure_priority/**/*.parquet', hive_partitioning = true, union_by_name = true) "
                    + "where scope_type = 'province'");
        }
    }

    /**
     * Rows on which gold_kpi/base_kpi and gold_priority/base_priority disagree (missing on either side, a
     * different count, rank or flag, or a rate off by more than 1e-9), one line each; empty = they agree.
     */
    public static List<String> differences(Connection c) throws SQLException {
        List<String> diffs = new ArrayList<>();
        String kpi = """
                select coalesce(g.period, b.period) as period, coalesce(g.kpi_code, b.kpi_code) as kpi_code,
                       g.numerator as gold_num, b.numerator as base_num, g.denominator as gold_den, b.denominator as base_den,
                       g.value as gold_value, b.value as base_value
                from gold_kpi g full outer join base_kpi b on g.period = b.period and g.kpi_code = b.kpi_code
                where g.kpi_code is null or b.kpi_code is null
                   or g.numerator is distinct from b.numerator
                   or g.denominator is distinct from b.denominator
                   or (g.value is null) <> (b.value is null)
                   or abs(g.value - b.value) > 1e-9
                order by 1, 2""";
        String priority = """
                select coalesce(g.year, b.year) as year, coalesce(g.procedure_code, b.procedure_code) as procedure_code,
                       g.received as gold_received, b.received as base_received, g.rank as gold_rank, b.rank as base_rank,
                       g.share as gold_share, b.share as base_share, g.cum_share as gold_cum_share, b.cum_share as base_cum_share,
                       g.in_pareto_80 as gold_pareto, b.in_pareto_80 as base_pareto,
                       g.online_rate as gold_online_rate, b.online_rate as base_online_rate
                from gold_priority g full outer join base_priority b on g.year = b.year and g.procedure_code = b.procedure_code
                where g.procedure_code is null or b.procedure_code is null
                   or g.received is distinct from b.received or g.rank is distinct from b.rank
                   or g.in_pareto_80 is distinct from b.in_pareto_80
                   or abs(g.share - b.share) > 1e-9 or abs(g.cum_share - b.cum_share) > 1e-9
                   or (g.online_rate is null) <> (b.online_rate is null) or abs(g.online_rate - b.online_rate) > 1e-9
                order by 1, 2""";
        collect(c, "kpi", kpi, diffs);
        collect(c, "priority", priority, diffs);
        return diffs;
    }

    /** How many rows each side holds: {gold kpi, base kpi, gold priority, base priority}. */
    public static long[] counts(Connection c) throws SQLException {
        long[] out = new long[4];
        String[] tables = {"gold_kpi", "base_kpi", "gold_priority", "base_priority"};
        try (Statement s = c.createStatement()) {
            for (int i = 0; i < tables.length; i++) {
                try (ResultSet rs = s.executeQuery("select count(*) from " + tables[i])) {
                    rs.next();
                    out[i] = rs.getLong(1);
                }
            }
        }
        return out;
    }

    private static void collect(Connection c, String what, String sql, List<String> out) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder line = new StringBuilder(what).append(':');
                for (int i = 1; i <= n; i++) {
                    line.append(' ').append(rs.getMetaData().getColumnLabel(i)).append('=').append(rs.getObject(i));
                }
                out.add(line.toString());
            }
        }
    }
}
