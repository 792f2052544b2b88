package vn.hoso.cli;

import picocli.CommandLine.Command;
import vn.hoso.config.Settings;
import vn.hoso.pipeline.Pipeline;
import vn.hoso.pipeline.RunRequest;

/** {@code hoso check}: the data-quality gate on what {@code hoso ingest} loaded for the same dates. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Stage 2: the data-quality gate (Deequ) on the ingest of --date, --from/--to or --full; exit 3 when it fails.")
public class CheckCommand extends StageCommand {
    @Override
    DryRun.Stage stage() {
        return DryRun.Stage.CHECK;
    }

    @Override
    void execute(Pipeline pipeline, RunRequest request, Settings settings) {
        System.out.print(pipeline.check(request).summary());
    }
}
