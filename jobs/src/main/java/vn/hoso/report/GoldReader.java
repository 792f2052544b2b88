package vn.hoso.report;

import vn.hoso.config.UserError;
import vn.hoso.io.TableFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads gold Parquet tables with an in-process DuckDB (no Spark start-up), for the terminal reports.
 * Parameters are bound, never spliced into the SQL.
 */
public final class GoldReader implements AutoCloseable {
    private final Connection db;
    private final Path warehouse;

    public GoldReader(Path warehouse) {
        this.warehouse = warehouse;
        try {
            db = DriverManager.getConnection("jdbc:duckdb:");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start DuckDB: " + e.getMessage(), e);
        }
    }

    /** Whether the warehouse has the gold table (an older warehouse lacks the tables added since). */
    public boolean has(String name) {
        return Files.isDirectory(warehouse.resolve("gold").resolve(name));
    }

    /** A {@code read_parquet(...)} expression for a gold table (partitioned by year or not). */
    public String table(String name) {
        Path dir = warehouse.resolve("gold").resolve(name);
        if (!Files.isDirectory(dir)) {
            throw new UserError("no " + name + " table under " + warehouse + "/gold: run `hoso run` first");
        }
        // without the warehouse lock a reader must not complete a swap itself (the writer may be doing it now)
        if (TableFiles.local(warehouse).unfinished(new org.apache.hadoop.fs.Path(dir.toAbsolutePath().toUri()))) {
            throw new UserError("gold/" + name + " in " + warehouse + " is being replaced by a run, or a killed run left"
                    + " its swap unfinished: retry when the run is done (the next writing command, e.g. `hoso publish`,"
                    + " completes an interrupted one)");
        }
        String[] years = dir.toFile().list((d, n) -> n.startsWith("year="));
        boolean partitioned = years != null && years.length > 0;
        String glob = dir.toAbsolutePath() + (partitioned ? "/*/*.parquet" : "/*.parquet");
        return "read_parquet('" + glob.replace("'", "''") + "'" + (partitioned ? ", hive_partitioning = true, hive_types = {'year': INTEGER}" : "") + ")";
    }

    public List<Map<String, Object>> query(String sql, Object... params) {
        try (PreparedStatement st = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= md.getColumnCount(); c++) {
                        row.put(md.getColumnLabel(c), rs.getObject(c));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + e.getMessage().split("\n")[0], e);
        }
    }

    @Override
    public void close() {
        try {
            db.close();
        } catch (SQLException e) {
            // closing an in-memory database cannot lose anything
        }
    }
}
