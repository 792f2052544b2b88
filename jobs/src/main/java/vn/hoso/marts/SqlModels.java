package vn.hoso.marts;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
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

    /** Runs one model alone over the views bound now, binding the parameters it declares ({@link ModelGraph}). */
    public static Dataset<Row> run(SparkSession spark, String model, Map<String, Object> params) {
        return run(spark, model, params, KpiCatalog.all());
    }

    /** {@link #run(SparkSession, String, Map)} with another KPI registry (tests of registry entries). */
    public static Dataset<Row> run(SparkSession spark, String model, Map<String, Object> params, Map<String, KpiCatalog.Kpi> registry) {
        vn.hoso.io.ModelSpec spec = vn.hoso.io.ModelSpec.all().get(model);
        if (spec == null) {
            throw new IllegalStateException("no model named " + model + " under sql/<layer>/" + model + ".yml");
        }
        return ModelGraph.of(List.copyOf(vn.hoso.io.ModelSpec.all().values())).runModel(spark, spec, params, registry);
    }
}
