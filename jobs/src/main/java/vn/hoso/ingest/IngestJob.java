package vn.hoso.ingest;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hoso.contract.Contract;
import vn.hoso.contract.CsvRecordParser;
import vn.hoso.contract.DossierParser;
import vn.hoso.contract.Pseudonymiser;
import vn.hoso.io.LandingZone;
import vn.hoso.io.LandingZone.SourceFile;
import vn.hoso.io.TableFiles;
import vn.hoso.io.TableSpec;
import vn.hoso.io.TableStore;
import vn.hoso.spark.Seqs;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

/**
 * Loads the landing files of some export dates into silver: quarantine, snapshots, ratings, feedback,
 * the catalogue, then the current row and status history of every dossier the input touches. Only the
 * partitions those dossiers live in are rewritten. Loading dates in any order gives the same silver.
 */
public final class IngestJob {
    private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);

    public static final TableSpec DOSSIERS = TableSpec.load("silver", "dossiers");
    public static final TableSpec HISTORY = TableSpec.load("silver", "dossier_status_history");
    public static final TableSpec SNAPSHOTS = TableSpec.load("silver", "dossier_snapshots");
    public static final TableSpec RATINGS = TableSpec.load("silver", "ratings");
    public static final TableSpec FEEDBACK_EXPORTS = TableSpec.load("silver", "feedback_exports");
    public static final TableSpec FEEDBACK = TableSpec.load("silver", "feedback");
    public static final TableSpec QUARANTINE = TableSpec.load("silver", "quarantine");
    public static final TableSpec PROCEDURES = TableSpec.load("silver", "procedures");
    public static final TableSpec UNITS = TableSpec.load("silver", "units");
    public static final TableSpec CIVIL_SERVANTS = TableSpec.load("silver", "civil_servants");
    /** The Decision 766 index's optional catalogue tables, by feed (each written distinct; empty without its file). */
    public static final Map<String, TableSpec> INDEX766_CATALOG = orderedMap(
            "holidays", TableSpec.load("silver", "holidays"),
            "unit_procedures", TableSpec.load("silver", "unit_procedures"),
            "qd766_manual", TableSpec.load("silver", "qd766_manual"),
            "qd766_portal", TableSpec.load("silver", "qd766_portal"));

    private static Map<String, TableSpec> orderedMap(Object... pairs) {
        Map<String, TableSpec> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], (TableSpec) pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    /** The table each dated feed's accepted records are written to, by feed name. */
    public static final Map<String, TableSpec> DATED_TABLES = Map.of("dossiers", SNAPSHOTS, "ratings", RATINGS,
            "feedback", FEEDBACK_EXPORTS);

    /** The rows of these export dates in a table partitioned by export month (the filter prunes the other months). */
    public static Column ofDates(java.util.Collection<LocalDate> dates) {
        Object[] months = dates.stream().map(d -> d.toString().substring(0, 7)).distinct().toArray();
        return col("export_month").isin(months).and(col("export_date").isin(dates.toArray()));
    }

    private final SparkSession spark;
    private final LandingZone landing;
    private final TableStore store;
    private final Pseudonymiser pseudonymiser;
    private final long maxLineBytes;

    public IngestJob(SparkSession spark, LandingZone landing, TableStore store, Pseudonymiser pseudonymiser) {
        this(spark, landing, store, pseudonymiser, vn.hoso.io.RecordReader.DEFAULT_MAX_LINE_BYTES);
    }

    /** @param maxLineBytes the longest landing line read; a longer one is quarantined unread */
    public IngestJob(SparkSession spark, LandingZone landing, TableStore store, Pseudonymiser pseudonymiser,
                     long maxLineBytes) {
        this.spark = spark;
        this.landing = landing;
        this.store = store;
        this.pseudonymiser = pseudonymiser;
        this.maxLineBytes = maxLineBytes;
    }

    /** Counts of one feed: read = accepted + quarantined + reExports. */
    public record FeedCounts(String feed, long read, long accepted, long quarantined, long reExports) {
    }

    /**
     * @param touchedYears   received years whose figures may have changed (old and new years of changed rows)
     * @param catalogChanged the catalogue (procedures, units, civil servants) differs from the previous run's
     */
    public record Result(List<FeedCounts> feeds, long dossiersChanged, Instant maxSyncedAt, TreeSet<Integer> touchedYears,
                         boolean catalogChanged) {
        public FeedCounts total(List<String> feedNames) {
            long r = 0, a = 0, q = 0, x = 0;
            for (FeedCounts f : feeds) {
                if (feedNames.contains(f.feed())) {
                    r += f.read();
                    a += f.accepted();
                    q += f.quarantined();
                    x += f.reExports();
                }
            }
            return new FeedCounts("total", r, a, q, x);
        }
    }

    /**
     * @param dates   the export dates to load (one for a nightly run, many for a backfill)
     * @param runDate the date the catalogue is checked against and its quarantine filed under
     */
    public Result run(TreeSet<LocalDate> dates, LocalDate runDate) {
        String scratch = store.scratch("ingest");
        try {
            return run(dates, runDate, scratch);
        } finally {
            store.dropScratch("ingest");
        }
    }

    private Result run(TreeSet<LocalDate> dates, LocalDate runDate, String scratch) {
        describe("read and parse the landing files of " + dates.first() + (dates.size() > 1 ? ".." + dates.last() : ""));
        // each landing line is read and parsed exactly once, into scratch Parquet that every later step
        // reads the columns it needs from (cheaper than Spark's in-memory cache at millions of lines)
        // staged (renamed and typed to silver) on the way to the scratch files, so the contract's arrays
        // are never written out
        Dataset<Row> dossierLines = materialize(scratch, "dossiers", Staging.run(spark, "dossiers",
                FeedReader.dossiers(spark, inputs("dossiers", dates), new DossierParser(Contract.dossierFields(), pseudonymiser),
                        maxLineBytes)));
        vn.hoso.io.CrashPoint.at("ingest:scratch");
        Dataset<Row> ratingLines = materialize(scratch, "ratings", csvFeed("ratings", inputs("ratings", dates)));
        Dataset<Row> feedbackLines = materialize(scratch, "feedback", csvFeed("feedback", inputs("feedback", dates)));
        Map<String, Dataset<Row>> catalog = new LinkedHashMap<>();
        for (String feed : LandingZone.CATALOG_FEEDS) {
            catalog.put(feed, csvFeed(feed, catalogInput(feed, runDate)).cache());
        }

        describe("write quarantine");
        Dataset<Row> quarantine = quarantineRows("dossiers", dossierLines)
                .unionByName(quarantineRows("ratings", ratingLines))
                .unionByName(quarantineRows("feedback", feedbackLines));
        for (var e : catalog.entrySet()) {
            quarantine = quarantine.unionByName(quarantineRows(e.getKey(), e.getValue()));
        }
        replaceDates(QUARANTINE, quarantine, allDates(dates, runDate));

        describe("count records and exact re-exports");
        Dataset<Row> validDossiers = dossierLines.where(col("reason_code").isNull());
        Dataset<Row> validRatings = ratingLines.where(col("reason_code").isNull());
        Dataset<Row> validFeedback = feedbackLines.where(col("reason_code").isNull());
        Object[] batchDates = dates.toArray();
        Map<String, long[]> lines = countLines(dossierLines, ratingLines, feedbackLines, catalog);
        Map<String, Long> quarantined = countQuarantined(allDates(dates, runDate));
        boolean small = lines.get("dossiers")[0] <= SMALL_BATCH;
        // on a silver that has history: the dossiers the batch touches and all their earlier snapshots, read
        // once for both the re-export count and the status history
        Touched touched = store.read(DOSSIERS).isEmpty() ? null : touched(scratch, validDossiers, validRatings,
                validFeedback, small, batchDates);
        Map<String, Long> reExports = Map.of(
                "dossiers", SilverMerge.countReExports(validDossiers, touched == null ? null : touched.earlierSnapshots(),
                        "dossier_id", small),
                "ratings", SilverMerge.countReExports(validRatings, earlier(RATINGS, batchDates), "dossier_id", small),
                "feedback", SilverMerge.countReExports(validFeedback, earlier(FEEDBACK_EXPORTS, batchDates), "feedback_id", small));

        describe("write snapshots, ratings and feedback");
        replaceDates(SNAPSHOTS, asSnapshots(validDossiers), dates);
        replaceDates(RATINGS, validRatings, dates);
        replaceDates(FEEDBACK_EXPORTS, validFeedback, dates);
        List<FeedCounts> counts = feedCounts(lines, countWritten(dates), quarantined, reExports);
        store.replaceTable(FEEDBACK, SilverMerge.withCalendar(SilverMerge.latestFeedback(store.readOrEmpty(FEEDBACK_EXPORTS))));

        describe("write the catalogue");
        boolean catalogChanged = writeCatalog(catalog);

        describe("merge dossiers");
        TreeSet<Integer> touchedYears = new TreeSet<>();
        long changed = mergeDossiers(validDossiers, touched, small, touchedYears);
        touchedYears.addAll(store.readOrEmpty(FEEDBACK_EXPORTS)
                .join(broadcastIf(small, validFeedback.select("feedback_id").distinct()), Seqs.of("feedback_id"), "left_semi")
                .select(year(col("received_at"))).distinct().as(Encoders.INT()).collectAsList());

        Row fresh = store.readOrEmpty(DOSSIERS).agg(max("last_synced_at")).first();
        catalog.values().forEach(Dataset::unpersist);
        return new Result(counts, changed, fresh.isNullAt(0) ? null : fresh.getAs(0), touchedYears, catalogChanged);
    }

    /**
     * A night's batch (up to this many dossier lines) is joined to the history by broadcasting its keys,
     * so the history is scanned but not shuffled; bigger batches (backfills, rebuilds) are shuffled.
     */
    static final long SMALL_BATCH = 200_000;

    /** The snapshot columns the status history is built from. */
    private static final Column[] SNAPSHOT_ORDER = {col("dossier_id"), col("status"), col("synced_at"), col("export_date"),
            col("export_file"), col("export_line")};

    /**
     * Staged dossier lines as rows of the snapshot table: a snapshot's sync time is its synced_at, the
     * current row's (silver dossiers, the latest snapshot) its last_synced_at; both are ThoiDiemDongBo.
     */
    private static Dataset<Row> asSnapshots(Dataset<Row> staged) {
        return staged.withColumnRenamed("last_synced_at", "synced_at");
    }

    private Dataset<Row> materialize(String scratch, String name, Dataset<Row> rows) {
        String path = scratch + "/" + name;
        rows.write().mode(org.apache.spark.sql.SaveMode.Overwrite).option("compression", "snappy")
                .option("parquet.enable.dictionary", "false").parquet(path);
        return spark.read().schema(rows.schema()).parquet(path);
    }

    /** The rows of a table from other export dates than the batch's, or null when there are none. */
    private Dataset<Row> earlier(TableSpec spec, Object[] batchDates) {
        return store.read(spec).map(t -> t.where(not(col("export_date").isin(batchDates)))).orElse(null);
    }

    private static Dataset<Row> broadcastIf(boolean small, Dataset<Row> rows) {
        return small ? org.apache.spark.sql.functions.broadcast(rows) : rows;
    }

    private List<FeedReader.Input> inputs(String feed, TreeSet<LocalDate> dates) {
        List<FeedReader.Input> out = new ArrayList<>();
        for (LocalDate d : dates) {
            for (SourceFile f : landing.files(feed, List.of(d))) {
                out.add(new FeedReader.Input(f, d));
            }
        }
        return out;
    }

    private List<FeedReader.Input> catalogInput(String feed, LocalDate runDate) {
        SourceFile f = landing.catalogFile(feed);
        if (f == null && LandingZone.REQUIRED_CATALOG.contains(feed)) {
            throw new IllegalArgumentException("the catalogue file " + landing.root() + "/catalog/" + feed
                    + ".csv is missing: every run needs the full catalogue");
        }
        return f == null ? List.of() : List.of(new FeedReader.Input(f, runDate));
    }

    /** A CSV feed's rows, parsed and staged: silver's names, the lineage and the rejection of each record. */
    private Dataset<Row> csvFeed(String feed, List<FeedReader.Input> inputs) {
        CsvRecordParser parser = new CsvRecordParser(feed, Contract.csvColumns(feed), pseudonymiser);
        return Staging.run(spark, feed, FeedReader.csv(spark, inputs, parser, maxLineBytes));
    }

    /** The rows the quarantine table holds for these dates, by feed (counted from the table as written). */
    private Map<String, Long> countQuarantined(TreeSet<LocalDate> dates) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Row r : store.readOrEmpty(QUARANTINE).where(ofDates(dates))
                .groupBy("feed").count().collectAsList()) {
            out.put(r.getString(0), r.getLong(1));
        }
        return out;
    }

    /** The rows the dated feeds' tables hold for these dates as written: accepted records and re-exports. */
    private Map<String, Long> countWritten(TreeSet<LocalDate> dates) {
        Dataset<Row> rows = null;
        for (var e : DATED_TABLES.entrySet()) {
            Dataset<Row> feed = store.readOrEmpty(e.getValue()).where(ofDates(dates)).select(lit(e.getKey()).as("feed"));
            rows = rows == null ? feed : rows.union(feed);
        }
        Map<String, Long> out = new LinkedHashMap<>();
        for (Row r : rows.groupBy("feed").count().collectAsList()) {
            out.put(r.getString(0), r.getLong(1));
        }
        return out;
    }

    /** {read, valid} of every feed as the readers produced them, all feeds counted in one query. */
    private static Map<String, long[]> countLines(Dataset<Row> dossiers, Dataset<Row> ratings, Dataset<Row> feedback,
                                                  Map<String, Dataset<Row>> catalog) {
        Map<String, Dataset<Row>> feeds = new LinkedHashMap<>();
        feeds.put("dossiers", dossiers);
        feeds.put("ratings", ratings);
        feeds.put("feedback", feedback);
        feeds.putAll(catalog);
        Map<String, long[]> out = new LinkedHashMap<>();
        Dataset<Row> codes = null;
        for (var e : feeds.entrySet()) {
            out.put(e.getKey(), new long[]{0, 0});
            Dataset<Row> feed = e.getValue().select(lit(e.getKey()).as("feed"), col("reason_code").isNull().as("valid"));
            codes = codes == null ? feed : codes.union(feed);
        }
        for (Row r : codes.groupBy("feed").agg(count(lit(1)), sum(when(col("valid"), 1L).otherwise(0L))).collectAsList()) {
            out.put(r.getString(0), new long[]{r.getLong(1), r.getLong(2)});
        }
        return out;
    }

    /**
     * Every feed's counts, each counted on its own so that read = accepted + quarantined + re-exports can fail:
     * read as the reader produced the lines, quarantined as rows in the quarantine table, and accepted as rows
     * written to the feed's table (snapshots, ratings, feedback exports) less the exact re-exports among them.
     * The catalogue feeds are whole tables rewritten from their valid rows: accepted is those. A feed with no
     * records still gets its row of zeros.
     */
    static List<FeedCounts> feedCounts(Map<String, long[]> lines, Map<String, Long> written, Map<String, Long> quarantined,
                                       Map<String, Long> reExports) {
        List<FeedCounts> out = new ArrayList<>();
        List<String> order = new ArrayList<>(LandingZone.DATED_FEEDS);
        lines.keySet().stream().filter(f -> !order.contains(f)).forEach(order::add);
        for (String feed : order) {
            long[] n = lines.getOrDefault(feed, new long[]{0, 0});
            long x = reExports.getOrDefault(feed, 0L);
            long accepted = LandingZone.DATED_FEEDS.contains(feed) ? written.getOrDefault(feed, 0L) - x : n[1];
            out.add(new FeedCounts(feed, n[0], accepted, quarantined.getOrDefault(feed, 0L), x));
        }
        return out;
    }

    private static Dataset<Row> quarantineRows(String feed, Dataset<Row> lines) {
        return lines.where(col("reason_code").isNotNull()).select(lit(feed).as("feed"),
                col("export_file").as("source_file"), col("export_line").as("line_number"), col("reason_code"),
                col("reason"), col("raw_masked"), col("export_date"));
    }

    private static TreeSet<LocalDate> allDates(TreeSet<LocalDate> dates, LocalDate runDate) {
        TreeSet<LocalDate> all = new TreeSet<>(dates);
        all.add(runDate);
        return all;
    }

    /**
     * Replaces the rows of some export dates in a table partitioned by export month: the months they
     * fall in are rewritten with their other dates' rows kept, so a rerun replaces exactly its dates.
     */
    private void replaceDates(TableSpec spec, Dataset<Row> rows, TreeSet<LocalDate> dates) {
        TreeSet<String> months = new TreeSet<>();
        dates.forEach(d -> months.add(d.toString().substring(0, 7)));
        Dataset<Row> kept = store.readOrEmpty(spec).where(col("export_month").isin(months.toArray())
                .and(not(col("export_date").isin(dates.toArray()))));
        Dataset<Row> fresh = rows.withColumn("export_month", date_format(col("export_date"), "yyyy-MM"));
        Column[] columns = java.util.Arrays.stream(kept.columns()).map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
        store.replacePartitions(spec, kept.unionByName(fresh.select(columns)), months);
    }

    /**
     * Rewrites the catalogue tables unless the catalogue files are those of the previous run and the tables
     * were written for the same schemas and secret (most nights: the catalogue rarely changes).
     *
     * @return whether the catalogue files differ from those of the previous run
     */
    private boolean writeCatalog(Map<String, Dataset<Row>> catalog) {
        String fingerprint = landing.catalogFingerprint();
        String tables = catalogTablesMarker();
        if (store.markerText(CATALOG_MARKER).filter(fingerprint::equals).isPresent()
                && store.markerText(CATALOG_TABLES_MARKER).filter(tables::equals).isPresent()
                && store.read(PROCEDURES).isPresent() && store.read(UNITS).isPresent()) {
            LOG.info("catalogue unchanged since the last run: its tables are kept");
            return false;
        }
        store.replaceTable(PROCEDURES, Staging.accepted(catalog.get("procedures"), PROCEDURES));

        Dataset<Row> units = Staging.accepted(catalog.get("units"), UNITS);
        Map<String, String> current = SilverMerge.currentUnits(units.collectAsList());
        List<Row> mapping = current.entrySet().stream().map(e -> RowFactory.create(e.getKey(), e.getValue())).toList();
        Dataset<Row> currentDf = spark.createDataFrame(mapping, DataTypes.createStructType(List.of(
                DataTypes.createStructField("unit_code", DataTypes.StringType, false),
                DataTypes.createStructField("current_unit_code", DataTypes.StringType, false))));
        store.replaceTable(UNITS, units.join(currentDf, Seqs.of("unit_code"), "left"));

        store.replaceTable(CIVIL_SERVANTS, Staging.accepted(catalog.get("civil_servants"), CIVIL_SERVANTS).distinct());
        // written even without their file, as zero rows of their schema: "present" for the index is "has a row"
        for (var e : INDEX766_CATALOG.entrySet()) {
            store.replaceTable(e.getValue(), Staging.accepted(catalog.get(e.getKey()), e.getValue()).distinct());
        }
        store.swapMarker(CATALOG_TABLES_MARKER, tables);
        return store.swapMarker(CATALOG_MARKER, fingerprint);
    }

    /** ops/ markers: the catalogue files the tables were last written from, and for what schemas and secret. */
    static final String CATALOG_MARKER = "catalog.sha256";
    static final String CATALOG_TABLES_MARKER = "catalog_tables.sha256";

    /**
     * What the catalogue tables depend on besides the files: their schemas (a new version of hoso may add a
     * column) and the secret (civil servants' keys), as a keyed hash of the schemas.
     */
    private String catalogTablesMarker() {
        StringBuilder schemas = new StringBuilder(PROCEDURES.sparkSchema().json() + UNITS.sparkSchema().json()
                + CIVIL_SERVANTS.sparkSchema().json());
        INDEX766_CATALOG.values().forEach(t -> schemas.append(t.sparkSchema().json()));
        return pseudonymiser.hmac(schemas.toString());
    }

    /**
     * @param ids              dossiers whose row may change: new snapshots, new ratings, and feedback (old and
     *                         new versions) naming them
     * @param earlierSnapshots their snapshots of other export dates than the batch's
     */
    private record Touched(Dataset<Row> ids, Dataset<Row> earlierSnapshots) {
    }

    private Touched touched(String scratch, Dataset<Row> validDossiers, Dataset<Row> ratings, Dataset<Row> feedback,
                            boolean small, Object[] batchDates) {
        // the dossiers the batch's feedback names, and those its earlier versions named (read before the
        // batch's feedback is written, so the batch's own rows are added here)
        Dataset<Row> feedbackDossiers = store.readOrEmpty(FEEDBACK_EXPORTS)
                .join(broadcastIf(small, feedback.select("feedback_id").distinct()), Seqs.of("feedback_id"), "left_semi")
                .select("dossier_id")
                .unionByName(feedback.select("dossier_id"))
                .where(col("dossier_id").isNotNull());
        Dataset<Row> ids = materialize(scratch, "touched", validDossiers.select("dossier_id")
                .unionByName(ratings.select("dossier_id"))
                .unionByName(feedbackDossiers)
                .distinct());
        // only what the status history and the re-export count read
        Column[] columns = java.util.Arrays.copyOf(SNAPSHOT_ORDER, SNAPSHOT_ORDER.length + 1);
        columns[SNAPSHOT_ORDER.length] = col("line_hash");
        Dataset<Row> earlier = materialize(scratch, "touched_snapshots", store.readOrEmpty(SNAPSHOTS)
                .where(not(col("export_date").isin(batchDates)))
                .select(columns)
                .join(broadcastIf(small, ids), Seqs.of("dossier_id"), "left_semi"));
        return new Touched(ids, earlier);
    }

    /**
     * The current row of every dossier the batch touches, then their status history. On an empty silver
     * (a full rebuild) every dossier is new, and the joins that pick the touched ones out are skipped.
     */
    private long mergeDossiers(Dataset<Row> validDossiers, Touched touchedRows, boolean small, TreeSet<Integer> touchedYears) {
        java.util.Optional<Dataset<Row>> existing = store.read(DOSSIERS);
        Dataset<Row> touched = touchedRows == null ? null : touchedRows.ids();
        // the staged columns a current row is made of (the rest, rating to partition_month, are added below)
        Column[] snapshotSelect = java.util.Arrays.stream(Staging.accepted(validDossiers, DOSSIERS).columns())
                .map(org.apache.spark.sql.functions::col).toArray(Column[]::new);

        TreeSet<String> parts = new TreeSet<>();
        Dataset<Row> candidates = validDossiers.select(snapshotSelect);
        Dataset<Row> kept = null;
        if (touched != null) {
            Dataset<Row> old = existing.get().join(broadcastIf(small, touched), Seqs.of("dossier_id"), "left_semi");
            for (Row r : old.select("partition_month", "year").distinct().collectAsList()) {
                parts.add(r.getString(0));
                if (!r.isNullAt(1)) {
                    touchedYears.add(r.getInt(1));
                }
            }
            candidates = old.where(col("partition_month").isin(parts.toArray())).select(snapshotSelect).unionByName(candidates);
        }
        // every month a new row can land in: that of any of its candidate snapshots (a superset; a month
        // that receives no row is rewritten with its kept rows only)
        parts.addAll(SilverMerge.withPartitionMonth(candidates.select("received_at", "submitted_at", "last_synced_at"))
                .select("partition_month").distinct().as(Encoders.STRING()).collectAsList());
        if (touched != null) {
            // the untouched rows of every month rewritten, once the months are all known
            kept = existing.get().where(col("partition_month").isin(parts.toArray()))
                    .join(broadcastIf(small, touched), Seqs.of("dossier_id"), "left_anti");
        }

        Dataset<Row> ratings = store.readOrEmpty(RATINGS);
        if (touched != null) {
            ratings = ratings.join(broadcastIf(small, touched), Seqs.of("dossier_id"), "left_semi");
        }
        Dataset<Row> rating = SilverMerge.latestRating(ratings).select("dossier_id", "rating", "rated_at");
        Dataset<Row> withFeedback = store.readOrEmpty(FEEDBACK).where(col("dossier_id").isNotNull())
                .select("dossier_id").distinct().withColumn("has_feedback", lit(true));
        Dataset<Row> merged = SilverMerge.withPartitionMonth(SilverMerge.withCalendar(SilverMerge.latestSnapshot(candidates)
                .join(rating, Seqs.of("dossier_id"), "left")
                .join(withFeedback, Seqs.of("dossier_id"), "left")
                .na().fill(false, new String[]{"has_feedback"})));
        // every row takes its name from the catalogue, which was written just before; staged, not yet
        // visible: the dossiers and their history are swapped in together below, so that a run killed
        // between the two cannot leave a dossier moved to another month beside its old history
        TableFiles.Staged stagedDossiers = store.stagePartitions(DOSSIERS,
                SilverMerge.withProcedureName(kept == null ? merged : kept.unionByName(merged), store.readOrEmpty(PROCEDURES)), parts);

        Dataset<Row> written = store.staged(DOSSIERS, stagedDossiers);
        if (touched != null) {
            written = written.join(broadcastIf(small, touched), Seqs.of("dossier_id"), "left_semi");
        }
        written = written.select("dossier_id", "year", "partition_month");
        Row stats = written.agg(count(lit(1))).first();
        touchedYears.addAll(written.where(col("year").isNotNull()).select("year").distinct().as(Encoders.INT()).collectAsList());

        describe("rebuild status history");
        Dataset<Row> snapshots = store.readOrEmpty(SNAPSHOTS);
        Dataset<Row> keptHistory = store.readOrEmpty(HISTORY).where(col("partition_month").isin(parts.toArray()));
        if (touched != null) {
            Dataset<Row> batch = asSnapshots(validDossiers);
            snapshots = touchedRows.earlierSnapshots().select(SNAPSHOT_ORDER).unionByName(batch.select(SNAPSHOT_ORDER));
            keptHistory = keptHistory.join(broadcastIf(small, touched), Seqs.of("dossier_id"), "left_anti");
        }
        Dataset<Row> history = SilverMerge.statusHistory(snapshots).join(written.select("dossier_id", "partition_month"),
                Seqs.of("dossier_id"));
        store.commit(stagedDossiers, store.stagePartitions(HISTORY, keptHistory.unionByName(history), parts));

        long changed = stats.getLong(0);
        LOG.info("{} dossiers changed in {} partitions", changed, parts.size());
        return changed;
    }

    private static Column not(Column c) {
        return org.apache.spark.sql.functions.not(c);
    }

    private void describe(String step) {
        spark.sparkContext().setJobDescription("ingest: " + step);
        LOG.info(step);
    }
}
