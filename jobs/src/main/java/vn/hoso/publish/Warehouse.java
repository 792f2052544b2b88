package vn.hoso.publish;

import vn.hoso.config.UserError;

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
import java.util.Map;

/**
 * A read-only session on the published DuckDB file. Writes are refused by DuckDB's read-only mode, and
 * external access (files, other databases) is switched off and locked, so a query can only read.
 * Parameters are DuckDB variables set with bound values: SQL files read them with getvariable('name').
 */
public final class Warehouse implements AutoCloseable {
    private final Connection db;

    /** A query's result: column names and rows. */
    public record Result(List<String> columns, List<List<Object>> rows) {
    }

    public Warehouse(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserError("no published warehouse at " + file + ": `hoso run` publishes one after each run"
                    + " (or `hoso publish` from an existing warehouse)");
        }
        try {
            java.util.Properties props = new java.util.Properties();
            props.setProperty("duckdb.read_only", "true");
            db = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), props);
            try (Statement st = db.createStatement()) {
                st.execute("SET enable_external_access = false");
                st.execute("SET lock_configuration = true");
            }
        } catch (SQLException e) {
            throw new UserError("cannot open " + file + " read-only: " + e.getMessage().split("\n")[0]);
        }
    }

    public Result query(String sql, Map<String, Object> params) {
        try {
            for (Map.Entry<String, Object> p : params.entrySet()) {
                if (!p.getKey().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw new UserError("bad parameter name '" + p.getKey() + "' (letters, digits and _)");
                }
                try (PreparedStatement st = db.prepareStatement("SET VARIABLE " + p.getKey() + " = ?")) {
                    st.setObject(1, p.getValue());
                    st.execute();
                }
            }
            try (Statement st = db.createStatement()) {
                if (!st.execute(sql)) {
                    return new Result(List.of("result"), List.of(List.of("ok")));
                }
                try (ResultSet rs = st.getResultSet()) {
                    ResultSetMetaData md = rs.getMetaData();
                    List<String> cols = new ArrayList<>();
                    for (int c = 1; c <= md.getColumnCount(); c++) {
                        cols.add(md.getColumnLabel(c));
                    }
                    List<List<Object>> rows = new ArrayList<>();
                    while (rs.next()) {
                        List<Object> row = new ArrayList<>();
                        for (int c = 1; c <= cols.size(); c++) {
                            row.add(rs.getObject(c));
                        }
                        rows.add(row);
                    }
                    return new Result(cols, rows);
                }
            }
        } catch (SQLException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage().split("\n")[0];
            if (msg.contains("read-only") || msg.contains("Permission Error") || msg.contains("lock_configuration")
                    || msg.contains("configuration has been locked")) {
                throw new UserError("refused: `hoso query` only reads the published warehouse (" + msg + ")");
            }
            throw new UserError("query failed: " + msg);
        }
    }

    /** Parses {@code name=value}: whole numbers become integers, the rest text. */
    public static Map<String, Object> params(List<String> pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new UserError("bad --param '" + pair + "': use name=value");
            }
            String value = pair.substring(eq + 1);
            out.put(pair.substring(0, eq), value.matches("-?\\d{1,9}") ? (Object) Integer.valueOf(value) : value);
        }
        return out;
    }

    @Override
    public void close() {
        try {
            db.close();
        } catch (SQLException e) {
            // a read-only session has nothing to lose on close
        }
    }
}
