package vn.hoso.contract;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Masks personal data in raw text kept for quarantine: the values of known personal fields, then any
 * e-mail address, phone number and run of 9 or more digits anywhere in the text (CONTRACT.md).
 */
public final class Masking {
    public static final String MASK = "***";
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final Pattern PHONE =
            Pattern.compile("(?<![\\d])(?:\\+?84|0)[\\s.-]?\\d{2,4}[\\s.-]?\\d{3}[\\s.-]?\\d{3,4}(?![\\d])");
    private static final Pattern LONG_DIGITS = Pattern.compile("\\d{9,}");

    private Masking() {
    }

    /** Masks free text: e-mails, phone numbers and long digit runs. */
    public static String maskText(String text) {
        if (text == null) {
            return null;
        }
        String s = EMAIL.matcher(text).replaceAll(MASK);
        s = PHONE.matcher(s).replaceAll(MASK);
        return LONG_DIGITS.matcher(s).replaceAll(MASK);
    }

    /**
     * Masks a raw JSON-ish line even when it does not parse: the value of each personal field
     * ({@code "ChuHoSo": "…"}, a number, or an array/object up to its first closing bracket) is replaced.
     */
    public static String maskJsonLine(String line, List<String> personalFields) {
        if (line == null) {
            return null;
        }
        String names = personalFields.stream().map(Pattern::quote).collect(Collectors.joining("|"));
        Pattern field = Pattern.compile("(\"(?:" + names + ")\"\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"?|\\[[^\\]]*]?|\\{[^}]*}?|[^,}\\]]*)");
        Matcher m = field.matcher(line);
        String s = m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + "\"" + MASK + "\""));
        return maskText(s);
    }
}
