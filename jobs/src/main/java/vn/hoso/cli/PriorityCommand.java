package vn.hoso.cli;

import com.github.freva.asciitable.AsciiTable;
import com.github.freva.asciitable.Column;
import com.github.freva.asciitable.HorizontalAlign;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.hoso.report.Flags;
import vn.hoso.report.Format;
import vn.hoso.report.GoldReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code hoso priority}: the re-engineering priority list as a Vietnamese terminal table. */
@Command(name = "priority", mixinStandardHelpOptions = true,
        description = "Print the re-engineering priority list (danh sách ưu tiên tái cấu trúc TTHC) of a year.")
public class PriorityCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--year", required = true, description = "Year of received dossiers.")
    int year;

    @Option(names = "--unit", paramLabel = "CODE", description = "A unit's list instead of the province's.")
    String unit;

    @Option(names = "--current", description = "With --unit: the unit as it is today (after mergers), not as it was.")
    boolean current;

    @Option(names = "--top", defaultValue = "20", description = "How many procedures (default ${DEFAULT-VALUE}).")
    int top;

    @Override
    public Integer call() {
        Path warehouse = Path.of(common.settings().warehouse());
        String scope = unit == null ? "province" : current ? "unit_current" : "unit";
        try (GoldReader gold = new GoldReader(warehouse)) {
            String sql = "select * from " + gold.table("procedure_priority")
                    + " where year = ? and scope_type = ? and (? is null or scope_code = ?) order by rank limit ?";
            List<Map<String, Object>> rows = gold.query(sql, year, scope, unit, unit, top);
            if (rows.isEmpty()) {
                out().println("Không có hồ sơ tiếp nhận năm " + year + (unit == null ? "" : " tại đơn vị " + unit) + ".");
                return 0;
            }
            out().println(title(rows.get(0)));
            out().println(render(rows));
            out().println(Flags.LEGEND + " – = chưa đủ dữ liệu.");
        }
        return 0;
    }

    private String title(Map<String, Object> first) {
        String where = unit == null ? "toàn tỉnh (" + first.get("scope_code") + ")"
                : "đơn vị " + unit + (current ? " (theo đơn vị hiện nay)" : " (theo đơn vị tại thời điểm tiếp nhận)");
        return "Danh sách ưu tiên tái cấu trúc TTHC năm " + year + ", " + where + ", " + top + " thủ tục đầu";
    }

    static String render(List<Map<String, Object>> rows) {
        List<Column> cols = List.of(
                new Column().header("Hạng").dataAlign(HorizontalAlign.RIGHT),
                new Column().header("Mã TTHC").headerAlign(HorizontalAlign.LEFT).dataAlign(HorizontalAlign.LEFT),
                new Column().header("Tên thủ tục").headerAlign(HorizontalAlign.LEFT).dataAlign(HorizontalAlign.LEFT).maxWidth(48),
                new Column().header("Số hồ sơ").dataAlign(HorizontalAlign.RIGHT),
                new Column().header("Tỷ trọng").dataAlign(HorizontalAlign.RIGHT),
                new Column().header("Lũy kế").dataAlign(HorizontalAlign.RIGHT),
                new Column().header("Mức độ").headerAlign(HorizontalAlign.LEFT).dataAlign(HorizontalAlign.LEFT),
                new Column().header("Trực tuyến").dataAlign(HorizontalAlign.RIGHT),
                new Column().header("Giấy song song").dataAlign(HorizontalAlign.RIGHT),
                new Column().header("Đúng hạn").dataAlign(HorizontalAlign.RIGHT),
                new Column().header("Hài lòng").dataAlign(HorizontalAlign.RIGHT),
                new Column().header("Cờ").headerAlign(HorizontalAlign.LEFT).dataAlign(HorizontalAlign.LEFT));
        List<Object[]> data = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            data.add(new Object[]{r.get("rank"), r.get("procedure_code"), r.get("procedure_name") == null ? "" : r.get("procedure_name"),
                    Format.count(r.get("received")), Format.percent(r.get("share")), Format.percent(r.get("cum_share")),
                    Flags.level(r.get("service_level")), Format.percent(r.get("online_rate")), Format.percent(r.get("paper_parallel_rate")),
                    Format.percent(r.get("on_time_rate")), Format.percent(r.get("satisfaction_rate")), Flags.of(r)});
        }
        return AsciiTable.getTable(AsciiTable.BASIC_ASCII_NO_DATA_SEPARATORS, cols.toArray(Column[]::new),
                data.toArray(Object[][]::new));
    }

    private java.io.PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
