package vn.hoso.contract;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and checks one contract field from a JSON node or a CSV cell, so that both feeds apply the
 * same rules: required, type, enum, pattern, timestamp format, and no event after the run date + 1.
 *
 * <p>Types, in JSON: a string (code or text) is a JSON string only; an integer is a JSON integer or a
 * string of digits ({@code 9}, {@code "9"}, {@code "-3"}) within the 32-bit range, never a fraction
 * ({@code 2.0}, {@code "2.0"}); a number is a finite JSON number or decimal string, at least 0 (the
 * contract's numbers are amounts in VND); timestamps and dates are strings (a timestamp may also be a
 * JSON integer {@code yyyyMMddHHmmss}) whose year in Vietnam time is in {@link Timestamps#MIN_YEAR}..
 * {@link Timestamps#MAX_YEAR}, bounds included. Booleans, objects and arrays are none of these.
 */
public final class FieldReader {
    private FieldReader() {
    }

    public static boolean isMissing(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() || (node.isTextual() && node.asText().isBlank());
    }

    /** @return the checked value (String, Long, Double, Instant, LocalDate), or null when absent and optional */
    public static Object read(FieldSpec f, JsonNode node, LocalDate runDate, String path) throws Rejection {
        if (isMissing(node)) {
            if (f.required()) {
                throw new Rejection(QuarantineReason.MISSING_FIELD, "required field " + path + " is missing");
            }
            return null;
        }
        if (node.isContainerNode() && f.kind() != FieldKind.ARRAY && f.kind() != FieldKind.ANY) {
            throw new Rejection(QuarantineReason.BAD_TYPE, path + " must be a single value, not " + node.getNodeType());
        }
        String text = node.isTextual() ? node.asText().trim() : node.isNumber() ? node.numberValue().toString() : node.asText();
        return switch (f.kind()) {
            case STRING -> checkPattern(f, string(node, text, path), path);
            case INTEGER -> checkEnum(f, integer(node, text, path), path);
            case NUMBER -> number(node, text, path);
            case TIMESTAMP -> checkFuture(f, timestamp(node, text, path), runDate, path);
            case DATE -> date(text, path);
            case ARRAY, ANY -> node;
        };
    }

    /** The same checks for a CSV cell; an empty cell is absent. */
    public static Object readCell(FieldSpec f, String cell, LocalDate runDate) throws Rejection {
        String text = cell == null ? null : cell.trim();
        if (text == null || text.isEmpty()) {
            if (f.required()) {
                throw new Rejection(QuarantineReason.MISSING_FIELD, "required column " + f.name() + " is empty");
            }
            return null;
        }
        return switch (f.kind()) {
            case STRING -> checkPattern(f, text, f.name());
            case INTEGER -> checkEnum(f, integerText(text, f.name()), f.name());
            case NUMBER -> numberText(text, f.name());
            case TIMESTAMP -> checkFuture(f, timestampText(text, f.name()), runDate, f.name());
            case DATE -> date(text, f.name());
            case ARRAY, ANY -> text;
        };
    }

    private static String checkPattern(FieldSpec f, String text, String path) throws Rejection {
        // nested fields (path "List[i].Field") are checked but never stored, so only top-level codes are
        if (!f.personal() && !f.freeText() && path.equals(f.name())) {
            checkCode(text, path);
        }
        if (f.pattern() != null && !f.pattern().matcher(text).matches()) {
            throw new Rejection(QuarantineReason.BAD_PATTERN,
                    path + " '" + Masking.maskText(text) + "' does not match " + f.pattern().pattern());
        }
        if (f.hasEnum() && !f.allowed().contains(text)) {
            throw new Rejection(QuarantineReason.BAD_ENUM, path + " '" + Masking.maskText(text) + "' is not one of " + f.allowed());
        }
        return text;
    }

    /** The shortest digit run Masking treats as personal (CONTRACT.md: "any run of 9 or more digits"). */
    static final int LONG_DIGIT_RUN = 9;

    /**
     * A code (a stored top-level string that is neither personal nor free text) is one word: no white space,
     * no control character, no {@code @}, no run of {@link #LONG_DIGIT_RUN}+ digits. So an ID number, phone,
     * e-mail, name or address put in a code's place is quarantined instead of stored. One pass over the text.
     */
    private static void checkCode(String text, String path) throws Rejection {
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c) || c == '@') {
                throw new Rejection(QuarantineReason.BAD_PATTERN, path + " is not a code: it holds a space, a line break,"
                        + " a control character or an @");
            }
            run = Character.isDigit(c) ? run + 1 : 0;
            if (run >= LONG_DIGIT_RUN) {
                throw new Rejection(QuarantineReason.BAD_PATTERN, path + " holds a run of " + LONG_DIGIT_RUN
                        + " or more digits (an ID or phone number is not a code)");
            }
        }
    }

    private static Long checkEnum(FieldSpec f, Long value, String path) throws Rejection {
        Set<Object> allowed = f.allowed();
        if (f.hasEnum() && !allowed.contains(value)) {
            throw new Rejection(QuarantineReason.BAD_ENUM, path + " = " + value + " is not one of " + allowed);
        }
        return value;
    }

    private static Instant checkFuture(FieldSpec f, Instant ts, LocalDate runDate, String path) throws Rejection {
        if (f.eventTime() && runDate != null && Timestamps.localDate(ts).isAfter(runDate.plusDays(1))) {
            throw new Rejection(QuarantineReason.FUTURE_TIMESTAMP,
                    path + " = " + ts.atZone(Timestamps.VIETNAM).toLocalDateTime()
                            + " is more than a day after the run date " + runDate);
        }
        return ts;
    }

    /** A code or text: a JSON string, not a number or boolean (123 for a unit code would be a guess). */
    private static String string(JsonNode node, String text, String path) throws Rejection {
        if (!node.isTextual()) {
            throw new Rejection(QuarantineReason.BAD_TYPE, path + " must be a string, found " + node.getNodeType());
        }
        return text;
    }

    private static Long integer(JsonNode node, String text, String path) throws Rejection {
        if (node.isIntegralNumber()) {
            if (!node.canConvertToInt()) {
                throw new Rejection(QuarantineReason.OUT_OF_RANGE, path + " = " + Masking.maskText(text)
                        + " is outside the integer range " + Integer.MIN_VALUE + ".." + Integer.MAX_VALUE);
            }
            return node.asLong();
        }
        if (node.isTextual()) {
            return integerText(text, path);
        }
        throw new Rejection(QuarantineReason.BAD_TYPE, path + " must be an integer, found " + node.getNodeType()
                + (node.isNumber() ? " " + Masking.maskText(text) : ""));
    }

    private static final Pattern INTEGER_TEXT = Pattern.compile("-?[0-9]+");
    private static final Pattern DECIMAL_TEXT = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    private static Long integerText(String text, String path) throws Rejection {
        if (!INTEGER_TEXT.matcher(text).matches()) {
            throw new Rejection(QuarantineReason.BAD_TYPE, path + " must be an integer, found '" + Masking.maskText(text) + "'");
        }
        try {
            return (long) Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new Rejection(QuarantineReason.OUT_OF_RANGE, path + " = " + Masking.maskText(text)
                    + " is outside the integer range " + Integer.MIN_VALUE + ".." + Integer.MAX_VALUE);
        }
    }

    private static Double number(JsonNode node, String text, String path) throws Rejection {
        if (node.isNumber()) {
            return checkAmount(node.asDouble(), text, path);
        }
        if (node.isTextual()) {
            return numberText(text, path);
        }
        throw new Rejection(QuarantineReason.BAD_TYPE, path + " must be a number, found " + node.getNodeType());
    }

    private static Double numberText(String text, String path) throws Rejection {
        if (!DECIMAL_TEXT.matcher(text).matches()) {
            throw new Rejection(QuarantineReason.BAD_TYPE, path + " must be a number, found '" + Masking.maskText(text) + "'");
        }
        return checkAmount(Double.parseDouble(text), text, path);
    }

    /** The contract's numbers are amounts (fees in VND): finite and not negative. */
    private static Double checkAmount(double v, String text, String path) throws Rejection {
        if (!Double.isFinite(v) || v < 0) {
            throw new Rejection(QuarantineReason.OUT_OF_RANGE, path + " = " + Masking.maskText(text)
                    + " is not a finite amount >= 0");
        }
        return v;
    }

    private static Instant timestamp(JsonNode node, String text, String path) throws Rejection {
        if (!node.isTextual() && !node.isIntegralNumber()) {
            throw new Rejection(QuarantineReason.BAD_TYPE, path + " must be a timestamp string, found " + node.getNodeType());
        }
        return timestampText(text, path);
    }

    private static Instant timestampText(String text, String path) throws Rejection {
        Instant ts;
        try {
            ts = Timestamps.parse(text);
        } catch (DateTimeException | ArithmeticException e) {
            throw new Rejection(QuarantineReason.BAD_TIMESTAMP,
                    path + " '" + Masking.maskText(text) + "' is neither yyyyMMddHHmmss nor ISO-8601");
        }
        checkYear(Timestamps.localDate(ts), text, path);
        return ts;
    }

    private static LocalDate date(String text, String path) throws Rejection {
        LocalDate d;
        try {
            d = Timestamps.parseDate(text);
        } catch (DateTimeException | ArithmeticException e) {
            throw new Rejection(QuarantineReason.BAD_TIMESTAMP, path + " '" + Masking.maskText(text) + "' is not a date (yyyy-MM-dd)");
        }
        checkYear(d, text, path);
        return d;
    }

    private static void checkYear(LocalDate local, String text, String path) throws Rejection {
        if (!Timestamps.inRange(local)) {
            throw new Rejection(QuarantineReason.OUT_OF_RANGE, path + " '" + Masking.maskText(text) + "' is outside the years "
                    + Timestamps.MIN_YEAR + ".." + Timestamps.MAX_YEAR);
        }
    }
}
