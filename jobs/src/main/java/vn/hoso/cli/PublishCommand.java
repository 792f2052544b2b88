package vn.hoso.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.hoso.publish.PublishJob;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code hoso publish}: (re)build the analysts' DuckDB file from the warehouse. */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = "Build the analysts' DuckDB file from the warehouse's Parquet and swap it in atomically.")
public class PublishCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--db", paramLabel = "FILE", description = "The DuckDB file. Default: hoso.duckdb in the warehouse.")
    Path db;

    @Override
    public Integer call() {
        Path warehouse = Path.of(common.settings().warehouse());
        Path target = db != null ? db : PublishJob.defaultTarget(warehouse);
        new PublishJob(warehouse, target).publish(table -> { });
        spec.commandLine().getOut().println("published " + target.toAbsolutePath());
        return 0;
    }
}
