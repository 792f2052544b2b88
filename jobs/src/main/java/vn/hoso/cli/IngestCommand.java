package vn.hoso.cli;

import picocli.CommandLine.Command;

/** {@code hoso ingest}: the load into silver only (today the same stages as {@code run}). */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Load landing files into the silver Parquet tables for --date, --from/--to or --full.")
public class IngestCommand extends RunCommand {
}
