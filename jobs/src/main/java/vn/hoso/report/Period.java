package vn.hoso.report;

import vn.hoso.config.UserError;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A report period as the command names it ({@code 2025-09}, {@code 2025-Q3}, {@code 2025}, {@code 2025-YTD-09})
 * and as the {@code kpi} table keys it (period_type M, Q, Y, YTD; YTD is named by its last month).
 */
public record Period(String type, int year, int number) {
    private static final Pattern FORM = Pattern.compile("(\\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4])|-YTD-(0[1-9]|1[0-2]))?");
    private static final String[] ROMAN = {"I", "II", "III", "IV"};

    public static Period parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new UserError("bad --period '" + text + "': use a month 2025-09, a quarter 2025-Q3, a year 2025"
                    + " or a year to date 2025-YTD-09");
        }
        int year = Integer.parseInt(m.group(1));
        if (m.group(2) != null) {
            return new Period("M", year, Integer.parseInt(m.group(2)));
        }
        if (m.group(3) != null) {
            return new Period("Q", year, Integer.parseInt(m.group(3)));
        }
        if (m.group(4) != null) {
            return new Period("YTD", year, Integer.parseInt(m.group(4)));
        }
        return new Period("Y", year, 0);
    }

    /** The {@code kpi.period} value. */
    public String key() {
        return switch (type) {
            case "M", "YTD" -> String.format("%d-%02d", year, number);
            case "Q" -> year + "-Q" + number;
            default -> Integer.toString(year);
        };
    }

    /** As the command line names it, also the folder name under reports/. */
    public String name() {
        return type.equals("YTD") ? String.format("%d-YTD-%02d", year, number) : key();
    }

    public LocalDate start() {
        return switch (type) {
            case "M" -> LocalDate.of(year, number, 1);
            case "Q" -> LocalDate.of(year, number * 3 - 2, 1);
            default -> LocalDate.of(year, 1, 1);
        };
    }

    public LocalDate end() {
        return switch (type) {
            case "M", "YTD" -> YearMonth.of(year, number).atEndOfMonth();
            case "Q" -> YearMonth.of(year, number * 3).atEndOfMonth();
            default -> LocalDate.of(year, 12, 31);
        };
    }

    /** The period before (a year to date has none that compares: the same period last year is its comparison). */
    public Period previous() {
        return switch (type) {
            case "M" -> number == 1 ? new Period("M", year - 1, 12) : new Period("M", year, number - 1);
            case "Q" -> number == 1 ? new Period("Q", year - 1, 4) : new Period("Q", year, number - 1);
            case "Y" -> new Period("Y", year - 1, 0);
            default -> null;
        };
    }

    public Period sameLastYear() {
        return new Period(type, year - 1, number);
    }

    /** Vietnamese label: tháng 9/2025, quý III/2025, năm 2025, 9 tháng đầu năm 2025. */
    public String labelVi() {
        return switch (type) {
            case "M" -> "tháng " + number + "/" + year;
            case "Q" -> "quý " + ROMAN[number - 1] + "/" + year;
            case "YTD" -> number + " tháng đầu năm " + year;
            default -> "năm " + year;
        };
    }

    /** The label with its dates: quý III/2025 (01/07/2025–30/09/2025). */
    public String fullLabelVi() {
        return labelVi() + " (" + Format.date(start()) + "–" + Format.date(end()) + ")";
    }
}
