package vn.hoso.tools;

import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.hoso.cli.RunCommand;
import vn.hoso.cli.Summary;
import vn.hoso.config.Settings;
import vn.hoso.generate.Generator;
import vn.hoso.io.WarehouseLock;
import vn.hoso.generate.GeneratorConfig;
import vn.hoso.pipeline.Pipeline;
import vn.hoso.pipeline.RunRequest;
import vn.hoso.spark.Sessions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

/** {@code hoso demo}: generate a sample (once) and run the whole pipeline on it, with the demo secret. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Generate a sample province into DIR/landing (if absent) and run every stage into DIR/warehouse.")
public class DemoCommand implements Callable<Integer> {
    @Option(names = "--dir", defaultValue = "demo", description = "Demo folder (default ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--dossiers", defaultValue = "20000", description = "Sample size (default ${DEFAULT-VALUE}).")
    long dossiers;

    @Override
    public Integer call() {
        Path landing = dir.resolve("landing");
        if (!Files.exists(landing.resolve("catalog/procedures.csv"))) {
            Generator.generate(new GeneratorConfig(landing, 2023, 2025, dossiers, 42, 0.002, false, null),
                    line -> System.err.println("generate: " + line));
        }
        Settings settings = Settings.local(landing.toString(), dir.resolve("warehouse").toString(), null, true);
        String runId = Pipeline.newRunId(Clock.systemUTC().instant(), "full");
        try (WarehouseLock lock = WarehouseLock.acquire(settings.warehouse(), settings.sparkConf(), runId, "hoso demo")) {
            SparkSession spark = Sessions.create(settings.master(), settings.sparkConf());
            Pipeline.Outcome outcome = new Pipeline(spark, settings, Clock.systemUTC()).withRunId(runId).run(RunRequest.full());
            System.out.print(Summary.of(outcome, settings));
            RunCommand.publish(settings);
        }
        System.out.println("next: ./hoso priority --warehouse " + settings.warehouse() + " --year 2024"
                + "   |   ./hoso scorecard --warehouse " + settings.warehouse() + " --plan binh-dinh --year 2025");
        return 0;
    }
}
