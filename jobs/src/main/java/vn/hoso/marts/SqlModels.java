package vn.hoso.marts;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Runs the SQL models of {@code sql/} (on the classpath) with bound parameters; values are never spliced in. */
public final class SqlModels {
    private SqlModels() {
    }

    public static String text(String path) {
        try (InputStream in = SqlModels.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("SQL model missing from the classpath: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** Runs {@code sql/marts/<model>.sql}, binding only the parameters the text uses. */
    public static Dataset<Row> run(SparkSession spark, String model, Map<String, Object> params) {
        String sql = text("sql/marts/" + model + ".sql");
        Map<String, Object> used = new java.util.HashMap<>();
        params.forEach((k, v) -> {
            if (sql.contains(":" + k)) {
                used.put(k, v);
            }
        });
        spark.sparkContext().setJobDescription("marts: " + model);
        return spark.sql(sql, used);
    }
}
