package vn.hoso.report;

import vn.hoso.index766.Index766Profile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Vietnamese names the terminal view and the report give the Decision 766 index: its six groups (in the
 * portal's order), its indicators, the confidence marks and the unit levels of the ranking.
 *
 * <p>This is the only place the command and the report take these names from. The formula profile
 * ({@code sql/index766/qd766-portal-2026.yml}, loader {@code vn.hoso.index766.Index766Profile}) holds the group and
 * indicator labels; {@link #GROUPS} and {@link #INDICATORS} are read from it.
 * Figures (max points, scores) are never taken from here but from the gold tables; {@link Group#max()} is only the
 * fallback when a group has no row.
 */
public final class Index766Labels {
    /** A group of the index: code as in the gold tables, label, the portal's maximum, short sheet name. */
    public record Group(String code, String labelVi, double max, String sheet) {
    }

    /** The workbook's sheet name of each group: ≤ 31 characters, none of : \\ / ? * [ ]. */
    private static final Map<String, String> SHEETS = Map.of("cong_khai", "766 - Công khai", "tien_do", "766 - Tiến độ",
            "dvctt", "766 - DVC trực tuyến", "thanh_toan", "766 - Thanh toán", "so_hoa", "766 - Số hóa", "hai_long", "766 - Hài lòng");

    /** The six groups in the portal's order, as the default formula profile names them (one definition). */
    public static final List<Group> GROUPS = Index766Profile.load(Index766Profile.DEFAULT).groups().stream()
            .map(g -> new Group(g.code(), g.labelVi(), g.maxPoints().doubleValue(),
                    SHEETS.getOrDefault(g.code(), ("766 - " + g.code()).replaceAll("[:\\\\/?*\\[\\]]", "_"))))
            .toList();

    /** Indicator labels of the default formula profile; an unknown code is shown as itself. */
    public static final Map<String, String> INDICATORS = Index766Profile.load(Index766Profile.DEFAULT).indicators().stream()
            .collect(java.util.stream.Collectors.toMap(Index766Profile.Indicator::code, Index766Profile.Indicator::labelVi,
                    (x, y) -> x, LinkedHashMap::new));

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
}
