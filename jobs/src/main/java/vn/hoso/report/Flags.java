package vn.hoso.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The priority list's flags and service levels in words, for the terminal table and the reports alike. */
public final class Flags {
    public static final String LEGEND = "Cờ: 80% = thuộc nhóm chiếm 80% số hồ sơ; NC = đủ điều kiện nhưng chưa toàn trình;"
            + " GIẤY = hồ sơ giấy song song ≥ 5%; HL = hài lòng < 90%; TCT = đã tái cấu trúc.";

    /** A parallel-paper hotspot: the marts' threshold of sql/constants.yml, applied here to units too. */
    public static final double PAPER_HOTSPOT = vn.hoso.config.Constants.PAPER_HOTSPOT_MIN_RATE.doubleValue();

    private Flags() {
    }

    public static String level(Object serviceLevel) {
        if (serviceLevel == null) {
            return "?";
        }
        return switch (serviceLevel.toString()) {
            case "TOAN_TRINH" -> "toàn trình";
            case "MOT_PHAN" -> "một phần";
            default -> "không";
        };
    }

    /** The flags a procedure_priority row carries, as the marts set them. */
    public static String of(Map<String, Object> r) {
        List<String> f = new ArrayList<>();
        if (Boolean.TRUE.equals(r.get("in_pareto_80"))) {
            f.add("80%");
        }
        if (Boolean.TRUE.equals(r.get("upgrade_candidate"))) {
            f.add("NC");
        }
        if (Boolean.TRUE.equals(r.get("paper_hotspot"))) {
            f.add("GIẤY");
        }
        if (Boolean.TRUE.equals(r.get("low_satisfaction"))) {
            f.add("HL");
        }
        if (Boolean.TRUE.equals(r.get("reengineered"))) {
            f.add("TCT");
        }
        return String.join(" ", f);
    }

    /** A scorecard scope in words: toàn tỉnh, đơn vị X, nhóm lĩnh vực Y. */
    public static String scope(String scope) {
        if (scope.equals("province")) {
            return "toàn tỉnh";
        }
        if (scope.startsWith("sector_group:")) {
            return "nhóm lĩnh vực " + scope.substring(13);
        }
        if (scope.startsWith("procedures_min_received:")) {
            return "TTHC ≥ " + scope.substring(24) + " hồ sơ";
        }
        return scope.replace("unit:", "đơn vị ");
    }
}
