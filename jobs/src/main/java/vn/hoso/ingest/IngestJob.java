package vn.hoso.ingest;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hoso.contract.Contract;
import vn.hoso.contract.CsvRecordParser;
import vn.hoso.contract.DossierParser;
import vn.hoso.contract.Pseudonymiser;
import vn.hoso.io.LandingZone;
import vn.hoso.io.LandingZone.SourceFile;
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

    private final SparkSession spark;
    private final LandingZone landing;
    private final TableStore store;
    private final Pseudonymiser pseudonymiser;

    public IngestJob(SparkSession spark, LandingZone landing, TableStore store, Pseudonymiser pseudonymiser) {
        this.spark = spark;
        this.landing = landing;
        this.store = store;
        this.pseudonymiser = pseudonymiser;
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
        describe("read landing files for " + dates.first() + (dates.size() > 1 ? ".." + dates.last() : ""));

        Dataset<Row> dossierLines = FeedReader.dossiers(spark, inputs("dossiers", dates),
                new DossierParser(Contract.dossierFields(), pseudonymiser)).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> ratingLines = csvFeed("ratings", inputs("ratings", dates));
        Dataset<Row> feedbackLines = csvFeed("feedback", inputs("feedback", dates));
        Map<String, Dataset<Row>> catalog = new LinkedHashMap<>();
        for (String feed : List.of("procedures", "units", "civil_servants")) {
            catalog.put(feed, csvFeed(feed, catalogInput(feed, runDate)));
        }

        describe("flag exact re-exports");
        Dataset<Row> snapshotsEarlier = store.readOrEmpty(SNAPSHOTS).where(not(col("export_date").isin(dates.toArray())));
        Dataset<Row> dossierFlagged = SilverMerge.flagReExports(dossierLines.withColumnRenamed("last_synced_at", "synced_at"),
                snapshotsEarlier, "dossier_id").withColumnRenamed("synced_at", "last_synced_at")
                .persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> ratingFlagged = SilverMerge.flagReExports(ratingsStaging(ratingLines),
                store.readOrEmpty(RATINGS).where(not(col("export_date").isin(dates.toArray()))), "dossier_id").cache();
        Dataset<Row> feedbackFlagged = SilverMerge.flagReExports(feedbackStaging(feedbackLines),
                store.readOrEmpty(FEEDBACK_EXPORTS).where(not(col("export_date").isin(dates.toArray()))), "feedback_id").cache();

        Dataset<Row> outcomes = outcomes("dossiers", dossierFlagged).unionByName(outcomes("ratings", ratingFlagged))
                .unionByName(outcomes("feedback", feedbackFlagged));
        for (var e : catalog.entrySet()) {
            outcomes = outcomes.unionByName(outcomes(e.getKey(), e.getValue().withColumn("is_re_export", lit(false))));
        }
        List<FeedCounts> counts = countFeeds(outcomes, catalog.keySet());

        describe("write quarantine");
        Dataset<Row> quarantine = quarantineRows("dossiers", dossierLines)
                .unionByName(quarantineRows("ratings", ratingLines))
                .unionByName(quarantineRows("feedback", feedbackLines));
        for (var e : catalog.entrySet()) {
            quarantine = quarantine.unionByName(quarantineRows(e.getKey(), e.getValue()));
        }
        replaceDates(QUARANTINE, quarantine, allDates(dates, runDate));

        describe("write snapshots, ratings and feedback");
        Dataset<Row> validDossiers = dossierFlagged.where(col("reason_code").isNull());
        replaceDates(SNAPSHOTS, validDossiers.withColumnRenamed("last_synced_at", "synced_at"), dates);
        replaceDates(RATINGS, ratingFlagged.where(col("reason_code").isNull()), dates);
        replaceDates(FEEDBACK_EXPORTS, feedbackFlagged.where(col("reason_code").isNull()), dates);
        store.replaceTable(FEEDBACK, SilverMerge.withCalendar(SilverMerge.latestFeedback(store.readOrEmpty(FEEDBACK_EXPORTS))));

        describe("write the catalogue");
        boolean catalogChanged = writeCatalog(catalog);

        describe("merge dossiers");
        Dataset<Row> touched = touchedDossiers(validDossiers, ratingFlagged, feedbackFlagged);
        TreeSet<Integer> touchedYears = new TreeSet<>();
        long changed = mergeDossiers(validDossiers, touched, touchedYears);
        touchedYears.addAll(store.readOrEmpty(FEEDBACK_EXPORTS)
                .join(feedbackFlagged.where(col("reason_code").isNull()).select("feedback_id").distinct(), Seqs.of("feedback_id"), "left_semi")
                .select(year(col("received_at"))).distinct().as(Encoders.INT()).collectAsList());

        Row fresh = store.readOrEmpty(DOSSIERS).agg(max("last_synced_at")).first();
        dossierLines.unpersist();
        dossierFlagged.unpersist();
        ratingFlagged.unpersist();
        feedbackFlagged.unpersist();
        return new Result(counts, changed, fresh.isNullAt(0) ? null : fresh.getAs(0), touchedYears, catalogChanged);
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
        if (f == null && !feed.equals("civil_servants")) {
            throw new IllegalArgumentException("the catalogue file " + landing.root() + "/catalog/" + feed
                    + ".csv is missing: every run needs the full catalogue");
        }
        return f == null ? List.of() : List.of(new FeedReader.Input(f, runDate));
    }

    private Dataset<Row> csvFeed(String feed, List<FeedReader.Input> inputs) {
        CsvRecordParser parser = new CsvRecordParser(feed, Contract.csvColumns(feed), pseudonymiser);
        return FeedReader.csv(spark, inputs, parser).cache();
    }

    private static Dataset<Row> ratingsStaging(Dataset<Row> lines) {
        return lines.select(col("MaHoSo").as("dossier_id"), col("ThoiDiemDanhGia").as("rated_at"),
                col("MucDoHaiLong").cast("int").as("rating"), col("export_date"), col("export_file"),
                col("export_line"), col("line_hash"), col("reason_code"));
    }

    private static Dataset<Row> feedbackStaging(Dataset<Row> lines) {
        return lines.select(col("MaPAKN").as("feedback_id"), col("MaHoSo").as("dossier_id"),
                col("DonViXuLy").as("unit_code"), col("NgayTiepNhan").as("received_at"),
                col("HanXuLy").as("deadline_at"), col("NgayXuLy").as("answered_at"),
                col("DaCongKhai").equalTo(1).and(col("DaCongKhai").isNotNull()).as("is_published"),
                when(col("HaiLong").isNull(), lit(null)).otherwise(col("HaiLong").equalTo(1)).as("is_satisfied"),
                col("export_date"), col("export_file"), col("export_line"), col("line_hash"), col("reason_code"));
    }

    private static Dataset<Row> outcomes(String feed, Dataset<Row> flagged) {
        return flagged.select(lit(feed).as("feed"), col("reason_code"), col("is_re_export"));
    }

    /** Every feed's counts in one job; a feed with no records still gets its row of zeros. */
    private static List<FeedCounts> countFeeds(Dataset<Row> outcomes, java.util.Set<String> catalogFeeds) {
        Map<String, FeedCounts> byFeed = new LinkedHashMap<>();
        List<String> order = new ArrayList<>(LandingZone.DATED_FEEDS);
        order.addAll(catalogFeeds);
        order.forEach(f -> byFeed.put(f, new FeedCounts(f, 0, 0, 0, 0)));
        for (Row r : outcomes.groupBy("feed").agg(count(lit(1)),
                sum(when(col("reason_code").isNotNull(), 1).otherwise(0)),
                sum(when(col("reason_code").isNull().and(col("is_re_export")), 1).otherwise(0))).collectAsList()) {
            long read = r.getLong(1);
            long quarantined = r.getLong(2);
            long reExports = r.getLong(3);
            byFeed.put(r.getString(0), new FeedCounts(r.getString(0), read, read - quarantined - reExports, quarantined, reExports));
        }
        return List.copyOf(byFeed.values());
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

    /** @return whether the catalogue files differ from those of the previous run */
    private boolean writeCatalog(Map<String, Dataset<Row>> catalog) {
        Dataset<Row> procedures = catalog.get("procedures").where(col("reason_code").isNull()).select(
                col("MaTTHC").as("procedure_code"), col("TenTTHC").as("procedure_name"), col("MaLinhVuc").as("sector_code"),
                col("TenLinhVuc").as("sector_name"), col("CapThucHien").as("level"), col("MucDoDVC").as("service_level"),
                col("DuDieuKienToanTrinh").equalTo(1).as("eligible_full_online"),
                col("YeuCauHoSoGiay").equalTo(1).as("requires_paper"), col("CoPhiLePhi").equalTo(1).as("has_fee"),
                col("TraKetQuaGiay").equalTo(1).as("paper_result"), col("ThoiHanGiaiQuyetNgay").as("deadline_days"),
                col("NgayTaiCauTruc").as("reengineered_on"), col("HieuLucTu").as("valid_from"), col("HieuLucDen").as("valid_to"));
        store.replaceTable(PROCEDURES, procedures);

        Dataset<Row> units = catalog.get("units").where(col("reason_code").isNull()).select(
                col("MaDonVi").as("unit_code"), col("TenDonVi").as("unit_name"), col("Cap").as("level"),
                col("MaDonViCha").as("parent_code"), col("HieuLucTu").as("valid_from"), col("HieuLucDen").as("valid_to"),
                col("MaDonViKeThua").as("successor_code"));
        Map<String, String> current = SilverMerge.currentUnits(units.collectAsList());
        List<Row> mapping = current.entrySet().stream().map(e -> RowFactory.create(e.getKey(), e.getValue())).toList();
        Dataset<Row> currentDf = spark.createDataFrame(mapping, DataTypes.createStructType(List.of(
                DataTypes.createStructField("unit_code", DataTypes.StringType, false),
                DataTypes.createStructField("current_unit_code", DataTypes.StringType, false))));
        store.replaceTable(UNITS, units.join(currentDf, Seqs.of("unit_code"), "left"));

        store.replaceTable(CIVIL_SERVANTS, catalog.get("civil_servants").where(col("reason_code").isNull())
                .select(col("SoDinhDanh").as("applicant_key"), col("MaDonVi").as("unit_code")).distinct());
        return store.swapMarker("catalog.sha256", landing.catalogFingerprint());
    }

    /** Dossiers whose row may change: new snapshots, new ratings, and feedback (old and new versions) naming them. */
    private Dataset<Row> touchedDossiers(Dataset<Row> validDossiers, Dataset<Row> ratings, Dataset<Row> feedback) {
        Dataset<Row> feedbackIds = feedback.where(col("reason_code").isNull()).select("feedback_id").distinct();
        Dataset<Row> feedbackDossiers = store.readOrEmpty(FEEDBACK_EXPORTS)
                .join(feedbackIds, Seqs.of("feedback_id"), "left_semi")
                .where(col("dossier_id").isNotNull()).select("dossier_id");
        return validDossiers.select("dossier_id")
                .unionByName(ratings.where(col("reason_code").isNull()).select("dossier_id"))
                .unionByName(feedbackDossiers)
                .distinct();
    }

    private long mergeDossiers(Dataset<Row> validDossiers, Dataset<Row> touched, TreeSet<Integer> touchedYears) {
        touched = touched.persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> existing = store.readOrEmpty(DOSSIERS);
        List<String> oldParts = existing.join(touched, Seqs.of("dossier_id"), "left_semi")
                .select("partition_month").distinct().as(Encoders.STRING()).collectAsList();

        List<String> snapshotCols = new ArrayList<>(DossierParser.COLUMNS);
        snapshotCols.addAll(List.of("export_date", "export_file", "export_line"));
        Column[] snapshotSelect = snapshotCols.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
        Dataset<Row> candidates = existing.where(col("partition_month").isin(oldParts.toArray()))
                .join(touched, Seqs.of("dossier_id"), "left_semi").select(snapshotSelect)
                .unionByName(validDossiers.select(snapshotSelect));
        Dataset<Row> latest = SilverMerge.latestSnapshot(candidates);

        Dataset<Row> rating = SilverMerge.latestRating(store.readOrEmpty(RATINGS).join(touched, Seqs.of("dossier_id"), "left_semi"))
                .select("dossier_id", "rating", "rated_at");
        Dataset<Row> withFeedback = store.readOrEmpty(FEEDBACK).where(col("dossier_id").isNotNull())
                .select("dossier_id").distinct().withColumn("has_feedback", lit(true));
        Dataset<Row> merged = SilverMerge.withPartitionMonth(SilverMerge.withCalendar(latest
                        .join(rating, Seqs.of("dossier_id"), "left")
                        .join(withFeedback, Seqs.of("dossier_id"), "left")
                        .na().fill(false, new String[]{"has_feedback"})))
                .persist(StorageLevel.MEMORY_AND_DISK());

        touchedYears.addAll(existing.where(col("partition_month").isin(oldParts.toArray()))
                .join(touched, Seqs.of("dossier_id"), "left_semi").where(col("year").isNotNull())
                .select("year").distinct().as(Encoders.INT()).collectAsList());
        touchedYears.addAll(merged.where(col("year").isNotNull()).select("year").distinct().as(Encoders.INT()).collectAsList());
        TreeSet<String> parts = new TreeSet<>(oldParts);
        parts.addAll(merged.select("partition_month").distinct().as(Encoders.STRING()).collectAsList());
        Dataset<Row> kept = existing.where(col("partition_month").isin(parts.toArray()))
                .join(touched, Seqs.of("dossier_id"), "left_anti");
        store.replacePartitions(DOSSIERS, kept.unionByName(merged), parts);

        describe("rebuild status history");
        Dataset<Row> history = SilverMerge.statusHistory(store.readOrEmpty(SNAPSHOTS).join(touched, Seqs.of("dossier_id"), "left_semi"))
                .join(merged.select("dossier_id", "partition_month"), Seqs.of("dossier_id"));
        Dataset<Row> keptHistory = store.readOrEmpty(HISTORY).where(col("partition_month").isin(parts.toArray()))
                .join(touched, Seqs.of("dossier_id"), "left_anti");
        store.replacePartitions(HISTORY, keptHistory.unionByName(history), parts);

        long changed = merged.count();
        merged.unpersist();
        touched.unpersist();
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
