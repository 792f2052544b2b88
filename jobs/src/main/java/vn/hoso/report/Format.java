package vn.hoso.report;

import java.util.Locale;

/** Number formats of the Vietnamese reports: 1.234 for counts, 56,7% for shares. */
public final class Format {
    private static final Locale VI = Locale.forLanguageTag("vi-VN");

    private Format() {
    }

    public static String count(Object n) {
        return n == null ? "–" : String.format(VI, "%,d", ((Number) n).longValue());
    }

    public static String percent(Object share) {
        return share == null ? "–" : String.format(VI, "%.1f%%", ((Number) share).doubleValue() * 100);
    }

    public static String decimal(Object x) {
        return x == null ? "–" : String.format(VI, "%.2f", ((Number) x).doubleValue());
    }
}
