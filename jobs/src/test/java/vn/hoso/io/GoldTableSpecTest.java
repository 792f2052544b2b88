package vn.hoso.io;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gold tables are defined by the YAML of the model that stores them; the published definition must be
 * exactly the one the hand-kept JSON gave (a frozen copy in test resources): columns, order, types,
 * nullability, labels, descriptions, key, grain and partitioning, and so the Spark schema with its metadata.
 */
class GoldTableSpecTest {
    @ParameterizedTest
    @ValueSource(strings = {"kpi", "procedure_priority", "processing_time_comparison", "catalog_coverage", "plan_scorecard"})
    void theModelYamlDefinesTheTableAsTheJsonDid(String table) throws Exception {
        TableSpec before;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("gold-tables-before/" + table + ".json")) {
            before = TableSpec.fromJson("gold", in);
        }
        TableSpec now = TableSpec.load("gold", table);
        assertThat(ModelSpec.storedAs("gold", table)).as("a model YAML stores gold.%s", table).isPresent();
        assertThat(now).isEqualTo(before);
        assertThat(now.sparkSchema()).isEqualTo(before.sparkSchema());
        assertThat(now.sparkSchema().json()).isEqualTo(before.sparkSchema().json());
    }
}
