package vn.hoso.marts;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Runs the SQL models of {@code sql/} (on the classpath) with bound parameters; values are never spliced in.
 * A model's {@code {{ marker }}} lines are expanded from the KPI registry ({@link KpiSql}) as it is read, and
 * the constants of {@code sql/constants.yml} are bound beside the caller's parameters.
 */
public final class SqlModels {
    private SqlModels() {
    }

    /** The model's text with its KPI markers expanded from {@code sql/kpis.yml}. */
    public static String text(String path) {
        return text(path, KpiCatalog.all());
    }

    /** The model's text with its KPI markers expanded from {@code registry}. */
    public static String text(String path, Map<String, KpiCatalog.Kpi> registry) {
        return KpiSql.expand(raw(path), registry, path);
    }

    private static String raw(String path) {
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
        return run(spark, model, params, KpiCatalog.all());
    }

    /** {@link #run(SparkSession, String, Map)} with another KPI registry (tests of registry entries). */
    public static Dataset<Row> run(SparkSession spark, String model, Map<String, Object> params, Map<String, KpiCatalog.Kpi> registry) {
        String sql = text("sql/marts/" + model + ".sql", registry);
        spark.sparkContext().setJobDescription("marts: " + model);
        return spark.sql(sql, parameters(sql, params));
    }

    /** The constants of sql/constants.yml and then {@code params}, restricted to the :names {@code sql} uses. */
    public static Map<String, Object> parameters(String sql, Map<String, Object> params) {
        Map<String, Object> all = new java.util.HashMap<>(vn.hoso.config.Constants.sqlParameters());
        all.putAll(params);
        Map<String, Object> used = new java.util.HashMap<>();
        all.forEach((k, v) -> {
            if (sql.contains(":" + k)) {
                used.put(k, v);
            }
        });
        return used;
    }
}
