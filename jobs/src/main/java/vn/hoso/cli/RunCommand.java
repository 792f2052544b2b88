package vn.hoso.cli;

import picocli.CommandLine.Command;
import vn.hoso.config.Settings;
import vn.hoso.pipeline.Pipeline;
import vn.hoso.pipeline.RunRequest;
import vn.hoso.publish.PublishJob;

/** {@code hoso run}: every stage, for one date, a range, or a full rebuild, then the DuckDB publish. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run every stage (ingest, check, marts, publish) for --date, --from/--to or --full.")
public class RunCommand extends StageCommand {
    @Override
    DryRun.Stage stage() {
        return DryRun.Stage.RUN;
    }

    @Override
    void execute(Pipeline pipeline, RunRequest request, Settings settings) {
        Pipeline.Outcome outcome = pipeline.run(request);
        System.out.print(Summary.of(outcome, settings));
        publish(settings);
    }

    /** The last stage: the analysts' DuckDB file, for a warehouse on this machine. */
    public static void publish(Settings settings) {
        if (!settings.localWarehouse()) {
            System.out.println("not published: DuckDB publishing needs a local warehouse, not " + settings.warehouse());
            return;
        }
        java.nio.file.Path wh = settings.localWarehousePath();
        java.nio.file.Path db = new PublishJob(wh, PublishJob.defaultTarget(wh), settings.duckdbStorageVersion()).publish(table -> { });
        System.out.println("published for analysts: " + db + "  (./hoso query \"select * from warehouse_info\")");
    }
}
