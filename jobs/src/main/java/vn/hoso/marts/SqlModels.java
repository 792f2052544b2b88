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

    /** Runs one model alone over the views bound now, binding the parameters it declares ({@link ModelGraph}). */
    public static Dataset<Row> run(SparkSession spark, String model, Map<String, Object> params) {
        vn.hoso.io.ModelSpec spec = vn.hoso.io.ModelSpec.all().get(model);
        if (spec == null) {
            throw new IllegalStateException("no model named " + model + " under sql/<layer>/" + model + ".yml");
        }
        return ModelGraph.of(List.copyOf(vn.hoso.io.ModelSpec.all().values())).runModel(spark, spec, params);
    }
}
