package vn.hoso.contract;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one JSON line of the dossier feed into its checked, typed values under the contract's own field names
 * ({@link #columns()}), or a {@link Rejection}. The checks come from the contract's JSON Schema. Personal fields
 * leave as keys (a string, e.g. SoGiayToChuHoSo) or not at all, free text not at all; an array leaves as its
 * items' checked fields. The names and codes silver uses are given by {@code sql/staging/stg_dossiers.sql}.
 */
public final class DossierParser implements Serializable {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final List<FieldSpec> fields;
    private final Map<String, Integer> position = new HashMap<>();
    private final Pseudonymiser pseudonymiser;
    private final List<FieldSpec> columns;
    /** for each output column, the position of its field in {@link #fields}, and of an array's kept item fields */
    private final int[] source;
    private final int[][] itemSource;

    public DossierParser(List<FieldSpec> fields, Pseudonymiser pseudonymiser) {
        this.fields = List.copyOf(fields);
        this.pseudonymiser = pseudonymiser;
        for (int i = 0; i < this.fields.size(); i++) {
            position.put(this.fields.get(i).name(), i);
        }
        this.columns = emitted(this.fields);
        this.source = columns.stream().mapToInt(c -> position.get(c.name())).toArray();
        this.itemSource = new int[columns.size()][];
        for (int c = 0; c < columns.size(); c++) {
            List<FieldSpec> all = this.fields.get(source[c]).items();
            itemSource[c] = columns.get(c).items().stream().mapToInt(all::indexOf).toArray();
        }
    }

    /**
     * The fields a parsed line carries, in contract order: all but free text and the personal fields that are
     * not a string identifier (names, phones, addresses: never kept, not even as keys); inside arrays the same.
     */
    public static List<FieldSpec> emitted(List<FieldSpec> fields) {
        List<FieldSpec> out = new java.util.ArrayList<>();
        for (FieldSpec f : fields) {
            if (f.freeText() || (f.personal() && f.kind() != FieldKind.STRING)) {
                continue;
            }
            out.add(f.kind() == FieldKind.ARRAY ? new FieldSpec(f.name(), f.kind(), f.required(), f.allowed(), f.pattern(),
                    f.personal(), f.eventTime(), f.labelVi(), emitted(f.items()), f.freeText()) : f);
        }
        return List.copyOf(out);
    }

    /** The output columns, in the order of the values {@link #parse} returns. */
    public List<FieldSpec> columns() {
        return columns;
    }

    /** The parsed values of one line, by contract field name (an array: this runs for every line). */
    private final class Values {
        private final Object[] values = new Object[fields.size()];

        Object get(String name) {
            return values[position.get(name)];
        }
    }

    /** @param runDate the export day the line came from; event times may not exceed it by more than a day */
    public Object[] parse(String line, LocalDate runDate) throws Rejection {
        JsonNode root;
        try {
            root = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            // Jackson's duplicate detection says so in its message only (there is no subtype for it)
            if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")) {
                throw new Rejection(QuarantineReason.DUPLICATE_KEY, "a JSON object names the same key twice");
            }
            throw new Rejection(QuarantineReason.MALFORMED, jsonError(e));
        }
        if (root == null || !root.isObject()) {
            throw new Rejection(QuarantineReason.MALFORMED, "a dossier line must be one JSON object");
        }
        Values v = new Values();
        for (int i = 0; i < fields.size(); i++) {
            FieldSpec f = fields.get(i);
            Object value = FieldReader.read(f, root.get(f.name()), runDate, f.name());
            if (f.kind() == FieldKind.ARRAY && value != null) {
                value = checkArray(f, (JsonNode) value, runDate);
            }
            v.values[i] = value;
        }
        Instant received = (Instant) v.get("NgayTiepNhan");
        Instant finished = (Instant) v.get("NgayKetThucXuLy");
        if (received != null && finished != null && finished.isBefore(received)) {
            throw new Rejection(QuarantineReason.FINISHED_BEFORE_RECEIVED,
                    "NgayKetThucXuLy " + local(finished) + " is before NgayTiepNhan " + local(received));
        }
        Instant due = (Instant) v.get("NgayHenTra");
        // dates, not instants: a same-day dossier is due at 00:00 of its receipt day in some source systems
        if (received != null && due != null && Timestamps.localDate(due).isBefore(Timestamps.localDate(received))) {
            throw new Rejection(QuarantineReason.DUE_BEFORE_RECEIVED,
                    "NgayHenTra " + local(due) + " is on a day before NgayTiepNhan " + local(received));
        }
        return toColumns(v);
    }

    /**
     * What is wrong with a line that is not JSON, and where; never Jackson's message, which quotes the
     * offending token (a name typed without quotes would reach the quarantine's reason column).
     */
    static String jsonError(JsonProcessingException e) {
        String what = e instanceof com.fasterxml.jackson.core.io.JsonEOFException ? "the line ends inside a value"
                : e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException ? "more than one JSON value"
                : "unexpected character";
        long column = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
        return "not valid JSON: " + what + (column > 0 ? " at column " + column : "");
    }

    /** The checked items of an array, each as the values of its item fields in contract order. */
    private static List<Object[]> checkArray(FieldSpec f, JsonNode array, LocalDate runDate) throws Rejection {
        if (!array.isArray()) {
            throw new Rejection(QuarantineReason.BAD_TYPE, f.name() + " must be an array, found " + array.getNodeType());
        }
        List<Object[]> out = new java.util.ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            if (!item.isObject()) {
                throw new Rejection(QuarantineReason.BAD_TYPE, f.name() + "[" + i + "] must be an object");
            }
            Object[] values = new Object[f.items().size()];
            for (int j = 0; j < values.length; j++) {
                FieldSpec sub = f.items().get(j);
                values[j] = FieldReader.read(sub, item.get(sub.name()), runDate, f.name() + "[" + i + "]." + sub.name());
            }
            out.add(values);
        }
        return out;
    }

    /** The output columns' values; an array's items keep only their emitted fields. */
    @SuppressWarnings("unchecked")
    private Object[] toColumns(Values v) {
        Object[] out = new Object[columns.size()];
        for (int c = 0; c < out.length; c++) {
            FieldSpec f = columns.get(c);
            Object value = v.values[source[c]];
            if (f.personal()) {
                value = pseudonymiser.key((String) value);
            } else if (f.kind() == FieldKind.ARRAY && value != null && itemSource[c].length < fields.get(source[c]).items().size()) {
                int[] keep = itemSource[c];
                List<Object[]> items = (List<Object[]>) value;
                List<Object[]> kept = new java.util.ArrayList<>(items.size());
                for (Object[] item : items) {
                    Object[] k = new Object[keep.length];
                    for (int j = 0; j < keep.length; j++) {
                        k[j] = item[keep[j]];
                    }
                    kept.add(k);
                }
                value = kept;
            }
            out[c] = value;
        }
        return out;
    }

    private static String local(Instant ts) {
        return ts.atZone(Timestamps.VIETNAM).toLocalDateTime().toString();
    }
}
