package vn.hoso.cli;

import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import vn.hoso.config.Settings;
import vn.hoso.pipeline.Pipeline;
import vn.hoso.pipeline.RunRequest;
import vn.hoso.publish.PublishJob;
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
        publish(settings);
        return 0;
    }

    /** The last stage: the analysts' DuckDB file, for a warehouse on this machine. */
    static void publish(Settings settings) {
        if (settings.warehouse().matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") && !settings.warehouse().startsWith("file:")) {
            System.out.println("not published: DuckDB publishing needs a local warehouse, not " + settings.warehouse());
            return;
        }
        java.nio.file.Path wh = java.nio.file.Path.of(settings.warehouse().replaceFirst("^file:(//)?", ""));
        java.nio.file.Path db = new PublishJob(wh, PublishJob.defaultTarget(wh)).publish(table -> { });
        System.out.println("published for analysts: " + db + "  (./hoso query \"select * from warehouse_info\")");
    }
}
