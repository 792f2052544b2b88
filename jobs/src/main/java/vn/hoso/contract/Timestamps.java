package vn.hoso.contract;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/** The portal's timestamp formats: {@code yyyyMMddHHmmss} or ISO-8601; no offset means UTC+07:00. */
public final class Timestamps {
    public static final ZoneId VIETNAM = ZoneOffset.ofHours(7);
    private static final DateTimeFormatter PORTAL =
            DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withResolverStyle(ResolverStyle.STRICT);

    private Timestamps() {
    }

    /** @throws DateTimeParseException when the text is in neither format */
    public static Instant parse(String text) {
        String s = text.trim();
        if (s.length() == 14 && s.chars().allMatch(Character::isDigit)) {
            return LocalDateTime.parse(s, PORTAL).atZone(VIETNAM).toInstant();
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

    public static LocalDate localDate(Instant instant) {
        return instant.atZone(VIETNAM).toLocalDate();
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
