import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compares two published hoso.duckdb files table by table, in DuckDB (both attached read-only): the same
 * tables, the same row counts, and no row of one missing from the other (EXCEPT ALL both ways, so
 * duplicates count too). Exit 0 when equal, 1 with one line per difference otherwise.
 *
 * <p>Run ids ({@code <UTC time>-<mode>-<random>}) and wall-clock times differ between any two runs of the same
 * data, so those columns are left out; rows that carry a run id are tied to their run by its deterministic
 * identity (mode, run_date) instead:
 * <ul>
 *   <li>runs: run_id, started_at, finished_at</li>
 *   <li>run_feeds, dq_results: run_id, replaced by the run's mode and run_date</li>
 *   <li>warehouse_info: published_at, last_run_id</li>
 * </ul>
 *
 * <p>Usage: {@code java -cp duckdb_jdbc.jar ops/cluster/CompareWarehouses.java A.duckdb B.duckdb}
 */
public final class CompareWarehouses {
    /** The rows compared per table, for tables with run-dependent columns; %s is the attached database. */
    private static final Map<String, String> PROJECTIONS = Map.of(
            "runs", "select * exclude (run_id, started_at, finished_at) from %s.runs t",
            "run_feeds", "select r.mode, r.run_date, t.* exclude (run_id) from %s.run_feeds t left join %s.runs r on r.run_id = t.run_id",
            "dq_results", "select r.mode, r.run_date as run_of, t.* exclude (run_id) from %s.dq_results t left join %s.runs r on r.run_id = t.run_id",
            "warehouse_info", "select * exclude (published_at, last_run_id) from %s.warehouse_info t");

    public static void main(String[] args) throws SQLException {
        if (args.length != 2) {
            System.err.println("usage: CompareWarehouses A.duckdb B.duckdb");
            System.exit(2);
        }
        List<String> diffs = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            st.execute("ATTACH '" + args[0].replace("'", "''") + "' AS a (READ_ONLY)");
            st.execute("ATTACH '" + args[1].replace("'", "''") + "' AS b (READ_ONLY)");
            TreeSet<String> a = tables(st, "a");
            TreeSet<String> b = tables(st, "b");
            if (!a.equals(b)) {
                diffs.add("different tables: " + a + " vs " + b);
            }
            if (a.isEmpty()) {
                diffs.add("no tables in " + args[0]);
            }
            for (String table : a) {
                if (!b.contains(table)) {
                    continue;
                }
                String pa = rows(table, "a");
                String pb = rows(table, "b");
                long na = count(st, "select count(*) from (" + pa + ")");
                long nb = count(st, "select count(*) from (" + pb + ")");
                long onlyA = count(st, "select count(*) from (" + pa + " except all " + pb + ")");
                long onlyB = count(st, "select count(*) from (" + pb + " except all " + pa + ")");
                String line = String.format("%-28s %8d rows  %8d rows  only in A %d, only in B %d%s", table, na, nb, onlyA, onlyB,
                        PROJECTIONS.containsKey(table) ? "  (deterministic columns)" : "");
                System.out.println(line);
                if (na != nb || onlyA != 0 || onlyB != 0) {
                    diffs.add(line);
                }
            }
        }
        if (!diffs.isEmpty()) {
            System.err.println("the warehouses differ:");
            diffs.forEach(d -> System.err.println("  " + d));
            System.exit(1);
        }
        System.out.println("equal: every table, EXCEPT ALL both ways");
    }

    private static String rows(String table, String db) {
        String p = PROJECTIONS.get(table);
        return p == null ? "select * from " + db + "." + table : p.replace("%s", db);
    }

    private static TreeSet<String> tables(Statement st, String db) throws SQLException {
        TreeSet<String> out = new TreeSet<>();
        try (ResultSet rs = st.executeQuery("select table_name from duckdb_tables() where database_name = '" + db + "'")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static long count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
