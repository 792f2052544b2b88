package vn.hoso.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The business constants of {@code sql/constants.yml}: the one place Java and the SQL models (as bound
 * parameters of the same names, see {@link #sqlParameters()}) take them from.
 */
public final class Constants {
    public static final String RESOURCE = "sql/constants.yml";
    private static final JsonNode FILE = load();

    /** Status codes of dossiers that are not received (counted nowhere). */
    public static final List<Integer> NOT_RECEIVED_STATUSES = ints("not_received_statuses");
    /** Status codes of finished dossiers. */
    public static final List<Integer> FINISHED_STATUSES = ints("finished_statuses");
    /** Status codes of ended dossiers (their end is finished_at; an open dossier's is the as-of date). */
    public static final List<Integer> ENDED_STATUSES = ints("ended_statuses");
    public static final BigDecimal PAPER_HOTSPOT_MIN_RATE = decimal("paper_hotspot_min_rate");
    public static final BigDecimal LOW_SATISFACTION_BELOW = decimal("low_satisfaction_below");
    public static final BigDecimal PARETO_SHARE = decimal("pareto_share");
    /** min_n of every rate that the KPI registry gives no other. */
    public static final int MIN_N_DEFAULT = whole("min_n_default");
    /** Vietnam time, as a region (Spark's session zone, DuckDB's local times). */
    public static final ZoneId TIME_ZONE = ZoneId.of(text("time_zone"));
    /** Vietnam's offset: the portal's timestamps without an offset, every local date. */
    public static final ZoneOffset UTC_OFFSET = offset();

    private Constants() {
    }

    /**
     * Every constant as a SQL parameter: lists as int arrays (use {@code array_contains(:name, x)}),
     * decimals as exact decimals, whole numbers as ints, the zone as its offset id.
     */
    public static Map<String, Object> sqlParameters() {
        Map<String, Object> out = new LinkedHashMap<>();
        FILE.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            Object value;
            if (v.isArray()) {
                int[] a = new int[v.size()];
                for (int i = 0; i < a.length; i++) {
                    a[i] = v.get(i).intValue();
                }
                value = a;
            } else if (v.isIntegralNumber()) {
                value = v.intValue();
            } else if (v.isNumber()) {
                value = v.decimalValue();
            } else {
                value = v.asText();
            }
            out.put(e.getKey(), value);
        });
        return out;
    }

    private static JsonNode load() {
        try (InputStream in = Constants.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private static ZoneOffset offset() {
        ZoneOffset offset = ZoneOffset.of(text("utc_offset"));
        if (!TIME_ZONE.getRules().getOffset(java.time.Instant.now()).equals(offset)) {
            throw new IllegalStateException(RESOURCE + ": utc_offset " + offset + " is not the offset of time_zone " + TIME_ZONE);
        }
        return offset;
    }

    private static JsonNode node(String name) {
        JsonNode v = FILE.get(name);
        if (v == null || v.isNull()) {
            throw new IllegalStateException(RESOURCE + ": " + name + " is missing");
        }
        return v;
    }

    private static List<Integer> ints(String name) {
        JsonNode v = node(name);
        if (!v.isArray()) {
            throw new IllegalStateException(RESOURCE + ": " + name + " must be a list of whole numbers");
        }
        List<Integer> out = new java.util.ArrayList<>();
        v.forEach(x -> out.add(x.intValue()));
        return List.copyOf(out);
    }

    private static BigDecimal decimal(String name) {
        return node(name).decimalValue();
    }

    private static int whole(String name) {
        return node(name).intValue();
    }

    private static String text(String name) {
        return node(name).asText();
    }
}
