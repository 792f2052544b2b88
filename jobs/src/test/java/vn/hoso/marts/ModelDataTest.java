package vn.hoso.marts;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vn.hoso.SparkTestBase;
import vn.hoso.io.ModelSpec;
import vn.hoso.io.TableSpec;
import vn.hoso.io.TableStore;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The model contracts on data: the whole graph of sql/intermediate and sql/marts runs on the hand fixture of
 * {@link MartsTest} (its silver), then every declared key is unique and never null, and every YAML's columns
 * are the model's output columns with the declared types.
 */
class ModelDataTest extends SparkTestBase {
    private static ModelGraph graph;
    private static Map<String, Dataset<Row>> results;

    @BeforeAll
    static void runGraph() throws Exception {
        MartsTest.runOnce();
        MartsJob job = new MartsJob(spark, new TableStore(spark, MartsTest.wh.toString()), MartsJob.Config.defaults());
        graph = ModelGraph.load(MartsJob.LAYERS.toArray(String[]::new));
        results = job.compute(graph, LocalDate.of(2024, 7, 10), new TreeSet<>(List.of(2023, 2024))).byModel();
    }

    static List<String> keyed() {
        return ModelGraph.load(MartsJob.LAYERS.toArray(String[]::new)).order().stream()
                .filter(m -> !m.key().isEmpty()).map(ModelSpec::name).toList();
    }

    static List<String> models() {
        return ModelGraph.load(MartsJob.LAYERS.toArray(String[]::new)).order().stream().map(ModelSpec::name).toList();
    }

    @ParameterizedTest
    @MethodSource("keyed")
    void keyIsUniqueAndNotNull(String model) {
        ModelSpec m = ModelSpec.all().get(model);
        Dataset<Row> rows = results.get(model);
        Assumptions.assumeTrue(!rows.isEmpty(), model + " has no rows on this fixture: its golden test checks its key");
        assertKey(m, rows);
    }

    /** The tables computed in Java (the YAML only defines them): their key on the fixture's gold. */
    @org.junit.jupiter.api.Test
    void keysOfTheTablesComputedInJava() {
        List<ModelSpec> java = ModelSpec.all().values().stream().filter(m -> m.computedIn() != null).toList();
        assertThat(java).extracting(ModelSpec::name).contains("fct_plan_scorecard");
        for (ModelSpec m : java) {
            Dataset<Row> rows = new TableStore(spark, MartsTest.wh.toString()).readOrEmpty(TableSpec.load(m.table().layer(), m.table().name()));
            assertThat(rows.isEmpty()).as("%s has rows on the fixture", m.name()).isFalse();
            assertKey(m, rows);
        }
    }

    /** The model's declared key is never null and unique on {@code rows}. */
    static void assertKey(ModelSpec m, Dataset<Row> rows) {
        long total = rows.count();
        for (String k : m.key()) {
            assertThat(rows.where(col(k).isNull()).count()).as("%s: rows with a null %s", m.name(), k).isZero();
        }
        long distinct = rows.select(m.key().stream().map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new))
                .distinct().count();
        assertThat(distinct).as("%s: key %s is unique", m.name(), m.key()).isEqualTo(total);
    }

    @ParameterizedTest
    @MethodSource("models")
    void yamlColumnsAreTheOutput(String model) {
        ModelSpec m = ModelSpec.all().get(model);
        Dataset<Row> rows = results.get(model);
        List<String> declared = new ArrayList<>();
        for (TableSpec.Column c : m.columns()) {
            declared.add(c.name() + " " + TableSpec.sparkType(c.type()).simpleString());
        }
        List<String> actual = new ArrayList<>();
        for (StructField f : rows.schema().fields()) {
            actual.add(f.name() + " " + f.dataType().simpleString());
        }
        if (m.table() == null) {
            assertThat(declared).as("%s: the YAML's columns in order, with the output's types", model).isEqualTo(actual);
        } else {
            // a stored model may carry working columns the table does not keep (the writer selects the table's)
            assertThat(actual).as("%s: every stored column, with the output's type", model).containsAll(declared);
        }
    }
}
