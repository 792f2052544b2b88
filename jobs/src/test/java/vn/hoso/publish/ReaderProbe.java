package vn.hoso.publish;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Properties;

/** An analyst in another process: holds a read-only connection, counts dossiers, waits, counts again. */
public final class ReaderProbe {
    public static void main(String[] args) throws Exception {
        Properties ro = new Properties();
        ro.setProperty("duckdb.read_only", "true");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + args[0], ro);
             BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            System.out.println(count(c));
            System.out.flush();
            in.readLine();
            System.out.println(count(c));
            System.out.flush();
        }
    }

    private static long count(Connection c) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery("select count(*) from dossiers")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
