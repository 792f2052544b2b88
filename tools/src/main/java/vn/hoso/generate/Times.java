package vn.hoso.generate;

import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Vietnam local wall-clock time as seconds since 1970-01-01T00:00 local. Vietnam has kept UTC+07:00
 * without daylight saving since 1975, so plain arithmetic on these numbers is exact and cheap, which
 * matters when a million dossiers each need a dozen timestamps.
 */
final class Times {
    /** An unset timestamp. */
    static final long NONE = Long.MIN_VALUE;
    static final int MINUTE = 60;
    static final int HOUR = 3_600;
    static final int DAY = 86_400;

    /** Office hours of a one-stop desk (bộ phận một cửa): 07:30–11:30 and 13:30–17:00. */
    private static final int OPEN = 7 * HOUR + 30 * MINUTE;
    private static final int NOON = 11 * HOUR + 30 * MINUTE;
    private static final int REOPEN = 13 * HOUR + 30 * MINUTE;
    private static final int CLOSE = 17 * HOUR;
    private static final int MORNING = NOON - OPEN;
    private static final int OFFICE_DAY = MORNING + CLOSE - REOPEN;

    /** How a source system writes a timestamp; CONTRACT.md accepts all three. */
    enum Style { PORTAL, ISO_LOCAL, ISO_OFFSET }

    private Times() {
    }

    static long at(LocalDate date, int secondOfDay) {
        return date.toEpochDay() * DAY + secondOfDay;
    }

    static long day(long t) {
        return Math.floorDiv(t, DAY);
    }

    static LocalDate date(long t) {
        return LocalDate.ofEpochDay(day(t));
    }

    static int secondOfDay(long t) {
        return Math.floorMod(t, DAY);
    }

    /** Monday to Friday; 1970-01-01 (epoch day 0) was a Thursday. */
    static boolean isWorkingDay(long epochDay) {
        return Math.floorMod(epochDay + 3, 7) < 5;
    }

    /** The same time of day, {@code n} working days later (the way a due date is counted). */
    static long addWorkingDays(long t, int n) {
        long d = day(t);
        for (int left = n; left > 0; ) {
            d++;
            if (isWorkingDay(d)) {
                left--;
            }
        }
        return d * DAY + secondOfDay(t);
    }

    /** A random moment of a desk's opening hours on that day; at weekends desks open in the morning only. */
    static long officeTime(long epochDay, SplittableRandom rng) {
        if (!isWorkingDay(epochDay)) {
            return epochDay * DAY + OPEN + rng.nextInt(MORNING);
        }
        int u = rng.nextInt(OFFICE_DAY);
        return epochDay * DAY + (u < MORNING ? OPEN + u : REOPEN + u - MORNING);
    }

    /** The first moment at or after {@code t} when a desk of a working day is open. */
    static long nextOfficeMoment(long t) {
        long d = day(t);
        int s = secondOfDay(t);
        if (isWorkingDay(d)) {
            if (s < OPEN) {
                return d * DAY + OPEN;
            }
            if (s < NOON || (s >= REOPEN && s < CLOSE)) {
                return t;
            }
            if (s < REOPEN) {
                return d * DAY + REOPEN;
            }
        }
        do {
            d++;
        } while (!isWorkingDay(d));
        return d * DAY + OPEN;
    }

    /**
     * A moment of office hours, uniform over the office time that lies after {@code after} and on or
     * before {@code lastDay}; when there is none, a few minutes after {@code after}.
     */
    static long officeMomentBetween(long after, long lastDay, SplittableRandom rng) {
        long first = day(after);
        long total = 0;
        for (long d = first; d <= lastDay; d++) {
            total += officeSecondsAfter(d, after);
        }
        if (total <= 0) {
            return after + 5 * MINUTE + rng.nextInt(25 * MINUTE);
        }
        long pick = rng.nextLong(total);
        for (long d = first; ; d++) {
            long available = officeSecondsAfter(d, after);
            if (pick < available) {
                long opening = nextOfficeMoment(Math.max(after + 1, d * DAY + OPEN));
                return opening + skipLunch(opening, pick);
            }
            pick -= available;
        }
    }

    /** Adds {@code offset} office seconds to an office moment of the same day, jumping over lunch. */
    private static long skipLunch(long officeMoment, long offset) {
        int s = secondOfDay(officeMoment);
        if (s < NOON && s + offset >= NOON) {
            return offset + (REOPEN - NOON);
        }
        return offset;
    }

    private static long officeSecondsAfter(long d, long after) {
        if (!isWorkingDay(d)) {
            return 0;
        }
        long base = d * DAY;
        long from = Math.max(after + 1, base);
        return overlap(from, base + OPEN, base + NOON) + overlap(from, base + REOPEN, base + CLOSE);
    }

    private static long overlap(long from, long start, long end) {
        return Math.max(0, end - Math.max(from, start));
    }

    static String format(long t, Style style) {
        char[] out = new char[25];
        return new String(out, 0, format(t, style, out));
    }

    /** Writes {@code t} into {@code out} (25 chars suffice) and returns the length, without allocating. */
    static int format(long t, Style style, char[] out) {
        LocalDate d = date(t);
        int s = secondOfDay(t);
        boolean iso = style != Style.PORTAL;
        int i = 0;
        i = digits(out, i, d.getYear(), 4);
        if (iso) {
            out[i++] = '-';
        }
        i = digits(out, i, d.getMonthValue(), 2);
        if (iso) {
            out[i++] = '-';
        }
        i = digits(out, i, d.getDayOfMonth(), 2);
        if (iso) {
            out[i++] = 'T';
        }
        i = digits(out, i, s / HOUR, 2);
        if (iso) {
            out[i++] = ':';
        }
        i = digits(out, i, s / MINUTE % 60, 2);
        if (iso) {
            out[i++] = ':';
        }
        i = digits(out, i, s % 60, 2);
        if (style == Style.ISO_OFFSET) {
            for (char c : "+07:00".toCharArray()) {
                out[i++] = c;
            }
        }
        return i;
    }

    /** {@code yyMMdd}, as in the date part of a dossier code. */
    static String shortDate(long t) {
        LocalDate d = date(t);
        char[] out = new char[6];
        digits(out, 0, d.getYear() % 100, 2);
        digits(out, 2, d.getMonthValue(), 2);
        digits(out, 4, d.getDayOfMonth(), 2);
        return new String(out);
    }

    private static int digits(char[] out, int at, int value, int width) {
        for (int k = width - 1, v = value; k >= 0; k--, v /= 10) {
            out[at + k] = (char) ('0' + v % 10);
        }
        return at + width;
    }
}
