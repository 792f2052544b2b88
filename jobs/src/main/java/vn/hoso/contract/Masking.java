package vn.hoso.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.Serializable;
import java.text.Normalizer;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Masks personal data in text kept for quarantine (CONTRACT.md "Bad input"). Every function here is one
 * or two linear passes without regular expressions, so a hostile line of any length cannot make it slow
 * or overflow the stack, and none of them throws on any input.
 *
 * <ul>
 *   <li>{@link #maskText}: free text — e-mail addresses and every run of 9 or more digits (phone and ID
 *       numbers however grouped: spaces, no-break spaces, dots, dashes, slashes, brackets, a leading +;
 *       fullwidth and other Unicode digits count as digits).</li>
 *   <li>{@link #maskJsonLine}: a line that parses as JSON is written again with only the values of the
 *       contract's non-personal fields (names compared case-insensitively, after JSON unescaping); every
 *       other value is {@value #MASK}; a kept value that is not a code, number or timestamp keeps no words
 *       ({@link #maskValue}). A line that does not parse keeps no letters but field names.</li>
 *   <li>{@link #maskReason}: a rejection message without the value it quotes.</li>
 * </ul>
 */
public final class Masking {
    public static final String MASK = "***";
    /** A run of at least this many digits is masked: a phone number (10-11 digits) or an ID number (9-12). */
    static final int LONG_DIGITS = 9;
    /** Separators allowed between the digit groups of one number, at most this many in a row ("(028) 3822"). */
    private static final int MAX_GAP = 3;

    /** Jackson limits nesting (1,000) and number length, so the recursion below is bounded. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private Masking() {
    }

    /**
     * Which values of a record may be kept: the fields' names (upper-cased) and, for fields holding arrays
     * or objects, the rules of their elements. A field not in {@code kept} has its value masked.
     *
     * @param names every field name of the contract, personal ones included (kept as names in unparsable text)
     * @param kept  the non-personal fields whose values are kept
     * @param items rules for the elements of array or object fields
     */
    public record Rules(Set<String> names, Set<String> kept, Map<String, Rules> items) implements Serializable {
        public Rules {
            names = upper(names);
            kept = upper(kept);
            items = items.entrySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                    e -> key(e.getKey()), Map.Entry::getValue));
        }

        private static Set<String> upper(Set<String> s) {
            return s.stream().map(Masking::key).collect(java.util.stream.Collectors.toUnmodifiableSet());
        }

        boolean keeps(String field) {
            return kept.contains(key(field));
        }

        boolean isName(String word) {
            return names.contains(key(word)) || items.values().stream().anyMatch(r -> r.isName(word));
        }
    }

    private static String key(String name) {
        return name.toUpperCase(Locale.ROOT);
    }

    /** Masks free text: e-mail addresses, then every run of 9 or more digits. Null stays null. */
    public static String maskText(String text) {
        if (text == null) {
            return null;
        }
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC);
        return scan(maskEmails(s), null);
    }

    /** No field names: every word is masked. */
    private static final Rules NO_NAMES = new Rules(Set.of(), Set.of(), Map.of());
    /** Longest value still shown as a code (a dossier code, a timestamp, a result link). */
    private static final int MAX_CODE = 200;

    /**
     * The value of a non-personal field: kept (with {@link #maskText}) when it looks like what such fields
     * hold — a code, number, timestamp or link: ASCII without spaces; anything else (a name typed where a
     * timestamp or a code belongs) keeps no words, only short digit groups and punctuation.
     */
    public static String maskValue(String value) {
        if (value == null) {
            return null;
        }
        String s = maskText(value);
        boolean code = s.length() <= MAX_CODE;
        for (int i = 0; i < s.length() && code; i++) {
            char c = s.charAt(i);
            code = c > ' ' && c < 127;
        }
        return code ? s : scan(s, NO_NAMES);
    }

    /**
     * The raw text of a quarantined JSON line with personal data removed: re-serialised with only the values
     * of {@code rules}' kept fields (their strings still pass {@link #maskText}), or, when it does not parse,
     * with every word that is not a field name replaced by {@value #MASK} and long digit runs masked.
     */
    public static String maskJsonLine(String line, Rules rules) {
        if (line == null) {
            return null;
        }
        try {
            JsonNode root = JSON.readTree(line);
            if (root != null && root.isContainerNode()) {
                return JSON.writeValueAsString(maskNode(root, rules));
            }
        } catch (JsonProcessingException | RuntimeException e) {
            // not JSON (or past Jackson's limits): the word mask below
        }
        return maskWords(line, rules);
    }

    /**
     * Text that must keep no letters but field names (an unparsable line, a CSV record that does not split):
     * every word (letters, marks, digits, underscores; a JSON escape such as {@code \u0054} included) that is
     * not a field name becomes {@value #MASK}; digit runs are masked as in {@link #maskText}.
     */
    public static String maskWords(String text, Rules rules) {
        if (text == null) {
            return null;
        }
        return scan(Normalizer.normalize(text, Normalizer.Form.NFKC), rules);
    }

    /**
     * A rejection message fit for the quarantine's reason column: the value it quotes (from the first to the
     * last single quote) is replaced by {@value #MASK}, and the rest passes {@link #maskText}. Field names,
     * positions and the rule broken stay.
     */
    public static String maskReason(String message) {
        if (message == null) {
            return null;
        }
        int first = message.indexOf('\'');
        int last = message.lastIndexOf('\'');
        String s = first < 0 ? message
                : message.substring(0, first) + "'" + MASK + "'" + (last > first ? message.substring(last + 1) : "");
        return maskText(s);
    }

    /** An object: the kept fields' values, masked; every other value is the mask. */
    private static JsonNode maskNode(JsonNode node, Rules rules) {
        if (node.isArray()) {
            return maskArray(node, rules);
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode value = e.getValue();
            String safeName = rules.isName(name) ? name : identifier(name) ? maskText(name) : MASK;
            JsonNode masked;
            if (value.isNull()) {
                masked = value;
            } else if (!rules.keeps(name)) {
                masked = TextNode.valueOf(MASK);
            } else if (value.isContainerNode()) {
                Rules inner = rules.items().get(key(name));
                masked = inner == null ? TextNode.valueOf(MASK) : maskNode(value, inner);
            } else {
                masked = maskScalar(value);
            }
            out.set(safeName, masked);
        }
        return out;
    }

    /** An array of a kept field: its objects masked by the items' rules; anything else is not the contract's. */
    private static JsonNode maskArray(JsonNode array, Rules items) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (JsonNode item : array) {
            out.add(item.isObject() ? maskNode(item, items) : item.isNull() ? item : TextNode.valueOf(MASK));
        }
        return out;
    }

    /** A string or number of a kept field, with its long digit runs and e-mails masked. */
    private static JsonNode maskScalar(JsonNode v) {
        if (v.isTextual()) {
            return TextNode.valueOf(maskValue(v.asText()));
        }
        String text = v.asText();
        return maskText(text).equals(text) ? v : TextNode.valueOf(MASK);
    }

    /** An unknown field's name is kept only when it looks like a field name (ASCII letters, digits, underscore). */
    private static boolean identifier(String name) {
        if (name.isEmpty() || name.length() > 64) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c < 128 && (Character.isLetterOrDigit(c) || c == '_'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean emailLocal(int c) {
        return Character.isLetterOrDigit(c) || mark(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }

    private static boolean emailDomain(int c) {
        return Character.isLetterOrDigit(c) || mark(c) || c == '.' || c == '-';
    }

    private static boolean mark(int c) {
        int t = Character.getType(c);
        return t == Character.NON_SPACING_MARK || t == Character.COMBINING_SPACING_MARK || t == Character.ENCLOSING_MARK;
    }

    /**
     * Replaces {@code local@domain} (any letters, Vietnamese ones included) by the mask. Each '@' looks back
     * only as far as the text not yet emitted and forward to the next non-domain character: linear.
     */
    private static String maskEmails(String s) {
        if (s.indexOf('@') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int emitted = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) != '@') {
                continue;
            }
            int start = i;
            while (start > emitted && emailLocal(s.charAt(start - 1))) {
                start--;
            }
            int end = i + 1;
            while (end < s.length() && emailDomain(s.charAt(end))) {
                end++;
            }
            if (start < i && end > i + 1) {
                out.append(s, emitted, start).append(MASK);
                emitted = end;
                i = end - 1;
            }
        }
        return out.append(s, emitted, s.length()).toString();
    }

    private static boolean separator(int c) {
        return c == ' ' || c == '.' || c == '-' || c == '/' || c == '(' || c == ')' || c == '+'
                || Character.isSpaceChar(c) || c == '\t';
    }

    private static boolean wordChar(int c) {
        return Character.isLetterOrDigit(c) || mark(c) || c == '_';
    }

    /**
     * One pass: digit runs (digit groups joined by up to {@link #MAX_GAP} separators) of 9 or more digits
     * become the mask, with a "(+" right before them; with {@code words} set, so does every word that is not
     * a field name. Every index is looked at a bounded number of times.
     */
    private static String scan(String s, Rules words) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        int n = s.length();
        while (i < n) {
            int c = s.codePointAt(i);
            if (Character.isDigit(c)) {
                int end = i;
                int digits = 0;
                int j = i;
                while (j < n) {
                    int d = s.codePointAt(j);
                    if (Character.isDigit(d)) {
                        digits++;
                        j += Character.charCount(d);
                        end = j;
                        continue;
                    }
                    int k = j;
                    while (k < n && k - j < MAX_GAP && separator(s.charAt(k))) {
                        k++;
                    }
                    if (k > j && k < n && Character.isDigit(s.codePointAt(k))) {
                        j = k;
                        continue;
                    }
                    break;
                }
                boolean inWord = words != null && end < n && wordChar(s.codePointAt(end)) && !Character.isDigit(s.codePointAt(end));
                if (digits >= LONG_DIGITS) {
                    while (out.length() > 0 && (out.charAt(out.length() - 1) == '(' || out.charAt(out.length() - 1) == '+')) {
                        out.setLength(out.length() - 1);
                    }
                    out.append(MASK);
                    i = end;
                } else if (inWord) {
                    // digits glued to letters ("123abc"): the whole word is masked below
                    i = maskWord(s, i, words, out);
                } else {
                    out.append(s, i, end);
                    i = end;
                }
            } else if (words != null && wordChar(c)) {
                i = maskWord(s, i, words, out);
            } else {
                out.appendCodePoint(c);
                i += Character.charCount(c);
            }
        }
        return out.toString();
    }

    /** Copies the word at {@code i} if it is a field name, else the mask; returns the index after it. */
    private static int maskWord(String s, int i, Rules words, StringBuilder out) {
        int j = i;
        while (j < s.length() && wordChar(s.codePointAt(j))) {
            j += Character.charCount(s.codePointAt(j));
        }
        String word = s.substring(i, j);
        out.append(words.isName(word) ? word : MASK);
        return j;
    }
}
