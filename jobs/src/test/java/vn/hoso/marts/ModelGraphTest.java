package vn.hoso.marts;

import org.junit.jupiter.api.Test;
import vn.hoso.SparkTestBase;
import vn.hoso.io.ModelSpec;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The runner's checks, each failing with one clear message before anything runs: a cycle (named), an
 * input that is no model, a relation the SQL reads but the YAML does not declare (found in Spark's parse,
 * so a name in a comment or a CTE does not count), and parameters declared and used differently.
 */
class ModelGraphTest extends SparkTestBase {

    private static ModelSpec model(String name, String yaml) throws Exception {
        return ModelSpec.parse("sql/marts/" + name + ".yml",
                new ByteArrayInputStream(("name: " + name + "\n" + yaml).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aCycleIsNamed() throws Exception {
        List<ModelSpec> specs = List.of(model("a", "inputs: [c]"), model("b", "inputs: [a]"), model("c", "inputs: [b]"),
                model("d", "inputs: ['source:silver.units']"));
        assertThatThrownBy(() -> ModelGraph.of(specs))
                .hasMessage("the model graph has a cycle: a -> c -> b -> a");
    }

    @Test
    void modelsRunAfterTheirInputs() throws Exception {
        ModelGraph graph = ModelGraph.of(List.of(model("z", "inputs: ['source:silver.units']"), model("b", "inputs: [z]"),
                model("a", "inputs: [b, z]")));
        assertThat(graph.order()).extracting(ModelSpec::name).containsExactly("z", "b", "a");
        assertThat(graph.sources()).containsExactly("silver.units");
    }

    @Test
    void aMissingInputIsNamed() throws Exception {
        assertThatThrownBy(() -> ModelGraph.of(List.of(model("a", "inputs: [nowhere]"))))
                .hasMessageStartingWith("model a reads input nowhere, which is no model of this graph [a]");
    }

    @Test
    void anUndeclaredInputIsFoundInTheParsedSql() throws Exception {
        ModelSpec m = model("a", "inputs: ['source:silver.units']");
        String sql = "-- from silver_procedures (a comment is not read)\n"
                + "with units as (select * from silver_units), silver_feedback as (select 1 as x)\n"
                + "select * from units join silver_feedback on true "
                + "where exists (select 1 from silver_dossiers d where d.unit_code = units.unit_code)";
        assertThatThrownBy(() -> ModelGraph.of(List.of(m)).check(spark, m, sql))
                .hasMessage("model a reads [silver_dossiers] but does not declare it in inputs (sql/marts/a.yml)");
    }

    @Test
    void anInputTheSqlDoesNotReadIsNamed() throws Exception {
        ModelSpec m = model("a", "inputs: ['source:silver.units', 'source:silver.feedback']");
        assertThatThrownBy(() -> ModelGraph.of(List.of(m)).check(spark, m, "select * from silver_units"))
                .hasMessage("model a declares inputs [silver_feedback] its SQL does not read (sql/marts/a.yml)");
    }

    @Test
    void parametersMustBeDeclaredAndUsed() throws Exception {
        ModelSpec undeclared = model("a", "inputs: ['source:silver.units']\nparameters: [as_of]");
        String sql = "select * from silver_units where valid_from <= :as_of and unit_code = :province_code";
        assertThatThrownBy(() -> ModelGraph.of(List.of(undeclared)).check(spark, undeclared, sql))
                .hasMessage("model a uses parameters [:province_code] but does not declare them in parameters (sql/marts/a.yml)");
        ModelSpec unused = model("a", "inputs: ['source:silver.units']\nparameters: [as_of, province_code, min_n]");
        assertThatThrownBy(() -> ModelGraph.of(List.of(unused)).check(spark, unused, sql))
                .hasMessage("model a declares parameters [min_n] its SQL does not use (sql/marts/a.yml)");
    }

    @Test
    void aDeclaredParameterTheJobDoesNotGiveIsNamed() throws Exception {
        ModelSpec m = ModelSpec.all().get("int_processing_medians");
        ModelGraph graph = ModelGraph.of(List.copyOf(ModelSpec.all().values()));
        assertThatThrownBy(() -> graph.runModel(spark, m, Map.of("as_of", "2024-01-01")))
                .hasMessageStartingWith("model int_processing_medians declares parameter :province_code, which the job does not provide (it provides [as_of, ")
                .satisfies(e -> assertThat(e.getMessage().substring(e.getMessage().indexOf("provides ["))).doesNotContain("province_code"));
    }

    @Test
    void theShippedGraphIsConsistent() {
        ModelGraph graph = ModelGraph.load(MartsJob.LAYERS.toArray(String[]::new));
        for (ModelSpec m : graph.order()) {
            graph.check(spark, m, graph.sql(m));
        }
        assertThat(graph.order()).extracting(ModelSpec::name).contains("int_dossier_facts", "fct_kpi", "fct_procedure_priority");
    }
}
