package vn.hoso.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.hoso.config.UserError;
import vn.hoso.publish.PublishJob;
import vn.hoso.publish.Warehouse;
import vn.hoso.report.Period;
import vn.hoso.report.ReportData;
import vn.hoso.report.ReportWriter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code hoso report}: the office's report of a period as an Excel workbook, an HTML page and a PDF. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write the office report (báo cáo định kỳ) of a period, for the province or one unit, as xlsx, html and pdf.")
public class ReportCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--period", required = true, paramLabel = "PERIOD",
            description = "2025-09 (month), 2025-Q3 (quarter), 2025 (year) or 2025-YTD-09 (1 January to 30 September).")
    String period;

    @Option(names = "--unit", paramLabel = "CODE", description = "A unit's report instead of the province's.")
    String unit;

    @Option(names = "--current", description = "With --unit or --all-units: the unit as it is today (after mergers), not as it was.")
    boolean current;

    @Option(names = "--all-units", description = "The province's report and one per unit with data in the period (the monthly schedule).")
    boolean allUnits;

    @Option(names = "--format", defaultValue = "xlsx,html,pdf", description = "Comma-separated: xlsx, html, pdf (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder of the files. Default: reports/PERIOD in the warehouse.")
    Path out;

    @Option(names = "--db", paramLabel = "FILE", description = "The published DuckDB file. Default: hoso.duckdb in the warehouse.")
    Path db;

    @Option(names = "--dry-run", description = "Validate the arguments and print what would be written, without reading or writing anything.")
    boolean dryRun;

    @Override
    public Integer call() {
        Period p = Period.parse(period);
        List<String> formats = ReportWriter.formats(format);
        if (unit != null && allUnits) {
            throw new UserError("--unit and --all-units exclude each other");
        }
        if (current && unit == null && !allUnits) {
            throw new UserError("--current needs --unit or --all-units");
        }
        Path warehouse = Path.of(common.settings().warehouse());
        Path file = db != null ? db : PublishJob.defaultTarget(warehouse);
        Path dir = out != null ? out : warehouse.resolve("reports").resolve(p.name());
        if (dryRun) {
            var o = spec.commandLine().getOut();
            o.println("dry run of hoso report: period " + p.name() + " (" + p.fullLabelVi() + "), "
                    + (allUnits ? "the province and every unit" : unit == null ? "the province" : "unit " + unit)
                    + (current ? " as it is today" : "") + ", " + String.join(",", formats) + "; nothing was written");
            o.println("published file: " + file + (java.nio.file.Files.isRegularFile(file) ? "" : " (not there yet: publish writes it)"));
            o.println("output folder:  " + dir);
            return 0;
        }
        try (Warehouse wh = new Warehouse(file)) {
            List<String> units = new ArrayList<>();
            units.add(unit);
            if (allUnits) {
                units.addAll(ReportWriter.unitsWithData(wh, p, current));
            }
            // the first report (the province's, or the unit asked for) checks the period and the unit before any file is written
            for (String u : units) {
                Map<String, byte[]> files = ReportWriter.render(ReportData.read(wh, p, u, current), formats);
                for (Path f : ReportWriter.write(dir, files)) {
                    spec.commandLine().getOut().println(f);
                }
            }
        }
        return 0;
    }
}
