package vn.hoso.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The input contract, read from the machine-readable files in {@code schemas/contract/} (on the
 * classpath). Parsers are driven by these specs, so the contract and the code cannot drift.
 */
public final class Contract {
    public static final String DOSSIER_SCHEMA = "schemas/contract/dossier_snapshot.schema.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Contract() {
    }

    /** Fields of the dossier snapshot, in the order of the JSON Schema's properties. */
    public static List<FieldSpec> dossierFields() {
        JsonNode root = resource(DOSSIER_SCHEMA);
        Set<String> required = new LinkedHashSet<>();
        root.path("required").forEach(n -> required.add(n.asText()));
        return jsonSchemaFields(root.path("properties"), required);
    }

    /**
     * What the quarantine may keep of a dossier line: the values of the fields that are neither personal nor
     * free text ({@code x-hoso-personal}, {@code x-hoso-free-text}), and inside arrays those of their items.
     */
    public static Masking.Rules dossierMaskRules() {
        return maskRules(resource(DOSSIER_SCHEMA).path("properties"));
    }

    private static Masking.Rules maskRules(JsonNode properties) {
        Set<String> names = new LinkedHashSet<>();
        Set<String> kept = new LinkedHashSet<>();
        Map<String, Masking.Rules> items = new java.util.HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = properties.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode p = e.getValue();
            names.add(e.getKey());
            if (!p.path("x-hoso-personal").asBoolean(false) && !p.path("x-hoso-free-text").asBoolean(false)) {
                kept.add(e.getKey());
            }
            if (p.path("items").has("properties")) {
                items.put(e.getKey(), maskRules(p.path("items").path("properties")));
            }
        }
        return new Masking.Rules(names, kept, items);
    }

    /** Columns of a CSV feed: ratings, feedback, procedures, units, civil_servants. */
    public static List<FieldSpec> csvColumns(String feed) {
        JsonNode root = resource("schemas/contract/" + feed + ".columns.json");
        List<FieldSpec> out = new ArrayList<>();
        for (JsonNode c : root.path("columns")) {
            Set<Object> allowed = null;
            FieldKind kind = FieldKind.of(c.path("type").asText());
            if (c.has("enum")) {
                allowed = new LinkedHashSet<>();
                for (JsonNode v : c.get("enum")) {
                    allowed.add(v.isNumber() ? (Object) v.asLong() : v.asText());
                }
            }
            Pattern pattern = c.has("pattern") ? Pattern.compile(c.get("pattern").asText()) : null;
            out.add(new FieldSpec(c.path("name").asText(), kind, c.path("required").asBoolean(false), allowed,
                    pattern, c.path("personal").asBoolean(false), c.path("event_time").asBoolean(false),
                    c.path("label_vi").asText(null), List.of(), c.path("free_text").asBoolean(false)));
        }
        return List.copyOf(out);
    }

    /**
     * The free-text columns of a CSV feed that are stored, after {@link Masking#maskText} (contract key
     * {@code "masked": true}): an ID number, phone or e-mail typed into them never reaches silver.
     */
    public static Set<String> maskedColumns(String feed) {
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode c : resource("schemas/contract/" + feed + ".columns.json").path("columns")) {
            if (c.path("masked").asBoolean(false)) {
                out.add(c.path("name").asText());
            }
        }
        return Set.copyOf(out);
    }

    private static List<FieldSpec> jsonSchemaFields(JsonNode properties, Set<String> required) {
        List<FieldSpec> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = properties.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            out.add(jsonSchemaField(e.getKey(), e.getValue(), required.contains(e.getKey())));
        }
        return List.copyOf(out);
    }

    private static FieldSpec jsonSchemaField(String name, JsonNode p, boolean required) {
        FieldKind kind = FieldKind.ANY;
        JsonNode type = p.path("type");
        for (JsonNode t : type.isArray() ? type : List.of(type)) {
            if (t.isTextual() && !"null".equals(t.asText())) {
                kind = FieldKind.of(t.asText());
            }
        }
        if ("timestamp".equals(p.path("x-hoso-type").asText())) {
            kind = FieldKind.TIMESTAMP;
        }
        Set<Object> allowed = null;
        if (p.has("enum")) {
            allowed = new LinkedHashSet<>();
            for (JsonNode v : p.get("enum")) {
                if (!v.isNull()) {
                    allowed.add(v.isNumber() ? (Object) v.asLong() : v.asText());
                }
            }
        }
        Pattern pattern = p.has("pattern") ? Pattern.compile(p.get("pattern").asText()) : null;
        List<FieldSpec> items = p.path("items").has("properties")
                ? jsonSchemaFields(p.path("items").path("properties"), Set.of())
                : List.of();
        return new FieldSpec(name, kind, required, allowed, pattern, p.path("x-hoso-personal").asBoolean(false),
                p.path("x-hoso-event-time").asBoolean(false), p.path("x-hoso-label-vi").asText(null), items,
                p.path("x-hoso-free-text").asBoolean(false));
    }

    static JsonNode resource(String path) {
        try (InputStream in = Contract.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("contract file missing from the classpath: " + path);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read contract file " + path, e);
        }
    }
}
