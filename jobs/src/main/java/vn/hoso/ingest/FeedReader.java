package vn.hoso.ingest;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;
import vn.hoso.contract.Contract;
import vn.hoso.contract.CsvRecordParser;
import vn.hoso.contract.DossierParser;
import vn.hoso.contract.FieldSpec;
import vn.hoso.contract.Masking;
import vn.hoso.contract.QuarantineReason;
import vn.hoso.contract.Rejection;
import vn.hoso.io.LandingZone.SourceFile;
import vn.hoso.io.RecordReader;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads landing files in parallel, one task per file, into parsed rows: the values under the contract's names plus
 * where each record came from ({@code export_date, export_file, export_line, line_hash}) and, for a
 * rejected record, {@code reason_code, reason, raw_masked}. One pass over the bytes does it all.
 */
final class FeedReader {
    static final List<StructField> LINEAGE = List.of(
            DataTypes.createStructField("export_date", DataTypes.DateType, true),
            DataTypes.createStructField("export_file", DataTypes.StringType, true),
            DataTypes.createStructField("export_line", DataTypes.LongType, true),
            DataTypes.createStructField("line_hash", DataTypes.LongType, true),
            DataTypes.createStructField("reason_code", DataTypes.StringType, true),
            DataTypes.createStructField("reason", DataTypes.StringType, true),
            DataTypes.createStructField("raw_masked", DataTypes.StringType, true));

    private FeedReader() {
    }

    /** A file and the run date its records are checked against (the export day, or the run date for the catalogue). */
    record Input(SourceFile file, LocalDate exportDate) implements java.io.Serializable {
    }

    /** The parsed rows of a dossier file: the parser's columns under their contract names, then the lineage. */
    static StructType dossierParsed(DossierParser parser) {
        return parsed(parser.columns());
    }

    /** The parsed rows of a CSV feed: its contract columns, then the lineage. */
    static StructType csvParsed(List<FieldSpec> columns) {
        return parsed(columns);
    }

    private static StructType parsed(List<FieldSpec> columns) {
        List<StructField> fields = new ArrayList<>();
        for (FieldSpec c : columns) {
            fields.add(DataTypes.createStructField(c.name(), sparkType(c), true));
        }
        fields.addAll(LINEAGE);
        return DataTypes.createStructType(fields);
    }

    /** The Spark type of a contract field's checked value (what {@code FieldReader} returns for it). */
    static DataType sparkType(FieldSpec c) {
        return switch (c.kind()) {
            case INTEGER -> DataTypes.LongType;
            case NUMBER -> DataTypes.DoubleType;
            case TIMESTAMP -> DataTypes.TimestampType;
            case DATE -> DataTypes.DateType;
            case ARRAY -> DataTypes.createArrayType(DataTypes.createStructType(c.items().stream()
                    .map(i -> DataTypes.createStructField(i.name(), sparkType(i), true)).toList()), true);
            default -> DataTypes.StringType;
        };
    }

    /** Read from the contract once per JVM (driver or executor), not once per file. */
    private static final Masking.Rules DOSSIER_MASK_RULES = Contract.dossierMaskRules();

    static Dataset<Row> dossiers(SparkSession spark, List<Input> inputs, DossierParser parser, long maxLineBytes) {
        SerializableConfiguration conf = new SerializableConfiguration(spark.sparkContext().hadoopConfiguration());
        var rows = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(inputs, slices(spark, inputs.size()))
                .flatMap(in -> dossierRows(in, conf.value(), parser, maxLineBytes).iterator());
        return spark.createDataFrame(rows, dossierParsed(parser));
    }

    /** The parsed rows of one dossier file, in the order of {@link #dossierParsed}: one per record read. */
    static List<Row> dossierRows(Input in, Configuration conf, DossierParser parser, long maxLineBytes) {
        int width = parser.columns().size();
        List<Row> out = new ArrayList<>();
        RecordReader.read(in.file().path(), conf, false, maxLineBytes, r -> {
            Object[] values = new Object[width + LINEAGE.size()];
            lineage(values, width, in, r.line(), r.hash());
            try {
                if (r.defect() != null) {
                    throw defect(r);
                }
                if (!r.validUtf8()) {
                    throw new Rejection(QuarantineReason.INVALID_UTF8, "the line is not valid UTF-8");
                }
                Object[] parsed = parser.parse(r.text(), in.exportDate());
                for (int c = 0; c < width; c++) {
                    values[c] = parsed[c] instanceof List<?> items ? rows(items) : parsed[c];
                }
            } catch (Rejection e) {
                reject(values, width, e, r.text().isEmpty() ? null : Masking.maskJsonLine(r.text(), DOSSIER_MASK_RULES));
            }
            out.add(RowFactory.create(values));
            return true;
        });
        return out;
    }

    static Dataset<Row> csv(SparkSession spark, List<Input> inputs, CsvRecordParser parser, long maxLineBytes) {
        SerializableConfiguration conf = new SerializableConfiguration(spark.sparkContext().hadoopConfiguration());
        var rows = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(inputs, slices(spark, inputs.size()))
                .flatMap(in -> csvRows(in, conf.value(), parser, maxLineBytes).iterator());
        return spark.createDataFrame(rows, csvParsed(parser.columns()));
    }

    /** An array's items (each the values of its fields) as the struct rows Spark takes (a Java array, not a List). */
    private static Row[] rows(List<?> items) {
        Row[] out = new Row[items.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = RowFactory.create((Object[]) items.get(i));
        }
        return out;
    }

    /** The parsed rows of one CSV file, in the order of {@link #csvParsed}: one per record read, the header none. */
    @SuppressWarnings("unchecked")
    static List<Row> csvRows(Input in, Configuration conf, CsvRecordParser parser, long maxLineBytes) {
        int width = parser.columns().size();
        List<Row> out = new ArrayList<>();
        Map<String, Integer>[] header = new Map[1];
        Rejection[] badHeader = new Rejection[1];
        RecordReader.read(in.file().path(), conf, true, maxLineBytes, r -> {
            Object[] values = new Object[width + LINEAGE.size()];
            lineage(values, width, in, r.line(), r.hash());
            try {
                if (r.defect() != null) {
                    Rejection d = defect(r);
                    if (header[0] == null && badHeader[0] == null && r.defect() != RecordReader.Defect.BROKEN_FILE) {
                        badHeader[0] = new Rejection(d.code(), "the header (line " + r.line() + ") is unreadable: " + d.getMessage());
                    }
                    throw d;
                }
                if (!r.validUtf8()) {
                    throw new Rejection(QuarantineReason.INVALID_UTF8, "the record is not valid UTF-8");
                }
                if (badHeader[0] != null) {
                    throw badHeader[0];
                }
                if (header[0] == null) {
                    try {
                        header[0] = parser.header(r.text());
                    } catch (Rejection e) {
                        badHeader[0] = e;
                    }
                    return true;
                }
                Object[] parsed;
                try {
                    parsed = parser.parse(r.text(), header[0], in.exportDate());
                } catch (Rejection e) {
                    if (r.text().indexOf('\n') >= 0) {
                        // a quoted line break in a record that breaks the contract: the reader takes the
                        // quote as stray and reads the lines after it again, so that no line it swallowed
                        // is lost (a legitimate multi-line field in a bad record then gives two rows)
                        return false;
                    }
                    throw e;
                }
                System.arraycopy(parsed, 0, values, 0, width);
            } catch (Rejection e) {
                reject(values, width, e, r.text().isEmpty() ? null : parser.mask(r.text(), header[0]));
            }
            out.add(RowFactory.create(values));
            return true;
        });
        return out;
    }

    /**
     * Files are read whole by one task each, but many small nightly files share a task: a five-year
     * backfill has thousands of them and a task per file would drown in scheduling.
     */
    private static int slices(SparkSession spark, int files) {
        return Math.max(1, Math.min(files, spark.sparkContext().defaultParallelism() * 4));
    }

    /** The quarantine reason of a record the reader could not cut out whole. */
    private static Rejection defect(RecordReader.RawRecord r) {
        QuarantineReason code = switch (r.defect()) {
            case LINE_TOO_LONG -> QuarantineReason.LINE_TOO_LONG;
            case UNTERMINATED_QUOTE -> QuarantineReason.UNTERMINATED_QUOTE;
            case BROKEN_FILE -> QuarantineReason.BROKEN_FILE;
        };
        return new Rejection(code, r.problem());
    }

    private static void lineage(Object[] values, int width, Input in, long line, long hash) {
        values[width] = in.exportDate();
        values[width + 1] = in.file().relative();
        values[width + 2] = line;
        values[width + 3] = hash;
    }

    private static void reject(Object[] values, int width, Rejection e, String masked) {
        java.util.Arrays.fill(values, 0, width, null);
        values[width + 4] = e.code().name();
        values[width + 5] = Masking.maskReason(e.getMessage());
        values[width + 6] = masked;
    }
}
