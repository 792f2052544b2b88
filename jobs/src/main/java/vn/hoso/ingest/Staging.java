package vn.hoso.ingest;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import vn.hoso.io.TableSpec;
import vn.hoso.marts.SqlModels;

import java.util.Arrays;

/**
 * Runs a feed's staging model, {@code sql/staging/stg_<feed>.sql}, over its parsed rows bound as
 * {@code source:parsed.<feed>} (the view {@code parsed_<feed>}): the contract's names become silver's names and types there, and nowhere in Java.
 * Every staging model passes the reader's lineage and rejection columns ({@link FeedReader#LINEAGE}) through.
 */
final class Staging {
    private Staging() {
    }

    static Dataset<Row> run(SparkSession spark, String feed, Dataset<Row> parsed) {
        // the model's source:parsed.<feed>, read in its SQL as parsed_<feed>
        parsed.createOrReplaceTempView("parsed_" + feed);
        return SqlModels.run(spark, "stg_" + feed, java.util.Map.of());
    }

    /** The accepted rows of a staged feed, in the columns of a silver table that are in the staged rows. */
    static Dataset<Row> accepted(Dataset<Row> staged, TableSpec silver) {
        java.util.Set<String> have = new java.util.HashSet<>(Arrays.asList(staged.columns()));
        Column[] columns = Arrays.stream(silver.sparkSchema().fields()).map(StructField::name).filter(have::contains)
                .map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
        return staged.where(org.apache.spark.sql.functions.col("reason_code").isNull()).select(columns);
    }
}
