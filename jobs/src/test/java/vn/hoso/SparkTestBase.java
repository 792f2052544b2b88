package vn.hoso;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import vn.hoso.spark.Sessions;

import java.util.Map;

/**
 * One local SparkSession for the whole test JVM (local[2], UI off, few shuffle partitions, Vietnam
 * time zone), made by the same factory as production so tests run the real configuration.
 */
public abstract class SparkTestBase {
    protected static SparkSession spark;

    @BeforeAll
    public static void startSpark() {
        if (spark == null) {
            spark = Sessions.create("local[2]", Map.of(
                    "spark.sql.shuffle.partitions", "2",
                    "spark.default.parallelism", "2",
                    "spark.sql.adaptive.coalescePartitions.initialPartitionNum", "2"));
        }
    }
}
