package vn.hoso.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.github.freva.asciitable.AsciiTable;
import com.github.freva.asciitable.Column;
import com.github.freva.asciitable.HorizontalAlign;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.hoso.config.UserError;
import vn.hoso.publish.PublishJob;
import vn.hoso.publish.Warehouse;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code hoso query}: SQL on the published warehouse, read-only. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Run SQL on the published DuckDB warehouse (read-only) and print the result.")
public class QueryCommand implements Callable<Integer> {
    enum Format { table, csv, json }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(arity = "0..1", paramLabel = "SQL", description = "The statement (or use --file).")
    String sql;

    @Option(names = "--file", paramLabel = "FILE", description = "Read the statement from a file, e.g. sql/analyst/priority_list.sql.")
    Path file;

    @Option(names = "--param", paramLabel = "NAME=VALUE", description = "A parameter, read in SQL as getvariable('NAME'). Repeatable.")
    List<String> params = new ArrayList<>();

    @Option(names = "--format", defaultValue = "table", description = "table, csv or json (default ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--db", paramLabel = "FILE", description = "The DuckDB file. Default: hoso.duckdb in the warehouse.")
    Path db;

    @Override
    public Integer call() throws IOException {
        if ((sql == null) == (file == null)) {
            throw new UserError("give either a SQL statement or --file, not both or neither");
        }
        String text = file != null ? Files.readString(file) : sql;
        Path target = db != null ? db : PublishJob.defaultTarget(Path.of(common.settings().warehouse()));
        try (Warehouse w = new Warehouse(target)) {
            Warehouse.Result r = w.query(text, Warehouse.params(params));
            PrintWriter out = spec.commandLine().getOut();
            out.print(render(r, format));
            out.flush();
        }
        return 0;
    }

    static String render(Warehouse.Result r, Format format) throws IOException {
        return switch (format) {
            case table -> table(r) + "\n(" + r.rows().size() + " rows)\n";
            case csv -> {
                CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
                r.columns().forEach(schema::addColumn);
                List<List<Object>> rows = r.rows().stream().map(row -> row.stream().map(QueryCommand::wallClock).toList()).toList();
                yield javaTime(new CsvMapper()).writer(schema.build()).writeValueAsString(rows);
            }
            case json -> {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (List<Object> row : r.rows()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    for (int i = 0; i < r.columns().size(); i++) {
                        Object v = wallClock(row.get(i));
                        m.put(r.columns().get(i), v instanceof Number || v instanceof Boolean || v instanceof TemporalAccessor
                                || v == null ? v : v.toString());
                    }
                    rows.add(m);
                }
                yield javaTime(new ObjectMapper()).enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rows) + "\n";
            }
        };
    }

    /**
     * The JDBC driver gives java.sql dates and timestamps, made in the JVM's time zone from the stored wall-clock
     * value; back to that value, so the output does not depend on the host's zone.
     */
    private static Object wallClock(Object v) {
        return v instanceof java.sql.Timestamp t ? t.toLocalDateTime()
                : v instanceof java.sql.Date d ? d.toLocalDate()
                : v instanceof java.sql.Time t ? t.toLocalTime() : v;
    }

    /** Dates and timestamps as ISO-8601 text (2024-03-04, 2024-03-04T09:00:00), not as numbers. */
    private static <M extends ObjectMapper> M javaTime(M mapper) {
        mapper.registerModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        return mapper;
    }

    private static String table(Warehouse.Result r) {
        Column[] cols = r.columns().stream().map(c -> new Column().header(c).headerAlign(HorizontalAlign.LEFT)
                .dataAlign(HorizontalAlign.LEFT).maxWidth(60)).toArray(Column[]::new);
        Object[][] data = r.rows().stream().map(row -> row.stream().map(v -> v == null ? "NULL" : v.toString()).toArray())
                .toArray(Object[][]::new);
        return AsciiTable.getTable(AsciiTable.BASIC_ASCII_NO_DATA_SEPARATORS, cols, data);
    }
}
