package vn.hoso.generate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import vn.hoso.contract.QuarantineReason;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An independent reading of the dossier contract, driven by the machine-readable JSON Schema in
 * {@code schemas/contract/}: the reason a line must be quarantined for, or null for a good line. The
 * generator's tests use it so that generated data and the contract files cannot drift apart.
 */
final class ContractCheck {
    static final ZoneOffset VIETNAM = ZoneOffset.ofHours(7);
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final List<Field> FIELDS = load();

    private ContractCheck() {
    }

    private record Field(String name, boolean required, String type, boolean timestamp, boolean eventTime,
                         List<Long> allowed, Pattern pattern, List<Field> items) {
    }

    /** Names of all fields, in the schema's order. */
    static List<String> fieldNames() {
        return FIELDS.stream().map(Field::name).toList();
    }

    /** Names of the required fields, as the schema lists them. */
    static List<String> requiredFields() {
        return FIELDS.stream().filter(Field::required).map(Field::name).toList();
    }

    /** A line's verdict: the reason to quarantine it (null when good) and its JSON when it parsed. */
    record Checked(QuarantineReason reason, JsonNode json) {
    }

    /** @param exportDay the {@code date=} of the file the line is in */
    static QuarantineReason check(byte[] line, LocalDate exportDay) {
        return read(line, exportDay).reason();
    }

    static Checked read(byte[] line, LocalDate exportDay) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line)).toString();
        } catch (CharacterCodingException e) {
            return new Checked(QuarantineReason.INVALID_UTF8, null);
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return new Checked(QuarantineReason.MALFORMED, null);
        }
        if (root == null || !root.isObject()) {
            return new Checked(QuarantineReason.MALFORMED, null);
        }
        return new Checked(check(root, exportDay), root);
    }

    private static QuarantineReason check(JsonNode root, LocalDate exportDay) {
        for (Field f : FIELDS) {
            QuarantineReason r = check(f, root.get(f.name), exportDay);
            if (r != null) {
                return r;
            }
        }
        JsonNode received = root.get("NgayTiepNhan");
        JsonNode finished = root.get("NgayKetThucXuLy");
        if (!missing(received) && !missing(finished)
                && parse(finished.asText()).isBefore(parse(received.asText()))) {
            return QuarantineReason.FINISHED_BEFORE_RECEIVED;
        }
        JsonNode due = root.get("NgayHenTra");
        if (!missing(received) && !missing(due) && parse(due.asText()).atZoneSameInstant(VIETNAM).toLocalDate()
                .isBefore(parse(received.asText()).atZoneSameInstant(VIETNAM).toLocalDate())) {
            return QuarantineReason.DUE_BEFORE_RECEIVED;
        }
        return null;
    }

    private static QuarantineReason check(Field f, JsonNode node, LocalDate exportDay) {
        if (missing(node)) {
            return f.required ? QuarantineReason.MISSING_FIELD : null;
        }
        if (f.timestamp) {
            if (!node.isTextual()) {
                return QuarantineReason.BAD_TYPE;
            }
            OffsetDateTime t;
            try {
                t = parse(node.asText());
            } catch (DateTimeException e) {
                return QuarantineReason.BAD_TIMESTAMP;
            }
            boolean future = t.atZoneSameInstant(VIETNAM).toLocalDate().isAfter(exportDay.plusDays(1));
            return f.eventTime && future ? QuarantineReason.FUTURE_TIMESTAMP : null;
        }
        switch (f.type) {
            case "integer" -> {
                long v;
                if (node.isIntegralNumber()) {
                    v = node.asLong();
                } else if (node.isTextual() && node.asText().matches("-?\\d+")) {
                    v = Long.parseLong(node.asText());
                } else {
                    return QuarantineReason.BAD_TYPE;
                }
                return f.allowed.isEmpty() || f.allowed.contains(v) ? null : QuarantineReason.BAD_ENUM;
            }
            case "string" -> {
                if (!node.isTextual()) {
                    return QuarantineReason.BAD_TYPE;
                }
                return f.pattern == null || f.pattern.matcher(node.asText()).matches() ? null
                        : QuarantineReason.BAD_PATTERN;
            }
            case "array" -> {
                if (!node.isArray()) {
                    return QuarantineReason.BAD_TYPE;
                }
                for (JsonNode item : node) {
                    for (Field sub : f.items) {
                        QuarantineReason r = check(sub, item.get(sub.name), exportDay);
                        if (r != null) {
                            return r;
                        }
                    }
                }
                return null;
            }
            default -> {
                return null;
            }
        }
    }

    static boolean missing(JsonNode n) {
        return n == null || n.isNull() || (n.isTextual() && n.asText().isBlank());
    }

    /** {@code yyyyMMddHHmmss} or ISO-8601; without an offset, Vietnam time. */
    static OffsetDateTime parse(String text) {
        if (text.length() == 14 && allDigits(text)) {
            // LocalDateTime.of rejects impossible values, as the strict portal pattern would.
            return LocalDateTime.of(number(text, 0, 4), number(text, 4, 6), number(text, 6, 8), number(text, 8, 10),
                    number(text, 10, 12), number(text, 12, 14)).atOffset(VIETNAM);
        }
        int t = text.indexOf('T');
        String time = t < 0 ? "" : text.substring(t);
        if (time.contains("+") || time.contains("-") || time.endsWith("Z")) {
            return OffsetDateTime.parse(text);
        }
        if (text.length() == 10) {
            return LocalDate.parse(text).atStartOfDay().atOffset(VIETNAM);
        }
        return LocalDateTime.parse(text).atOffset(VIETNAM);
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static int number(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n = n * 10 + s.charAt(i) - '0';
        }
        return n;
    }

    private static List<Field> load() {
        try (InputStream in = ContractCheck.class.getClassLoader()
                .getResourceAsStream("schemas/contract/dossier_snapshot.schema.json")) {
            JsonNode schema = new ObjectMapper().readTree(in);
            List<String> required = new ArrayList<>();
            schema.path("required").forEach(n -> required.add(n.asText()));
            return fields(schema.path("properties"), required);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Field> fields(JsonNode properties, List<String> required) {
        List<Field> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = properties.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode p = e.getValue();
            String type = "any";
            for (JsonNode t : p.path("type").isArray() ? p.path("type") : List.of(p.path("type"))) {
                if (t.isTextual() && !t.asText().equals("null")) {
                    type = t.asText();
                }
            }
            List<Long> allowed = new ArrayList<>();
            p.path("enum").forEach(v -> {
                if (v.isNumber()) {
                    allowed.add(v.asLong());
                }
            });
            Pattern pattern = p.has("pattern") ? Pattern.compile(p.get("pattern").asText()) : null;
            List<Field> items = p.path("items").has("properties")
                    ? fields(p.path("items").path("properties"), List.of()) : List.of();
            out.add(new Field(e.getKey(), required.contains(e.getKey()), type,
                    "timestamp".equals(p.path("x-hoso-type").asText()), p.path("x-hoso-event-time").asBoolean(false),
                    allowed, pattern, items));
        }
        return out;
    }
}
