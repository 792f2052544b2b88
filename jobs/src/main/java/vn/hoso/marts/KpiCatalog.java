package vn.hoso.marts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The KPI codes of {@code schemas/kpis.json}: kind, whether they add up across scopes, labels. */
public final class KpiCatalog {
    public record Kpi(String code, String kind, boolean additive, String labelVi, String description) {
    }

    private static final Map<String, Kpi> KPIS = load();

    private KpiCatalog() {
    }

    public static Map<String, Kpi> all() {
        return KPIS;
    }

    public static Kpi get(String code) {
        return KPIS.get(code);
    }

    private static Map<String, Kpi> load() {
        try (InputStream in = KpiCatalog.class.getClassLoader().getResourceAsStream("schemas/kpis.json")) {
            if (in == null) {
                throw new IllegalStateException("schemas/kpis.json is missing from the classpath");
            }
            Map<String, Kpi> out = new LinkedHashMap<>();
            for (JsonNode k : new ObjectMapper().readTree(in).path("kpis")) {
                out.put(k.path("code").asText(), new Kpi(k.path("code").asText(), k.path("kind").asText(),
                        k.path("additive").asBoolean(), k.path("label_vi").asText(), k.path("description").asText()));
            }
            return Map.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schemas/kpis.json", e);
        }
    }
}
