package vn.hoso.report;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import vn.hoso.marts.KpiCatalog;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The report as an Excel workbook: numeric cells with formats (a person can sum them), every rate beside its
 * numerator and denominator, suppressed values as "–" with the reason, headers frozen, filters on, A4 landscape.
 */
public final class XlsxReport {
    public static final String OVERVIEW = "Tổng quan";
    public static final String PRIORITY = "Danh sách ưu tiên";
    public static final String UNITS = "Theo đơn vị";
    public static final String PAPER = "Hồ sơ giấy song song";
    public static final String IN_PERSON = "Công chức nộp trực tiếp";
    public static final String DATA = "Dữ liệu";
    public static final String INDEX766 = "Chỉ số 766";

    private final XSSFWorkbook wb = new XSSFWorkbook();
    private final CellStyle title;
    private final CellStyle header;
    private final CellStyle text;
    private final CellStyle count;
    private final CellStyle rate;
    private final CellStyle decimal;
    private final CellStyle rateHighlight;
    private final CellStyle textHighlight;
    private final CellStyle countHighlight;
    private final CellStyle points;

    private XlsxReport() {
        Font bold = wb.createFont();
        bold.setBold(true);
        Font big = wb.createFont();
        big.setBold(true);
        big.setFontHeightInPoints((short) 14);
        title = wb.createCellStyle();
        title.setFont(big);
        header = wb.createCellStyle();
        header.setFont(bold);
        header.setWrapText(true);
        header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
        header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        header.setBorderBottom(BorderStyle.THIN);
        text = wb.createCellStyle();
        count = numeric(Format.XLSX_COUNT, false);
        rate = numeric(Format.XLSX_RATE, false);
        decimal = numeric(Format.XLSX_DECIMAL, false);
        rateHighlight = numeric(Format.XLSX_RATE, true);
        countHighlight = numeric(Format.XLSX_COUNT, true);
        textHighlight = wb.createCellStyle();
        highlight(textHighlight);
        points = numeric("0.00", false);
    }

    private CellStyle numeric(String format, boolean highlighted) {
        CellStyle s = wb.createCellStyle();
        s.setDataFormat(wb.createDataFormat().getFormat(format));
        if (highlighted) {
            highlight(s);
        }
        return s;
    }

    private static void highlight(CellStyle s) {
        s.setFillForegroundColor(IndexedColors.LIGHT_YELLOW.getIndex());
        s.setFillPattern(FillPatternType.SOLID_FOREGROUND);
    }

    public static void write(ReportData d, OutputStream out) throws IOException {
        XlsxReport x = new XlsxReport();
        x.overview(d);
        x.priority(d);
        x.units(d);
        x.paper(d);
        x.inPerson(d);
        x.index766(d);
        x.data(d);
        x.wb.write(out);
        x.wb.close();
    }

    /** The note beside a value shown as "–". */
    public static String reason(Object value, Object denominator, Object suppressed, String kind) {
        if (Boolean.TRUE.equals(suppressed)) {
            return "ẩn: mẫu nhỏ (mẫu số " + Format.count(denominator) + " dưới cỡ mẫu tối thiểu)";
        }
        if (value == null) {
            return "count".equals(kind) ? "không có số liệu" : "không có hồ sơ trong mẫu số";
        }
        return "";
    }

    private void overview(ReportData d) {
        Sheet s = sheet(OVERVIEW);
        int r = titleBlock(s, d, "Tổng quan");
        int head = r;
        String prevLabel = d.period().previous() == null ? "Kỳ trước" : "Kỳ trước (" + d.period().previous().labelVi() + ")";
        header(s, r++, "Chỉ số", "Kỳ báo cáo", "Tử số", "Mẫu số", prevLabel, "Tử số kỳ trước", "Mẫu số kỳ trước",
                "Cùng kỳ năm trước (" + d.period().sameLastYear().labelVi() + ")", "Tử số cùng kỳ", "Mẫu số cùng kỳ", "Ghi chú", "Mã chỉ số");
        for (Map<String, Object> h : d.headline()) {
            Row row = s.createRow(r++);
            String kind = (String) h.get("kind");
            text(row, 0, (String) h.get("label"));
            figure(row, 1, h.get("value"), h.get("suppressed"), kind, false);
            number(row, 2, h.get("numerator"), count);
            number(row, 3, h.get("denominator"), count);
            figure(row, 4, h.get("prev_value"), h.get("prev_suppressed"), kind, false);
            number(row, 5, h.get("prev_numerator"), count);
            number(row, 6, h.get("prev_denominator"), count);
            figure(row, 7, h.get("ly_value"), h.get("ly_suppressed"), kind, false);
            number(row, 8, h.get("ly_numerator"), count);
            number(row, 9, h.get("ly_denominator"), count);
            text(row, 10, reason(h.get("value"), h.get("denominator"), h.get("suppressed"), kind));
            text(row, 11, (String) h.get("kpi_code"));
        }
        finish(s, head, r - 1, 12, new int[]{44, 13, 12, 12, 16, 12, 12, 18, 12, 12, 40, 24});
        r++;
        Row t = s.createRow(r++);
        text(t, 0, "Chỉ tiêu kế hoạch năm " + d.period().year() + " (" + d.freshness() + ")").setCellStyle(header);
        header(s, r++, "Kế hoạch", "Chỉ tiêu", "Phạm vi", "Kết quả", "Mục tiêu", "So sánh", "Đánh giá", "Chênh lệch",
                "Tử số", "Mẫu số", "Ghi chú", "Mã chỉ số");
        for (Map<String, Object> sc : d.scorecard()) {
            Row row = s.createRow(r++);
            String kind = (String) sc.get("kind");
            text(row, 0, (String) sc.get("plan_title"));
            text(row, 1, (String) sc.get("label"));
            text(row, 2, Flags.scope((String) sc.get("scope")));
            figure(row, 3, sc.get("value"), sc.get("suppressed"), kind, false);
            figure(row, 4, sc.get("target"), false, kind, false);
            text(row, 5, ">prev".equals(sc.get("comparator")) ? "> năm trước" : (String) sc.get("comparator"));
            text(row, 6, verdict(sc.get("met")));
            figure(row, 7, sc.get("gap"), false, kind, false);
            number(row, 8, sc.get("numerator"), count);
            number(row, 9, sc.get("denominator"), count);
            text(row, 10, sc.get("met") == null ? reason(sc.get("value"), sc.get("denominator"), sc.get("suppressed"), kind) : "");
            text(row, 11, (String) sc.get("kpi_code"));
        }
    }

    public static String verdict(Object met) {
        return met == null ? "chưa đánh giá" : (Boolean) met ? "Đạt" : "Chưa đạt";
    }

    /** The priority list's per-procedure rates (column prefix in procedure_priority, heading). */
    private static final String[][] PRIORITY_RATES = {{"online", "Trực tuyến"}, {"paper_parallel", "Giấy song song"},
            {"on_time", "Đúng hạn"}, {"satisfaction", "Hài lòng"}};

    private void priority(ReportData d) {
        Sheet s = sheet(PRIORITY);
        int r = titleBlock(s, d, "Danh sách ưu tiên tái cấu trúc thủ tục hành chính năm " + d.period().year()
                + " (tô màu: nhóm thủ tục chiếm 80% số hồ sơ)");
        int head = r;
        List<String> cols = new ArrayList<>(List.of("Hạng", "Mã TTHC", "Tên thủ tục", "Lĩnh vực", "Số hồ sơ", "Tỷ trọng",
                "Lũy kế", "Nhóm 80%", "Mức độ"));
        for (String[] rate : PRIORITY_RATES) {
            cols.addAll(List.of(rate[1], "Tử số", "Mẫu số"));
        }
        cols.addAll(List.of("Trung vị ngày xử lý", "Cờ"));
        header(s, r++, cols.toArray(String[]::new));
        for (Map<String, Object> p : d.priority()) {
            boolean hi = Boolean.TRUE.equals(p.get("in_pareto_80"));
            Row row = s.createRow(r++);
            number(row, 0, p.get("rank"), hi ? countHighlight : count);
            text(row, 1, (String) p.get("procedure_code"), hi);
            text(row, 2, (String) p.get("procedure_name"), hi);
            text(row, 3, (String) p.get("sector_code"), hi);
            number(row, 4, p.get("received"), hi ? countHighlight : count);
            figure(row, 5, p.get("share"), false, "rate", hi);
            figure(row, 6, p.get("cum_share"), false, "rate", hi);
            text(row, 7, hi ? "có" : "", hi);
            text(row, 8, Flags.level(p.get("service_level")), hi);
            int c = 9;
            for (String[] rate : PRIORITY_RATES) {
                // the rate with its own counts, so a reader sees how many dossiers stand behind it (kept when suppressed)
                figure(row, c++, p.get(rate[0] + "_rate"), false, "rate", hi);
                number(row, c++, p.get(rate[0] + "_numerator"), hi ? countHighlight : count);
                number(row, c++, p.get(rate[0] + "_denominator"), hi ? countHighlight : count);
            }
            Cell median = row.createCell(c++);
            if (p.get("median_processing_days") == null) {
                median.setCellValue("–");
            } else {
                median.setCellValue(((Number) p.get("median_processing_days")).doubleValue());
                median.setCellStyle(decimal);
            }
            text(row, c, Flags.of(p), hi);
        }
        int[] widths = new int[cols.size()];
        java.util.Arrays.fill(widths, 10);
        System.arraycopy(new int[]{7, 12, 48, 10, 11, 10, 10, 9, 12}, 0, widths, 0, 9);
        widths[widths.length - 1] = 22;
        finish(s, head, r - 1, cols.size(), widths);
        s.createRow(r + 1).createCell(0).setCellValue(Flags.LEGEND + " Tỷ lệ của thủ tục để trống (–) khi mẫu nhỏ.");
    }

    private void units(ReportData d) {
        Sheet s = sheet(UNITS);
        int r = titleBlock(s, d, "Chỉ số theo đơn vị, xếp hạng theo tỷ lệ đúng hạn"
                + (d.scopeType().equals("unit_current") ? " (theo đơn vị hiện nay)" : ""));
        int head = r;
        List<String> cols = new ArrayList<>(List.of("Hạng", "Mã đơn vị", "Tên đơn vị", "Số hồ sơ"));
        for (String k : ReportData.UNIT_KPIS) {
            cols.add(label(k));
            cols.add("Tử số");
            cols.add("Mẫu số");
        }
        header(s, r++, cols.toArray(String[]::new));
        for (Map<String, Object> u : d.units()) {
            boolean own = !d.province() && d.scopeCode().equals(u.get("unit_code"));
            Row row = s.createRow(r++);
            number(row, 0, u.get("rank"), own ? countHighlight : count);
            text(row, 1, (String) u.get("unit_code"), own);
            text(row, 2, (String) u.get("unit_name"), own);
            number(row, 3, u.get("received"), own ? countHighlight : count);
            int c = 4;
            for (String k : ReportData.UNIT_KPIS) {
                figure(row, c++, u.get(k + "_value"), u.get(k + "_suppressed"), "rate", own);
                number(row, c++, u.get(k + "_numerator"), own ? countHighlight : count);
                number(row, c++, u.get(k + "_denominator"), own ? countHighlight : count);
            }
        }
        int[] widths = new int[cols.size()];
        java.util.Arrays.fill(widths, 11);
        widths[0] = 7;
        widths[2] = 40;
        finish(s, head, r - 1, cols.size(), widths);
        s.createRow(r + 1).createCell(0).setCellValue("– : ẩn vì mẫu nhỏ (mẫu số dưới cỡ mẫu tối thiểu) hoặc không có hồ sơ trong mẫu số.");
    }

    private void paper(ReportData d) {
        Sheet s = sheet(PAPER);
        int r = titleBlock(s, d, "Hồ sơ trực tuyến phải nộp thêm bản giấy, theo đơn vị và theo thủ tục (điểm nóng: từ 5 %)");
        int head = r;
        header(s, r++, "Cấp", "Mã", "Tên", "Tỷ lệ giấy song song", "Hồ sơ có bản giấy (tử số)", "Hồ sơ trực tuyến (mẫu số)",
                "Điểm nóng", "Ghi chú");
        for (Map<String, Object> p : d.paper()) {
            boolean hot = Boolean.TRUE.equals(p.get("hotspot"));
            Row row = s.createRow(r++);
            text(row, 0, (String) p.get("level"), hot);
            text(row, 1, (String) p.get("code"), hot);
            text(row, 2, (String) p.get("name"), hot);
            figure(row, 3, p.get("value"), p.get("suppressed"), "rate", hot);
            number(row, 4, p.get("numerator"), hot ? countHighlight : count);
            number(row, 5, p.get("denominator"), hot ? countHighlight : count);
            text(row, 6, hot ? "có" : "", hot);
            text(row, 7, reason(p.get("value"), p.get("denominator"), p.get("suppressed"), "rate"), hot);
        }
        finish(s, head, r - 1, 8, new int[]{9, 12, 48, 13, 15, 15, 10, 36});
    }

    private void inPerson(ReportData d) {
        Sheet s = sheet(IN_PERSON);
        int r = titleBlock(s, d, "Hồ sơ công chức, viên chức nộp trực tiếp đối với TTHC có DVCTT (nhiệm vụ 46; mục tiêu: 0)."
                + " Chỉ có số lượng, không có thông tin cá nhân");
        int head = r;
        header(s, r++, "Cấp", "Mã", "Tên", "Số hồ sơ nộp trực tiếp");
        for (Map<String, Object> p : d.inPerson()) {
            Row row = s.createRow(r++);
            text(row, 0, (String) p.get("level"));
            text(row, 1, (String) p.get("code"));
            text(row, 2, (String) p.get("name"));
            number(row, 3, p.get("dossiers"), count);
        }
        finish(s, head, Math.max(head, r - 1), 4, new int[]{9, 12, 56, 16});
        if (d.inPerson().isEmpty()) {
            s.createRow(r + 1).createCell(0).setCellValue("Không có hồ sơ nào trong kỳ.");
        }
    }

    /** The index summary sheet, and when the index is there one sheet per group as the portal exports them. */
    private void index766(ReportData d) {
        Index766Data i = d.index766();
        Sheet s = sheet(INDEX766);
        int r = titleBlock(s, d, "Chỉ số 766 (Quyết định 766/QĐ-TTg), ước tính từ dữ liệu hồ sơ"
                + (i.computed() && i.provisional() ? " — TẠM TÍNH: kỳ chưa kết thúc, điểm còn thay đổi" : ""));
        int head = r;
        header(s, r++, "Nhóm chỉ số", "Điểm", "Tối đa", "Điểm bị mất", "Độ tin cậy", "Mã nhóm");
        if (!i.computed()) {
            text(s.createRow(r++), 0, i.absent());
            finish(s, head, r - 1, 6, new int[]{60, 11, 11, 13, 14, 14});
            return;
        }
        for (Map<String, Object> g : i.groups()) {
            Row row = s.createRow(r++);
            text(row, 0, (String) g.get("label"));
            number(row, 1, g.get("score"), points);
            number(row, 2, g.get("max"), points);
            number(row, 3, g.get("lost"), points);
            text(row, 4, (String) g.get("marks"));
            text(row, 5, (String) g.get("group_code"));
        }
        Map<String, Object> sm = i.summary();
        Row total = s.createRow(r++);
        text(total, 0, "Tổng (ước tính)").setCellStyle(header);
        number(total, 1, sm.get("est_index"), points);
        number(total, 2, sm.get("max_index"), points);
        number(total, 3, sm.get("est_index") == null || sm.get("max_index") == null ? null
                : Index766Data.round2(Index766Data.num(sm.get("max_index")) - Index766Data.num(sm.get("est_index"))), points);
        finish(s, head, r - 1, 6, new int[]{44, 11, 11, 13, 14, 14});
        r++;
        Object[][] facts = {
                {"Khoảng ước tính (thiếu số liệu tính 0 / tối đa)", sm.get("est_low"), sm.get("est_high")},
                {"Phần tính được từ dữ liệu", sm.get("est_computable"), sm.get("max_computable")},
                {"Xếp hạng", i.rankVi() == null ? "–" : i.rankVi(), null},
                {"Ghi chú", sm.get("note") == null ? "" : sm.get("note"), null},
                {"Tạm tính", i.provisional() ? "có (kỳ chưa kết thúc)" : "không", null}};
        for (Object[] f : facts) {
            Row row = s.createRow(r++);
            text(row, 0, (String) f[0]).setCellStyle(header);
            if (f[1] instanceof Number || f[1] == null && f[2] != null) {
                number(row, 1, f[1], points);
                number(row, 2, f[2], points);
            } else {
                text(row, 1, f[1] == null ? "–" : String.valueOf(f[1]));
            }
        }
        text(s.createRow(r++), 0, Index766Labels.LEGEND);
        r++;
        text(s.createRow(r++), 0, "Chỉ tiêu mất nhiều điểm nhất").setCellStyle(header);
        header(s, r++, "Chỉ tiêu", "Điểm", "Tối đa", "Điểm bị mất", "Mã chỉ tiêu", "Mất nhiều nhất tại");
        for (Map<String, Object> l : i.losses()) {
            Row row = s.createRow(r++);
            text(row, 0, (String) l.get("label"));
            number(row, 1, l.get("score"), points);
            number(row, 2, l.get("max_points"), points);
            number(row, 3, l.get("loss"), points);
            text(row, 4, (String) l.get("indicator_code"));
            text(row, 5, Index766Data.behind(l));
        }
        for (Map<String, Object> g : i.groups()) {
            group(d, g);
        }
    }

    private void group(ReportData d, Map<String, Object> g) {
        Index766Data i = d.index766();
        Sheet s = sheet((String) g.get("sheet"));
        int r = titleBlock(s, d, "Chỉ số 766 — nhóm " + g.get("label") + " (tối đa " + Format.decimal(g.get("max")) + " điểm)"
                + (i.provisional() ? " — TẠM TÍNH" : ""));
        int head = r;
        header(s, r++, "Chỉ tiêu", "Tử số", "Mẫu số", "Tỷ lệ", "Điểm", "Tối đa", "Điểm bị mất", "Độ tin cậy", "Mã chỉ tiêu");
        for (Map<String, Object> x : i.indicators()) {
            if (!g.get("group_code").equals(x.get("group_code"))) {
                continue;
            }
            Row row = s.createRow(r++);
            boolean display = Index766Data.num(x.get("max_points")) == 0;
            text(row, 0, (String) x.get("label"));
            number(row, 1, x.get("numerator"), count);
            number(row, 2, x.get("denominator"), count);
            // 2.2 (display only) is a number of days, not a share
            number(row, 3, x.get("ratio"), display ? decimal : rate);
            number(row, 4, x.get("score"), points);
            number(row, 5, x.get("max_points"), points);
            number(row, 6, x.get("lost"), points);
            text(row, 7, Index766Labels.confidenceVi(x.get("confidence")));
            text(row, 8, (String) x.get("indicator_code"));
        }
        Row total = s.createRow(r++);
        text(total, 0, "Cộng nhóm").setCellStyle(header);
        number(total, 4, g.get("score"), points);
        number(total, 5, g.get("max"), points);
        number(total, 6, g.get("lost"), points);
        finish(s, head, r - 1, 9, new int[]{46, 12, 12, 10, 9, 9, 11, 30, 11});
        s.createRow(r + 1).createCell(0).setCellValue("– : điểm không tính (thiếu số liệu hoặc chỉ hiển thị), không phải điểm tối đa. "
                + Index766Labels.LEGEND);
    }

    private void data(ReportData d) {
        Sheet s = sheet(DATA);
        int r = titleBlock(s, d, "Nguồn số liệu, độ mới và định nghĩa chỉ số");
        Map<String, Object> i = d.info();
        String[][] facts = {
                {"Kỳ báo cáo", d.period().fullLabelVi()},
                {"Phạm vi", d.scopeName() + " (" + d.scopeCode() + ")"},
                {"Số liệu đến ngày", Format.date(i.get("max_synced_at"))},
                {"Kho dữ liệu xuất bản lúc", Format.minute(i.get("published_at"))},
                {"Lần chạy", String.valueOf(i.get("last_run_id"))},
                {"Ngày chạy", Format.date(i.get("last_run_date"))},
                {"Số hồ sơ trong kho", Format.count(i.get("dossiers"))},
                {"Các năm có số liệu", i.get("first_year") + "–" + i.get("last_year")},
                {"Cách tính lại tỷ lệ", "cộng tử số và mẫu số rồi chia, không lấy trung bình các tỷ lệ"}};
        for (String[] f : facts) {
            Row row = s.createRow(r++);
            text(row, 0, f[0]).setCellStyle(header);
            text(row, 1, f[1]);
        }
        r++;
        int head = r;
        header(s, r++, "Mã chỉ số", "Tên chỉ số", "Loại", "Định nghĩa");
        for (KpiCatalog.Kpi k : KpiCatalog.all().values().stream().sorted(java.util.Comparator.comparing(KpiCatalog.Kpi::code)).toList()) {
            Row row = s.createRow(r++);
            text(row, 0, k.code());
            text(row, 1, k.labelVi());
            text(row, 2, k.kind().equals("count") ? "số lượng" : "tỷ lệ");
            text(row, 3, k.description());
        }
        finish(s, head, r - 1, 4, new int[]{28, 50, 10, 90});
    }

    private static String label(String kpi) {
        KpiCatalog.Kpi k = KpiCatalog.get(kpi);
        return k == null ? kpi : k.labelVi();
    }

    private Sheet sheet(String name) {
        Sheet s = wb.createSheet(name);
        PrintSetup ps = s.getPrintSetup();
        ps.setPaperSize(PrintSetup.A4_PAPERSIZE);
        ps.setLandscape(true);
        ps.setFitWidth((short) 1);
        ps.setFitHeight((short) 0);
        s.setFitToPage(true);
        s.setAutobreaks(true);
        return s;
    }

    private int titleBlock(Sheet s, ReportData d, String what) {
        Row t = s.createRow(0);
        text(t, 0, "Báo cáo dịch vụ công trực tuyến " + d.period().labelVi() + " — " + d.scopeName()).setCellStyle(title);
        text(s.createRow(1), 0, what);
        text(s.createRow(2), 0, "Kỳ " + d.period().fullLabelVi() + "; " + d.freshness());
        return 4;
    }

    private void header(Sheet s, int r, String... names) {
        Row row = s.createRow(r);
        for (int c = 0; c < names.length; c++) {
            Cell cell = row.createCell(c);
            cell.setCellValue(names[c]);
            cell.setCellStyle(header);
        }
    }

    private void finish(Sheet s, int head, int last, int cols, int[] widths) {
        s.createFreezePane(0, head + 1);
        s.setAutoFilter(new CellRangeAddress(head, Math.max(head, last), 0, cols - 1));
        s.setRepeatingRows(new CellRangeAddress(head, head, 0, cols - 1));
        for (int c = 0; c < widths.length; c++) {
            s.setColumnWidth(c, widths[c] * 256);
        }
    }

    private Cell text(Row row, int c, String value) {
        return text(row, c, value, false);
    }

    private Cell text(Row row, int c, String value, boolean highlighted) {
        Cell cell = row.createCell(c);
        cell.setCellValue(value == null ? "" : value);
        cell.setCellStyle(highlighted ? textHighlight : text);
        return cell;
    }

    private void number(Row row, int c, Object value, CellStyle style) {
        Cell cell = row.createCell(c);
        if (value == null) {
            cell.setCellValue("–");
            return;
        }
        cell.setCellValue(((Number) value).doubleValue());
        cell.setCellStyle(style);
    }

    /** A KPI value: a count or a share, or "–" when it is missing or suppressed. */
    private void figure(Row row, int c, Object value, Object suppressed, String kind, boolean highlighted) {
        Cell cell = row.createCell(c);
        if (value == null || Boolean.TRUE.equals(suppressed)) {
            cell.setCellValue("–");
            cell.setCellStyle(highlighted ? textHighlight : text);
            return;
        }
        cell.setCellValue(((Number) value).doubleValue());
        boolean isCount = "count".equals(kind);
        cell.setCellStyle(isCount ? (highlighted ? countHighlight : count) : (highlighted ? rateHighlight : rate));
    }
}
