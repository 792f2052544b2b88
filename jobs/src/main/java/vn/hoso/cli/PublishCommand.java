package vn.hoso.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.hoso.config.Settings;
import vn.hoso.config.UserError;
import vn.hoso.io.WarehouseLock;
import vn.hoso.pipeline.Pipeline;
import vn.hoso.publish.PublishJob;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.Callable;

/** {@code hoso publish}: (re)build the analysts' DuckDB file from the warehouse. */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = "Stage 4: build the analysts' DuckDB file from the warehouse's Parquet and swap it in atomically.")
public class PublishCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--db", paramLabel = "FILE", description = "The DuckDB file. Default: hoso.duckdb in the warehouse.")
    Path db;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "The run date, for schedulers that pass one to every stage; only reported (publish takes the whole warehouse).")
    LocalDate date;

    @Option(names = "--dry-run", description = "Validate the arguments and paths, print the plan, and exit without publishing.")
    boolean dryRun;

    @Override
    public Integer call() {
        Settings settings = common.settings();
        if (dryRun) {
            spec.commandLine().getOut().print(DryRun.plan(DryRun.Stage.PUBLISH, settings, null));
            spec.commandLine().getOut().flush();
            return 0;
        }
        if (!settings.localWarehouse()) {
            throw new UserError("publishing to DuckDB needs a local warehouse, not " + settings.warehouse());
        }
        Path warehouse = settings.localWarehousePath();
        Path target = db != null ? db : PublishJob.defaultTarget(warehouse);
        // before the lock, which would create the folder
        PublishJob.requireWarehouse(warehouse);
        try (WarehouseLock lock = WarehouseLock.acquire(settings.warehouse(), settings.sparkConf(),
                Pipeline.newRunId(Instant.now(), "publish"), "hoso publish")) {
            new PublishJob(warehouse, target, settings.duckdbStorageVersion()).publish(table -> { });
        }
        spec.commandLine().getOut().println("published " + target.toAbsolutePath() + (date == null ? "" : " (run date " + date + ")"));
        return 0;
    }
}
