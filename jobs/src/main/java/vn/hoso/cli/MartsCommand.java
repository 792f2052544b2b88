package vn.hoso.cli;

import picocli.CommandLine.Command;
import vn.hoso.config.Settings;
import vn.hoso.pipeline.Pipeline;
import vn.hoso.pipeline.RunRequest;

/** {@code hoso marts}: the gold tables and plan scorecards after a passed gate. */
@Command(name = "marts", mixinStandardHelpOptions = true,
        description = "Stage 3: the gold marts and plan scorecards for the checked ingest of --date, --from/--to or --full.")
public class MartsCommand extends StageCommand {
    @Override
    DryRun.Stage stage() {
        return DryRun.Stage.MARTS;
    }

    @Override
    void execute(Pipeline pipeline, RunRequest request, Settings settings) {
        Pipeline.Outcome o = pipeline.marts(request);
        System.out.println("marts of " + o.martYears().size() + " years " + o.martYears() + "; " + o.scorecard().size()
                + " scorecard lines; gold tables: " + settings.warehouse() + "/gold/<table>");
    }
}
