package vn.hoso.cli;

import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import vn.hoso.config.Settings;
import vn.hoso.pipeline.Pipeline;
import vn.hoso.pipeline.RunRequest;
import vn.hoso.spark.Sessions;

import java.time.Clock;
import java.util.concurrent.Callable;

/** {@code hoso run}: every stage that exists, for one date, a range, or a full rebuild. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the pipeline (every stage) for --date, --from/--to or --full.")
public class RunCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    DateOptions dates;

    @Override
    public Integer call() {
        Settings settings = common.settings();
        RunRequest request = dates.request();
        settings.pseudonymiser();
        settings.requireLocalLanding();
        SparkSession spark = Sessions.create(settings.master(), settings.sparkConf());
        Pipeline.Outcome outcome = new Pipeline(spark, settings, Clock.systemUTC()).run(request);
        System.out.print(Summary.of(outcome, settings));
        return 0;
    }
}
