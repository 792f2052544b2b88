package vn.hoso.contract;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The portal's timestamp formats: {@code yyyyMMddHHmmss} or ISO-8601; no offset means UTC+07:00. */
public final class Timestamps {
    public static final ZoneId VIETNAM = vn.hoso.config.Constants.UTC_OFFSET;
    /**
     * The years a timestamp or date of the contract may fall in (Vietnam time, both included): earlier ones
     * are sentinels such as 0001-01-01, later ones typos, and neither can be stored or counted.
     */
    public static final int MIN_YEAR = 1900;
    public static final int MAX_YEAR = 2100;

    private Timestamps() {
    }

    /** @throws DateTimeParseException when the text is in neither format */
    public static Instant parse(String text) {
        String s = text.trim();
        if (s.length() == 14 && allDigits(s)) {
            return portal(s);
        }
        if (s.length() == 10) {
            return LocalDate.parse(s).atStartOfDay(VIETNAM).toInstant();
        }
        String iso = s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
        if (hasOffset(iso)) {
            return OffsetDateTime.parse(iso).toInstant();
        }
        return LocalDateTime.parse(iso).atZone(VIETNAM).toInstant();
    }

    /** A calendar date: {@code yyyy-MM-dd}, {@code yyyyMMdd}, or a timestamp whose local date is taken. */
    public static LocalDate parseDate(String text) {
        String s = text.trim();
        if (s.length() == 8 && s.chars().allMatch(Character::isDigit)) {
            return LocalDate.parse(s, DateTimeFormatter.BASIC_ISO_DATE);
        }
        if (s.length() == 10) {
            return LocalDate.parse(s);
        }
        return localDate(parse(s));
    }

    /** Whether a local date lies in {@link #MIN_YEAR}..{@link #MAX_YEAR}. */
    public static boolean inRange(LocalDate local) {
        return local.getYear() >= MIN_YEAR && local.getYear() <= MAX_YEAR;
    }

    public static LocalDate localDate(Instant instant) {
        return instant.atZone(VIETNAM).toLocalDate();
    }

    /**
     * {@code yyyyMMddHHmmss} read digit by digit: the format of almost every timestamp in the feed, so the
     * ingest's hot path (the formatter's general parser costs several times more). Same strictness:
     * a month, day, hour, minute or second out of range is an error.
     */
    private static Instant portal(String s) {
        try {
            LocalDateTime t = LocalDateTime.of(digits(s, 0, 4), digits(s, 4, 2), digits(s, 6, 2), digits(s, 8, 2),
                    digits(s, 10, 2), digits(s, 12, 2));
            return Instant.ofEpochSecond(t.toEpochSecond((ZoneOffset) VIETNAM));
        } catch (java.time.DateTimeException e) {
            throw new DateTimeParseException("Text '" + s + "' could not be parsed: " + e.getMessage(), s, 0, e);
        }
    }

    private static int digits(String s, int from, int n) {
        int v = 0;
        for (int i = from; i < from + n; i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        return v;
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean hasOffset(String iso) {
        int t = iso.indexOf('T');
        if (t < 0) {
            return false;
        }
        String time = iso.substring(t);
        return time.endsWith("Z") || time.indexOf('+') >= 0 || time.indexOf('-') >= 0;
    }
}
