package vn.hoso.cli;

import picocli.CommandLine.Command;
import vn.hoso.config.Settings;
import vn.hoso.pipeline.Pipeline;
import vn.hoso.pipeline.RunRequest;
import vn.hoso.pipeline.StageState;

/** {@code hoso ingest}: landing files into silver; {@code hoso check} and {@code hoso marts} follow. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Stage 1: load landing files into the silver Parquet tables for --date, --from/--to or --full.")
public class IngestCommand extends StageCommand {
    @Override
    DryRun.Stage stage() {
        return DryRun.Stage.INGEST;
    }

    @Override
    void execute(Pipeline pipeline, RunRequest request, Settings settings) {
        StageState state = pipeline.ingest(request);
        System.out.print(Summary.ingest(state.runId(), state.request(), state.ingest(), settings));
        System.out.println("next: hoso check, then hoso marts, with the same dates");
    }
}
