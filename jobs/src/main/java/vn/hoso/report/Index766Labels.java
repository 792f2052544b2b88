package vn.hoso.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Vietnamese names the terminal view and the report give the Decision 766 index: its six groups (in the
 * portal's order), its indicators, the confidence marks and the unit levels of the ranking.
 *
 * <p>This is the only place the command and the report take these names from. The formula profile
 * ({@code sql/index766/qd766-portal-2026.yml}, loader {@code vn.hoso.index766.Index766Profile}) holds the same
 * group and indicator labels; once it is merged, {@link #GROUPS} and {@link #INDICATORS} can be filled from it.
 * Figures (max points, scores) are never taken from here but from the gold tables; {@link Group#max()} is only the
 * fallback when a group has no row.
 */
public final class Index766Labels {
    /** A group of the index: code as in the gold tables, label, the portal's maximum, short sheet name. */
    public record Group(String code, String labelVi, double max, String sheet) {
    }

    /** The six groups in the portal's order; the workbook's sheet names stay ≤ 31 characters without : \ / ? * [ ]. */
    public static final List<Group> GROUPS = List.of(
            new Group("cong_khai", "Công khai, minh bạch", 18, "766 - Công khai"),
            new Group("tien_do", "Tiến độ giải quyết", 20, "766 - Tiến độ"),
            new Group("dvctt", "Dịch vụ công trực tuyến", 12, "766 - DVC trực tuyến"),
            new Group("thanh_toan", "Thanh toán trực tuyến", 10, "766 - Thanh toán"),
            new Group("so_hoa", "Số hóa hồ sơ", 22, "766 - Số hóa"),
            new Group("hai_long", "Mức độ hài lòng", 18, "766 - Hài lòng"));

    /** Indicator labels (spec INDEX766.md, table "Indicators"); an unknown code is shown as itself. */
    public static final Map<String, String> INDICATORS = indicators();

    /** The confidence marks after a score; VERIFIED (the portal's formula on complete data) has none. */
    private static final Map<String, String[]> CONFIDENCE = Map.of(
            "VERIFIED", new String[]{"", "công thức của Cổng"},
            "INFERRED", new String[]{"†", "suy ra (công thức chưa được Cổng xác nhận)"},
            "PROXY", new String[]{"~", "ước tính thay thế (thiếu danh mục đầu vào)"},
            "ASSUMED", new String[]{"*", "giả định"},
            "MANUAL", new String[]{"‡", "nhập tay"},
            "MISSING", new String[]{"?", "thiếu số liệu"});

    /** The legend of the marks, one line. */
    public static final String LEGEND = "Độ tin cậy: ~ ước tính thay thế (thiếu danh mục đầu vào), * giả định, ? thiếu số liệu,"
            + " † suy ra (công thức chưa được Cổng xác nhận), ‡ nhập tay; không dấu: công thức của Cổng.";

    private Index766Labels() {
    }

    public static Group group(String code) {
        for (Group g : GROUPS) {
            if (g.code().equals(code)) {
                return g;
            }
        }
        return new Group(code, code, 0, ("766 - " + code).replaceAll("[:\\\\/?*\\[\\]]", "_"));
    }

    /** Position of a group in the portal's order (unknown groups last). */
    public static int order(String groupCode) {
        for (int i = 0; i < GROUPS.size(); i++) {
            if (GROUPS.get(i).code().equals(groupCode)) {
                return i;
            }
        }
        return GROUPS.size();
    }

    public static String indicator(String code) {
        return INDICATORS.getOrDefault(code, code);
    }

    /** "~" for PROXY, "" for VERIFIED or an unknown value. */
    public static String mark(Object confidence) {
        String[] c = CONFIDENCE.get(confidence == null ? "MISSING" : confidence.toString());
        return c == null ? "" : c[0];
    }

    /** "~ ước tính thay thế (...)" as the workbook's column shows it. */
    public static String confidenceVi(Object confidence) {
        String[] c = CONFIDENCE.get(confidence == null ? "MISSING" : confidence.toString());
        if (c == null) {
            return confidence.toString();
        }
        return c[0].isEmpty() ? c[1] : c[0] + " " + c[1];
    }

    /** The units a unit is ranked among: "sở, ngành" for SO (units.level). */
    public static String levelVi(Object level) {
        if (level == null) {
            return "đơn vị";
        }
        return switch (level.toString()) {
            case "SO" -> "sở, ngành";
            case "HUYEN" -> "huyện";
            case "XA" -> "xã, phường";
            case "TINH" -> "đơn vị cấp tỉnh";
            default -> "đơn vị cấp " + level;
        };
    }

    private static Map<String, String> indicators() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("1.1", "Công khai TTHC đúng hạn");
        m.put("1.2", "Cập nhật công khai TTHC đúng hạn");
        m.put("1.3", "Công khai đầy đủ nội dung TTHC");
        m.put("1.4", "Đồng bộ hồ sơ lên Cổng DVCQG");
        m.put("2.1", "Hồ sơ giải quyết đúng hạn");
        m.put("2.2", "Số ngày giải quyết trung bình (chỉ hiển thị)");
        m.put("3.1", "TTHC cung cấp DVC trực tuyến");
        m.put("3.2", "DVC trực tuyến phát sinh hồ sơ");
        m.put("3.3", "Hồ sơ nộp trực tuyến");
        m.put("3.5", "TTHC có phí đồng bộ thanh toán");
        m.put("3.5b", "TTHC có phí được thanh toán trực tuyến");
        m.put("3.6", "Hồ sơ thanh toán trực tuyến");
        m.put("4.1", "Hồ sơ có kết quả điện tử");
        m.put("4.2", "Hồ sơ số hóa thành phần và có kết quả điện tử");
        m.put("4.3", "Tái sử dụng dữ liệu số hóa");
        m.put("4.4", "Hồ sơ lấy dữ liệu từ kho cá nhân");
        m.put("4.5a", "TTHC khai thác dữ liệu công dân");
        m.put("4.5b", "Hồ sơ khai thác dữ liệu công dân");
        m.put("4.6", "Chứng thực bản sao điện tử");
        m.put("5.2", "Phản ánh, kiến nghị xử lý đúng hạn");
        m.put("5.3", "Hài lòng với xử lý phản ánh, kiến nghị");
        m.put("5.4", "Hài lòng với giải quyết hồ sơ");
        return java.util.Collections.unmodifiableMap(m);
    }
}
