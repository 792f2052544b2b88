package vn.hoso.cli;

import com.github.freva.asciitable.AsciiTable;
import com.github.freva.asciitable.Column;
import com.github.freva.asciitable.HorizontalAlign;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.hoso.config.UserError;
import vn.hoso.report.Format;
import vn.hoso.report.GoldReader;
import vn.hoso.report.Index766Data;
import vn.hoso.report.Index766Labels;
import vn.hoso.report.Period;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code hoso index766}: the Decision 766 index of a period as the marts estimated it, in Vietnamese: the six
 * groups, the total and its range, the unit's rank, and on demand the indicators that lose the most points and
 * the open dossiers at risk. Reads the gold tables (no Spark), like {@code priority}.
 */
@Command(name = "index766", mixinStandardHelpOptions = true,
        description = "Print the estimated Decision 766 index (Bộ chỉ số 766) of a period for the province or a unit.")
public class Index766Command implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--period", required = true, paramLabel = "PERIOD", description = "2025-08 (month), 2025-Q3 (quarter) or 2025 (year).")
    String period;

    @Option(names = "--unit", paramLabel = "CODE", description = "A unit's index instead of the province's.")
    String unit;

    @Option(names = "--current", description = "With --unit: the unit as it is today (after mergers), not as it was.")
    boolean current;

    @Option(names = "--losses", description = "Also the indicators that lose the most points, with the units and procedures behind them.")
    boolean losses;

    @Option(names = "--at-risk", description = "Also the open dossiers due within the next days whose lateness would cost points.")
    boolean atRisk;

    @Option(names = "--top", defaultValue = "10", description = "How many indicators / dossiers in those lists (default ${DEFAULT-VALUE}).")
    int top;

    @Override
    public Integer call() {
        Period p = Period.parse(period);
        if (p.type().equals("YTD")) {
            throw new UserError("--period " + p.name() + " is a year to date, which the index has not: use a month (2025-08),"
                    + " a quarter (2025-Q3) or a year (2025)");
        }
        if (current && unit == null) {
            throw new UserError("--current needs --unit");
        }
        if (top < 1) {
            throw new UserError("--top must be at least 1");
        }
        String scopeType = unit == null ? "province" : current ? "unit_current" : "unit";
        Path warehouse = Path.of(common.settings().warehouse());
        try (GoldReader gold = new GoldReader(warehouse)) {
            Index766Data.Source src = Index766Data.of(gold);
            for (String t : Index766Data.TABLES) {
                if (!src.has(t)) {
                    throw new UserError("no " + t + " table under " + warehouse + "/gold: this warehouse was built before the"
                            + " Decision 766 index; run `hoso run` (or `hoso marts`) to compute it");
                }
            }
            Index766Data d = Index766Data.read(src, p, scopeType, unit, top);
            if (!d.computed()) {
                List<String> have = Index766Data.periods(src, p.type());
                throw new UserError(have.contains(p.key())
                        ? "no index for " + (unit == null ? "the province" : "unit " + unit) + " in " + p.name()
                        + " (" + scopeType + " scope): the unit has no dossier, feedback or procedure in the period, or the code is wrong"
                        : "no index for " + p.name() + " in " + warehouse + "; " + p.type() + " periods with an index: "
                        + (have.isEmpty() ? "none" : String.join(", ", have)));
            }
            print(d, out());
        }
        return 0;
    }

    private void print(Index766Data d, PrintWriter o) {
        o.println(title(d));
        if (d.provisional()) {
            o.println("TẠM TÍNH: kỳ chưa kết thúc, điểm còn thay đổi khi hồ sơ tiếp tục được giải quyết.");
        }
        o.println(groups(d));
        Map<String, Object> s = d.summary();
        o.println("Tổng điểm ước tính: " + Format.decimal(s.get("est_index")) + " / " + Format.decimal(s.get("max_index"))
                + " (khoảng " + Format.decimal(s.get("est_low")) + "–" + Format.decimal(s.get("est_high")) + " / 100 khi các chỉ tiêu"
                + " thiếu số liệu tính 0 hoặc tối đa)");
        o.println("Phần tính được từ dữ liệu: " + Format.decimal(s.get("est_computable")) + " / " + Format.decimal(s.get("max_computable")));
        if (d.rankVi() != null) {
            o.println("Xếp hạng: " + d.rankVi());
        }
        if (s.get("note") != null && !s.get("note").toString().isBlank()) {
            o.println("Ghi chú: " + s.get("note"));
        }
        o.println(Index766Labels.LEGEND);
        if (losses) {
            o.println();
            o.println("Chỉ tiêu mất nhiều điểm nhất (" + d.losses().size() + " chỉ tiêu đầu):");
            o.println(d.losses().isEmpty() ? "Không có chỉ tiêu nào bị mất điểm." : losses(d));
        }
        if (atRisk) {
            o.println();
            String asOf = d.atRisk().isEmpty() ? "" : " (đến ngày " + Format.date(d.atRisk().get(0).get("as_of")) + ")";
            o.println("Hồ sơ đang giải quyết sắp đến hạn" + asOf + ", điểm bị mất nếu trễ hạn:");
            o.println(d.atRisk().isEmpty() ? "Không có hồ sơ nào sắp đến hạn trong phạm vi này." : atRisk(d));
        }
    }

    private String title(Index766Data d) {
        String where = unit == null ? "toàn tỉnh (" + d.scopeCode() + ")"
                : "đơn vị " + unit + (current ? " (theo đơn vị hiện nay)" : " (theo đơn vị tại thời điểm tiếp nhận)");
        return "Chỉ số 766 (ước tính) " + d.period().labelVi() + ", " + where;
    }

    static String groups(Index766Data d) {
        List<Object[]> rows = new ArrayList<>();
        for (Map<String, Object> g : d.groups()) {
            rows.add(new Object[]{g.get("label"), score(g.get("score"), g.get("marks")), Format.decimal(g.get("max")),
                    Format.decimal(g.get("lost"))});
        }
        Map<String, Object> s = d.summary();
        rows.add(new Object[]{"Tổng", Format.decimal(s.get("est_index")), Format.decimal(s.get("max_index")),
                s.get("est_index") == null || s.get("max_index") == null ? "–"
                        : Format.decimal(((Number) s.get("max_index")).doubleValue() - ((Number) s.get("est_index")).doubleValue())});
        Column[] cols = {left("Nhóm chỉ số"), right("Điểm"), right("Tối đa"), right("Điểm bị mất")};
        return AsciiTable.getTable(AsciiTable.BASIC_ASCII_NO_DATA_SEPARATORS, cols, rows.toArray(Object[][]::new));
    }

    static String losses(Index766Data d) {
        List<Object[]> rows = new ArrayList<>();
        for (Map<String, Object> l : d.losses()) {
            rows.add(new Object[]{l.get("indicator_code"), l.get("label"), score(l.get("score"), Index766Labels.mark(l.get("confidence"))),
                    Format.decimal(l.get("max_points")), Format.decimal(l.get("loss")),
                    l.get("dossiers_to_threshold") == null ? "" : Format.count(l.get("dossiers_to_threshold")), Index766Data.behind(l)});
        }
        Column[] cols = {left("Mã"), left("Chỉ tiêu").maxWidth(34), right("Điểm"), right("Tối đa"), right("Mất"),
                right("Hồ sơ cần thêm"), left("Mất nhiều nhất tại").maxWidth(90)};
        return AsciiTable.getTable(AsciiTable.BASIC_ASCII_NO_DATA_SEPARATORS, cols, rows.toArray(Object[][]::new));
    }

    static String atRisk(Index766Data d) {
        boolean province = d.scopeType().equals("province");
        List<Object[]> rows = new ArrayList<>();
        for (Map<String, Object> r : d.atRisk()) {
            rows.add(new Object[]{r.get("dossier_id"), r.get("unit_code"), r.get("procedure_code"), Format.date(r.get("due_date")),
                    r.get("days_left"), Format.decimal(r.get(province ? "points_province" : "points_unit"))});
        }
        Column[] cols = {left("Mã hồ sơ"), left("Đơn vị"), left("Mã TTHC"), left("Hạn trả"), right("Còn (ngày)"),
                right(province ? "Điểm tỉnh" : "Điểm đơn vị")};
        return AsciiTable.getTable(AsciiTable.BASIC_ASCII_NO_DATA_SEPARATORS, cols, rows.toArray(Object[][]::new));
    }

    /** A score with its confidence marks: "8,39 †~"; a null score is "–" (not counted), never full marks. */
    static String score(Object score, Object marks) {
        String m = marks == null ? "" : marks.toString();
        return Format.decimal(score) + (m.isEmpty() ? "" : " " + m);
    }

    private static Column left(String h) {
        return new Column().header(h).headerAlign(HorizontalAlign.LEFT).dataAlign(HorizontalAlign.LEFT);
    }

    private static Column right(String h) {
        return new Column().header(h).dataAlign(HorizontalAlign.RIGHT);
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
