package vn.hoso.cli;

import com.github.freva.asciitable.AsciiTable;
import com.github.freva.asciitable.Column;
import com.github.freva.asciitable.HorizontalAlign;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.hoso.marts.KpiCatalog;
import vn.hoso.report.Flags;
import vn.hoso.report.Format;
import vn.hoso.report.GoldReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code hoso scorecard}: a plan's targets for a year, the measured value, met or not, and the gap. */
@Command(name = "scorecard", mixinStandardHelpOptions = true,
        description = "Print a plan's scorecard (kết quả thực hiện chỉ tiêu kế hoạch) for a year.")
public class ScorecardCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--plan", required = true, description = "Plan id, e.g. binh-dinh, gia-lai, ha-tinh (the file name under targets/).")
    String plan;

    @Option(names = "--year", required = true, description = "Target year.")
    int year;

    @Override
    public Integer call() {
        Path warehouse = Path.of(common.settings().warehouse());
        try (GoldReader gold = new GoldReader(warehouse)) {
            List<Map<String, Object>> rows = gold.query("select * from " + gold.table("plan_scorecard")
                    + " where plan = ? and year = ? order by kpi_code, scope", plan, year);
            if (rows.isEmpty()) {
                List<Map<String, Object>> plans = gold.query("select distinct plan from " + gold.table("plan_scorecard") + " order by plan");
                out().println("Kế hoạch '" + plan + "' không có chỉ tiêu năm " + year + ". Các kế hoạch: "
                        + plans.stream().map(p -> p.get("plan").toString()).toList());
                return 0;
            }
            out().println("Kết quả thực hiện chỉ tiêu: " + rows.get(0).get("plan_title") + ", năm " + year);
            out().println(render(rows));
            long met = rows.stream().filter(r -> Boolean.TRUE.equals(r.get("met"))).count();
            long notMet = rows.stream().filter(r -> Boolean.FALSE.equals(r.get("met"))).count();
            out().println("Đạt " + met + ", chưa đạt " + notMet + ", chưa đánh giá được " + (rows.size() - met - notMet)
                    + " (thiếu dữ liệu hoặc mẫu nhỏ).");
        }
        return 0;
    }

    static String render(List<Map<String, Object>> rows) {
        List<Object[]> data = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            KpiCatalog.Kpi kpi = KpiCatalog.get((String) r.get("kpi_code"));
            boolean count = kpi != null && kpi.kind().equals("count");
            String comparator = (String) r.get("comparator");
            data.add(new Object[]{kpi == null ? r.get("kpi_code") : kpi.labelVi(), Flags.scope((String) r.get("scope")),
                    count ? Format.count(r.get("value")) : Format.percent(r.get("value")),
                    (comparator.equals(">prev") ? "> năm trước " : comparator + " ")
                            + (count ? Format.count(r.get("target")) : Format.percent(r.get("target"))),
                    r.get("met") == null ? (Boolean.TRUE.equals(r.get("suppressed")) ? "mẫu nhỏ" : "–")
                            : (Boolean) r.get("met") ? "ĐẠT" : "CHƯA ĐẠT",
                    r.get("gap") == null ? "–" : count ? Format.count(r.get("gap")) : Format.points(r.get("gap"))});
        }
        Column[] cols = {new Column().header("Chỉ tiêu").headerAlign(HorizontalAlign.LEFT).dataAlign(HorizontalAlign.LEFT).maxWidth(44), new Column().header("Phạm vi").headerAlign(HorizontalAlign.LEFT).dataAlign(HorizontalAlign.LEFT),
                new Column().header("Kết quả").dataAlign(HorizontalAlign.RIGHT), new Column().header("Mục tiêu").headerAlign(HorizontalAlign.LEFT).dataAlign(HorizontalAlign.LEFT),
                new Column().header("Đánh giá").headerAlign(HorizontalAlign.LEFT).dataAlign(HorizontalAlign.LEFT), new Column().header("Chênh lệch").dataAlign(HorizontalAlign.RIGHT)};
        return AsciiTable.getTable(AsciiTable.BASIC_ASCII_NO_DATA_SEPARATORS, cols, data.toArray(Object[][]::new));
    }

    private java.io.PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
