package vn.hoso.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

import java.util.Map;

/** The one place a SparkSession is configured. Job code receives the session; it never makes one. */
public final class Sessions {
    public static final String TIME_ZONE = vn.hoso.config.Constants.TIME_ZONE.getId();

    private Sessions() {
    }

    /**
     * @param master Spark master for local runs (e.g. {@code local[*]}); ignored when spark-submit set one
     * @param extra  further Spark settings from the config file
     */
    public static SparkSession create(String master, Map<String, String> extra) {
        SparkConf conf = new SparkConf().setAppName("hoso");
        if (!conf.contains("spark.master")) {
            conf.setMaster(master);
        }
        conf.setIfMissing("spark.ui.enabled", "false")
                .setIfMissing("spark.ui.showConsoleProgress", "false")
                .setIfMissing("spark.sql.shuffle.partitions", conf.get("spark.master").startsWith("local") ? "8" : "200")
                .setIfMissing("spark.sql.adaptive.enabled", "true")
                .set("spark.sql.session.timeZone", TIME_ZONE)
                .set("spark.sql.datetime.java8API.enabled", "true")
                .set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
                // times are proleptic Gregorian as java.time reads them; Spark's default EXCEPTION mode fails
                // the write of any instant before 1900-01-01T00:00Z, which the contract accepts (from 1900 local)
                .set("spark.sql.parquet.datetimeRebaseModeInWrite", "CORRECTED")
                .set("spark.sql.parquet.int96RebaseModeInWrite", "CORRECTED")
                .setIfMissing("spark.sql.parquet.compression.codec", "zstd")
                .setIfMissing("spark.driver.host", conf.get("spark.master").startsWith("local") ? "127.0.0.1" : "")
                .setIfMissing("spark.sql.sources.partitionColumnTypeInference.enabled", "false");
        if (conf.get("spark.driver.host").isEmpty()) {
            conf.remove("spark.driver.host");
        }
        extra.forEach(conf::set);
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }
}
