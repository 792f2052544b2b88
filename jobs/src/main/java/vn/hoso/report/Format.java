package vn.hoso.report;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Number and date formats of the Vietnamese reports: 1.234 for counts, 56,7% for shares, dd/mm/yyyy. */
public final class Format {
    private static final Locale VI = Locale.forLanguageTag("vi-VN");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
    /** Excel number formats of the same figures (Excel shows them with the reader's separators). */
    public static final String XLSX_COUNT = "#,##0";
    public static final String XLSX_RATE = "0.0%";
    public static final String XLSX_DECIMAL = "#,##0.0";

    private Format() {
    }

    public static String count(Object n) {
        return n == null ? "–" : String.format(VI, "%,d", ((Number) n).longValue());
    }

    public static String percent(Object share) {
        return share == null ? "–" : String.format(VI, "%.1f%%", ((Number) share).doubleValue() * 100);
    }

    /** A share in the printed reports: 45,6 % (Vietnamese typesetting puts a space before the sign). */
    public static String rate(Object share) {
        return share == null ? "–" : String.format(VI, "%,.1f %%", ((Number) share).doubleValue() * 100);
    }

    /** One decimal with Vietnamese separators: 1.234,5. */
    public static String number(Object x) {
        return x == null ? "–" : String.format(VI, "%,.1f", ((Number) x).doubleValue());
    }

    public static String decimal(Object x) {
        return x == null ? "–" : String.format(VI, "%.2f", ((Number) x).doubleValue());
    }

    /** A gap between two shares, in percentage points: +3,2 điểm %. */
    public static String points(Object gap) {
        return gap == null ? "–" : String.format(VI, "%+.1f điểm %%", ((Number) gap).doubleValue() * 100);
    }

    public static String date(LocalDate d) {
        return d == null ? "–" : DAY.format(d);
    }

    /** A DuckDB DATE or TIMESTAMP as dd/mm/yyyy. */
    public static String date(Object d) {
        LocalDateTime t = dateTime(d);
        return t == null ? "–" : DAY.format(t);
    }

    public static String minute(Object d) {
        LocalDateTime t = dateTime(d);
        return t == null ? "–" : MINUTE.format(t);
    }

    static LocalDateTime dateTime(Object d) {
        if (d instanceof java.sql.Timestamp ts) {
            return ts.toLocalDateTime();
        }
        if (d instanceof java.sql.Date sd) {
            return sd.toLocalDate().atStartOfDay();
        }
        if (d instanceof LocalDateTime t) {
            return t;
        }
        if (d instanceof LocalDate ld) {
            return ld.atStartOfDay();
        }
        if (d instanceof java.time.OffsetDateTime o) {
            return o.toLocalDateTime();
        }
        return null;
    }
}
