package vn.hoso.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A table definition: the single source of a table's columns, types, nullability and labels. A table a
 * model stores is defined by that model's YAML ({@link ModelSpec}, its {@code table:} block); the others
 * by {@code schemas/tables/<layer>/<table>.json}. Reads and writes use {@link #sparkSchema()}, so the
 * files and the data cannot drift apart.
 */
public record TableSpec(String layer, String name, String labelVi, String description, String grain,
                        List<String> key, List<String> partitionedBy, List<Column> columns) {

    public record Column(String name, String type, boolean nullable, String labelVi, String description) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public static TableSpec load(String layer, String table) {
        java.util.Optional<ModelSpec> model = ModelSpec.storedAs(layer, table);
        if (model.isPresent()) {
            ModelSpec m = model.get();
            return new TableSpec(layer, table, m.table().labelVi(), m.description(), m.grain(), m.key(),
                    m.table().partitionedBy(), m.columns());
        }
        String path = "schemas/tables/" + layer + "/" + table + ".json";
        try (InputStream in = TableSpec.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("table definition missing from the classpath: " + path
                        + " (and no model YAML under sql/ stores " + layer + "." + table + ")");
            }
            return fromJson(layer, in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read table definition " + path, e);
        }
    }

    /** A table definition in the JSON form of {@code schemas/tables/}. */
    public static TableSpec fromJson(String layer, InputStream in) throws IOException {
        JsonNode root = JSON.readTree(in);
        List<Column> cols = new ArrayList<>();
        for (JsonNode c : root.path("columns")) {
            cols.add(new Column(c.path("name").asText(), c.path("type").asText(), c.path("nullable").asBoolean(true),
                    c.path("label_vi").asText(""), c.path("description").asText("")));
        }
        return new TableSpec(layer, root.path("table").asText(), root.path("label_vi").asText(""),
                root.path("description").asText(""), root.path("grain").asText(""),
                strings(root.path("key")), strings(root.path("partitioned_by")), List.copyOf(cols));
    }

    /** The Spark schema, partition columns included (last, as Spark reads them back). */
    public StructType sparkSchema() {
        List<StructField> fields = new ArrayList<>();
        for (Column c : columns) {
            Metadata meta = new MetadataBuilder().putString("comment", c.description())
                    .putString("label_vi", c.labelVi()).build();
            fields.add(DataTypes.createStructField(c.name(), sparkType(c.type()), c.nullable(), meta));
        }
        return DataTypes.createStructType(fields);
    }

    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    public boolean isPartitioned() {
        return !partitionedBy.isEmpty();
    }

    public static DataType sparkType(String type) {
        return switch (type) {
            case "string" -> DataTypes.StringType;
            case "int" -> DataTypes.IntegerType;
            case "bigint" -> DataTypes.LongType;
            case "double" -> DataTypes.DoubleType;
            case "boolean" -> DataTypes.BooleanType;
            case "date" -> DataTypes.DateType;
            case "timestamp" -> DataTypes.TimestampType;
            default -> {
                java.util.regex.Matcher decimal = java.util.regex.Pattern.compile("decimal\\((\\d+),(\\d+)\\)").matcher(type);
                if (!decimal.matches()) {
                    throw new IllegalArgumentException("unknown column type in table definition: " + type);
                }
                yield DataTypes.createDecimalType(Integer.parseInt(decimal.group(1)), Integer.parseInt(decimal.group(2)));
            }
        };
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return List.copyOf(out);
    }
}
