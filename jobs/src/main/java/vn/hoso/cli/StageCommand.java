package vn.hoso.cli;

import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.hoso.config.Settings;
import vn.hoso.io.WarehouseLock;
import vn.hoso.pipeline.Pipeline;
import vn.hoso.pipeline.RunRequest;
import vn.hoso.spark.Sessions;

import java.time.Clock;
import java.util.concurrent.Callable;

/**
 * A pipeline stage for one date, a range or a full rebuild: {@code ingest}, {@code check}, {@code marts}, or all of
 * them ({@code run}). With {@code --dry-run} it validates and prints the plan without starting Spark.
 */
abstract class StageCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    DateOptions dates;

    @Option(names = "--dry-run", description = "Validate the arguments, paths and inputs, print the plan, and exit without starting Spark.")
    boolean dryRun;

    /** The stage's name in messages and in the dry-run plan. */
    abstract DryRun.Stage stage();

    /** Runs the stage on a started pipeline. */
    abstract void execute(Pipeline pipeline, RunRequest request, Settings settings);

    @Override
    public final Integer call() {
        Settings settings = common.settings();
        RunRequest request = dates.request();
        if (stage().needsSecret()) {
            settings.pseudonymiser();
        }
        if (stage().readsLanding()) {
            settings.requireLocalLanding();
        }
        if (dryRun) {
            System.out.print(DryRun.plan(stage(), settings, request));
            return 0;
        }
        String kind = stage() == DryRun.Stage.RUN || stage() == DryRun.Stage.INGEST ? request.mode().label() : stage().command;
        String runId = Pipeline.newRunId(Clock.systemUTC().instant(), kind);
        try (WarehouseLock lock = WarehouseLock.acquire(settings.warehouse(), settings.sparkConf(), runId,
                "hoso " + stage().command + " " + request.describe())) {
            SparkSession spark = Sessions.create(settings.master(), settings.sparkConf());
            execute(new Pipeline(spark, settings, Clock.systemUTC()).withRunId(runId), request, settings);
        }
        return 0;
    }
}
