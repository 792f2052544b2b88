package vn.hoso.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A model's contract: {@code sql/<layer>/<name>.yml} beside its {@code <name>.sql} (format: docs/models.md).
 * The YAMLs are found by scanning the classpath's {@code sql/} folders (a directory in development, the
 * jar when packaged), so no list of models is kept by hand. A model with a {@code table:} block is the one
 * definition of that stored table ({@link TableSpec#load}).
 *
 * @param template     the model whose SQL this one runs (its placeholders bound by {@code bind}); null = own SQL
 * @param placeholders relations the SQL reads that each instance binds: such a model is not run by itself
 * @param computedIn   the Java class that computes the table (no SQL): the YAML only defines the table
 * @param persist      keep the result (memory, then disk) for the models and writes that reuse it
 * @param concurrentWrite the job writes this table side by side with the other such tables, before the rest
 * @param checkpoint   also cut the lineage: the models that read it see one leaf, not its whole plan (implies persist)
 */
public record ModelSpec(String name, String layer, String description, String grain, List<String> key,
                        List<String> inputs, List<String> parameters, Table table, List<TableSpec.Column> columns,
                        String template, Map<String, String> bind, List<String> placeholders, String computedIn,
                        boolean persist, boolean concurrentWrite, boolean checkpoint) {

    /** The {@code table:} block: where the job stores the model's result. */
    public record Table(String layer, String name, String labelVi, List<String> partitionedBy) {
    }

    /** The layers a model may live in, in the order data flows through them. */
    public static final List<String> LAYERS = List.of("staging", "intermediate", "marts");
    public static final String SOURCE = "source:";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static volatile Map<String, ModelSpec> all;

    /** {@code sql/<layer>/<name>.yml} */
    public String yamlPath() {
        return "sql/" + layer + "/" + name + ".yml";
    }

    /** {@code sql/<layer>/<name>.sql}: the model's own SQL (a template instance has none). */
    public String sqlPath() {
        return "sql/" + layer + "/" + name + ".sql";
    }

    public boolean isSource(String input) {
        return input.startsWith(SOURCE);
    }

    /** Every model on the classpath, by name. */
    public static Map<String, ModelSpec> all() {
        Map<String, ModelSpec> out = all;
        if (out == null) {
            out = scan();
            all = out;
        }
        return out;
    }

    /** The model stored as {@code layer.table}, if a model YAML defines that table. */
    public static Optional<ModelSpec> storedAs(String layer, String table) {
        return all().values().stream()
                .filter(m -> m.table() != null && m.table().layer().equals(layer) && m.table().name().equals(table))
                .findFirst();
    }

    /** Parses one model YAML; {@code path} is {@code sql/<layer>/<name>.yml}. */
    public static ModelSpec parse(String path, InputStream in) throws IOException {
        String[] parts = path.split("/");
        String layer = parts[parts.length - 2];
        String file = parts[parts.length - 1].replaceFirst("\\.yml$", "");
        JsonNode root = YAML.readTree(in);
        if (root == null || !root.isObject()) {
            throw new IllegalStateException(path + ": not a model YAML (an object with name, inputs, columns, ...)");
        }
        String name = root.path("name").asText("");
        if (!name.equals(file)) {
            throw new IllegalStateException(path + ": name '" + name + "' must be the file name '" + file + "'");
        }
        if (!LAYERS.contains(layer)) {
            throw new IllegalStateException(path + ": models live in sql/<layer>/ with layer one of " + LAYERS);
        }
        List<TableSpec.Column> cols = new ArrayList<>();
        for (JsonNode c : root.path("columns")) {
            cols.add(new TableSpec.Column(c.path("name").asText(), c.path("type").asText(), c.path("nullable").asBoolean(true),
                    c.path("label_vi").asText(""), c.path("description").asText("")));
        }
        JsonNode t = root.path("table");
        Table table = t.isObject() ? new Table(t.path("layer").asText(), t.path("name").asText(), t.path("label_vi").asText(""),
                strings(t.path("partitioned_by"))) : null;
        Map<String, String> bind = new LinkedHashMap<>();
        root.path("bind").fields().forEachRemaining(e -> bind.put(e.getKey(), e.getValue().asText()));
        JsonNode template = root.path("template");
        JsonNode computedIn = root.path("computed_in");
        return new ModelSpec(name, layer, root.path("description").asText("").trim(), root.path("grain").asText(""),
                strings(root.path("key")), strings(root.path("inputs")), strings(root.path("parameters")), table,
                List.copyOf(cols), template.isTextual() ? template.asText() : null, Map.copyOf(bind),
                strings(root.path("placeholders")), computedIn.isTextual() ? computedIn.asText() : null,
                root.path("persist").asBoolean(false) || root.path("checkpoint").asBoolean(false),
                root.path("concurrent_write").asBoolean(false), root.path("checkpoint").asBoolean(false));
    }

    private static Map<String, ModelSpec> scan() {
        Map<String, ModelSpec> out = new TreeMap<>();
        for (String path : yamlPaths()) {
            try (InputStream in = ModelSpec.class.getClassLoader().getResourceAsStream(path)) {
                ModelSpec m = parse(path, in);
                ModelSpec twin = out.put(m.name(), m);
                if (twin != null) {
                    throw new IllegalStateException("two models are named " + m.name() + ": " + twin.yamlPath() + " and " + path);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read model " + path + ": " + e.getMessage(), e);
            }
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    /**
     * The classpath's sql/<layer>/*.yml, from directories and jars alike: every {@code sql} root the class
     * loader lists, and the jar or folder this class came from (a jar need not list its folders as entries).
     */
    private static TreeSet<String> yamlPaths() {
        TreeSet<String> paths = new TreeSet<>();
        try {
            Enumeration<URL> roots = ModelSpec.class.getClassLoader().getResources("sql");
            while (roots.hasMoreElements()) {
                URL url = roots.nextElement();
                if (url.getProtocol().equals("jar")) {
                    JarURLConnection conn = (JarURLConnection) url.openConnection();
                    conn.setUseCaches(false);
                    try (JarFile jar = conn.getJarFile()) {
                        addJar(jar, paths);
                    }
                } else if (url.getProtocol().equals("file")) {
                    addDir(Path.of(url.toURI()), paths);
                }
            }
            java.security.CodeSource code = ModelSpec.class.getProtectionDomain().getCodeSource();
            if (code != null && code.getLocation().getProtocol().equals("file")) {
                Path home = Path.of(code.getLocation().toURI());
                if (Files.isRegularFile(home)) {
                    try (JarFile jar = new JarFile(home.toFile())) {
                        addJar(jar, paths);
                    }
                } else if (Files.isDirectory(home.resolve("sql"))) {
                    addDir(home.resolve("sql"), paths);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the SQL models on the classpath: " + e.getMessage(), e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return paths;
    }

    private static void addJar(JarFile jar, TreeSet<String> paths) {
        jar.stream().map(JarEntry::getName).filter(ModelSpec::isModelYaml).forEach(paths::add);
    }

    private static void addDir(Path dir, TreeSet<String> paths) throws IOException {
        try (Stream<Path> files = Files.walk(dir, 2)) {
            files.map(f -> "sql/" + dir.relativize(f).toString().replace('\\', '/')).filter(ModelSpec::isModelYaml).forEach(paths::add);
        }
    }

    private static boolean isModelYaml(String entry) {
        String[] parts = entry.split("/");
        return parts.length == 3 && parts[0].equals("sql") && LAYERS.contains(parts[1]) && parts[2].endsWith(".yml");
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return List.copyOf(out);
    }
}
