package vn.hoso.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hoso.Fixtures;
import vn.hoso.config.Settings;
import vn.hoso.pipeline.Pipeline;
import vn.hoso.pipeline.RunRequest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.hoso.Fixtures.dossier;
import static vn.hoso.Fixtures.line;

class IngestTest extends IngestTestSupport {
    static final LocalDate D1 = LocalDate.of(2024, 3, 4);
    static final LocalDate D2 = LocalDate.of(2024, 3, 5);
    static final LocalDate D3 = LocalDate.of(2024, 3, 6);

    @TempDir
    Path tmp;

    private Path landing() {
        Path landing = tmp.resolve("landing");
        Fixtures.catalog(landing);
        return landing;
    }

    @Test
    void latestSnapshotWinsAndATieGoesToTheLaterExportThenTheLaterLine() {
        Path landing = landing();
        Fixtures.dossierFile(landing, "2024-03-04", "part-00000.jsonl", List.of(
                line(dossier("A", "20240304090000", 2)),
                line(dossier("A", "20240304150000", 4)),
                line(dossier("B", "20240304100000", 2).put("DonViXuLy", "XA-001")),
                line(dossier("B", "20240304100000", 2).put("DonViXuLy", "XA-002"))));
        Fixtures.dossierFile(landing, "2024-03-05", "part-00000.jsonl", List.of(
                line(dossier("A", "20240304150000", 4).put("DonViXuLy", "XA-002")),
                line(dossier("A", "20240304120000", 5))));
        Path wh = tmp.resolve("wh");
        ingestAndCheck(landing, wh, RunRequest.backfill(D1, D2));

        Row a = dossierRow(wh, "A");
        assertThat((int) a.getAs("status")).isEqualTo(4);
        assertThat((String) a.getAs("unit_code")).isEqualTo("XA-002");
        assertThat((LocalDate) a.getAs("export_date")).isEqualTo(D2);
        assertThat((String) dossierRow(wh, "B").getAs("unit_code")).isEqualTo("XA-002");
        assertThat((long) dossierRow(wh, "B").getAs("export_line")).isEqualTo(4L);
    }

    @Test
    void anExactReExportIsCountedApartAndNotTwice() {
        Path landing = landing();
        String snapshot = line(dossier("A", "20240304090000", 2));
        Fixtures.dossierFile(landing, "2024-03-04", "part-00000.jsonl", List.of(snapshot));
        Fixtures.dossierFile(landing, "2024-03-05", "part-00000.jsonl", List.of(snapshot, line(dossier("A", "20240305090000", 4))));
        Path wh = tmp.resolve("wh");
        ingestAndCheck(landing, wh, RunRequest.nightly(D1));
        Pipeline.Outcome second = ingestAndCheck(landing, wh, RunRequest.nightly(D2));

        IngestJob.FeedCounts c = feed(second, "dossiers");
        assertThat(c.read()).isEqualTo(2);
        assertThat(c.reExports()).isEqualTo(1);
        assertThat(c.accepted()).isEqualTo(1);
        assertThat(c.quarantined()).isZero();
        assertThat(table(wh, IngestJob.DOSSIERS)).hasSize(1);
        assertThat(table(wh, IngestJob.HISTORY)).extracting(r -> (Integer) r.getAs("status")).containsExactlyInAnyOrder(2, 4);
    }

    @Test
    void aReExportWithinOneBackfillIsCountedOnce() {
        Path landing = landing();
        String snapshot = line(dossier("A", "20240304090000", 2));
        Fixtures.dossierFile(landing, "2024-03-04", "part-00000.jsonl", List.of(snapshot));
        Fixtures.dossierFile(landing, "2024-03-05", "part-00000.jsonl", List.of(snapshot));
        Pipeline.Outcome o = ingestAndCheck(landing, tmp.resolve("wh"), RunRequest.backfill(D1, D2));
        assertThat(feed(o, "dossiers").reExports()).isEqualTo(1);
        assertThat(feed(o, "dossiers").accepted()).isEqualTo(1);
    }

    @Test
    void aReExportIsCountedOnTheLaterExportEvenWhenTheEarlierNightIsLoadedSecond() {
        Path landing = landing();
        String snapshot = line(dossier("A", "20240304090000", 2));
        Fixtures.dossierFile(landing, "2024-03-04", "part-00000.jsonl", List.of(snapshot, snapshot));
        Fixtures.dossierFile(landing, "2024-03-05", "part-00000.jsonl", List.of(snapshot, line(dossier("B", "20240305090000", 2))));
        Path wh = tmp.resolve("wh");
        Pipeline.Outcome later = ingestAndCheck(landing, wh, RunRequest.nightly(D2));
        assertThat(feed(later, "dossiers").reExports()).as("nothing earlier is loaded yet").isZero();
        Pipeline.Outcome earlier = ingestAndCheck(landing, wh, RunRequest.nightly(D1));
        // D1's first copy is the first export of these bytes (D2's copy, already loaded, comes later);
        // its second copy on D1 repeats it
        assertThat(feed(earlier, "dossiers").reExports()).isEqualTo(1);
        assertThat(feed(earlier, "dossiers").accepted()).isEqualTo(1);

        Pipeline.Outcome rebuilt = ingestAndCheck(landing, tmp.resolve("wh2"), RunRequest.backfill(D1, D2));
        assertThat(feed(rebuilt, "dossiers").reExports()).as("D1's second copy and D2's copy").isEqualTo(2);
        assertThat(table(wh, IngestJob.DOSSIERS)).hasSize(2);
        assertThat(table(tmp.resolve("wh2"), IngestJob.DOSSIERS)).hasSize(2);
    }

    @Test
    void aLateSnapshotUpdatesAnOldDossierAndRewritesOnlyItsPartition() throws IOException {
        Path landing = landing();
        Fixtures.dossierFile(landing, "2024-03-04", "part-00000.jsonl", List.of(
                line(dossier("OLD", "20240304090000", 4)),
                line(dossier("OTHER", "20240304090000", 4).put("NgayNopHoSo", "20240101080000")
                        .put("NgayTiepNhan", "20240102080000"))));
        ObjectNode finished = dossier("OLD", "20240306100000", 10).put("NgayKetThucXuLy", "20240306090000")
                .put("NgayTra", "20240306100000");
        Fixtures.dossierFile(landing, "2024-03-06", "part-00000.jsonl", List.of(line(finished)));
        Path wh = tmp.resolve("wh");
        ingestAndCheck(landing, wh, RunRequest.nightly(D1));
        Path january = wh.resolve("silver/dossiers/partition_month=2024-01");
        Map<Path, Object> before = fileTimes(january);

        Pipeline.Outcome late = ingestAndCheck(landing, wh, RunRequest.nightly(D3));
        Row old = dossierRow(wh, "OLD");
        assertThat((int) old.getAs("status")).isEqualTo(10);
        assertThat((Instant) old.getAs("finished_at")).isEqualTo(Instant.parse("2024-03-06T02:00:00Z"));
        assertThat(late.ingest().dossiersChanged()).isEqualTo(1);
        assertThat(fileTimes(january)).isEqualTo(before);
        assertThat(table(wh, IngestJob.HISTORY).stream().filter(r -> "OLD".equals(r.getAs("dossier_id")))
                .map(r -> (Integer) r.getAs("status")).toList()).containsExactlyInAnyOrder(4, 10);
    }

    @Test
    void aNewDossierInAMonthThatHasOthersKeepsThem() {
        Path landing = landing();
        Fixtures.dossierFile(landing, "2024-03-04", "part-00000.jsonl", List.of(line(dossier("THERE", "20240304090000", 4))));
        Fixtures.dossierFile(landing, "2024-03-05", "part-00000.jsonl", List.of(line(dossier("NEW", "20240305090000", 4))));
        Path wh = tmp.resolve("wh");
        ingestAndCheck(landing, wh, RunRequest.nightly(D1));
        Pipeline.Outcome night = ingestAndCheck(landing, wh, RunRequest.nightly(D2));
        assertThat(night.ingest().dossiersChanged()).isEqualTo(1);
        assertThat(table(wh, IngestJob.DOSSIERS).stream().map(r -> (String) r.getAs("dossier_id")).sorted().toList())
                .as("the night touches no dossier of March, but March is rewritten: its other rows stay")
                .containsExactly("NEW", "THERE");
        assertThat(table(wh, IngestJob.HISTORY).stream().map(r -> (String) r.getAs("dossier_id")).distinct().sorted().toList())
                .containsExactly("NEW", "THERE");
    }

    @Test
    void rerunningADateGivesIdenticalSilver() {
        Path landing = threeNights();
        Path wh = tmp.resolve("wh");
        ingestAndCheck(landing, wh, RunRequest.nightly(D1));
        ingestAndCheck(landing, wh, RunRequest.nightly(D2));
        Map<String, List<String>> first = silver(wh);
        ingestAndCheck(landing, wh, RunRequest.nightly(D2));
        assertThat(silver(wh)).isEqualTo(first);
    }

    @Test
    void aBackfillAfterLaterNightsEqualsLoadingInOrder() {
        Path landing = threeNights();
        Path inOrder = tmp.resolve("in-order");
        ingestAndCheck(landing, inOrder, RunRequest.nightly(D1));
        ingestAndCheck(landing, inOrder, RunRequest.nightly(D2));
        ingestAndCheck(landing, inOrder, RunRequest.nightly(D3));
        Path outOfOrder = tmp.resolve("out-of-order");
        ingestAndCheck(landing, outOfOrder, RunRequest.nightly(D3));
        ingestAndCheck(landing, outOfOrder, RunRequest.backfill(D1, D2));
        Path full = tmp.resolve("full");
        ingestAndCheck(landing, full, RunRequest.full());

        assertThat(silver(outOfOrder)).isEqualTo(silver(inOrder));
        assertThat(silver(full)).isEqualTo(silver(inOrder));
        assertThat(silver(inOrder).get("dossiers")).hasSize(3);
    }

    @Test
    void ratingsAndFeedbackAreFoldedIntoTheDossierWhateverTheOrder() {
        Path landing = threeNights();
        Path wh = tmp.resolve("wh");
        ingestAndCheck(landing, wh, RunRequest.nightly(D3));
        ingestAndCheck(landing, wh, RunRequest.nightly(D1));
        ingestAndCheck(landing, wh, RunRequest.nightly(D2));
        Row a = dossierRow(wh, "A");
        assertThat((Integer) a.getAs("rating")).isEqualTo(1);
        assertThat((Boolean) a.getAs("has_feedback")).isTrue();
        assertThat((Boolean) dossierRow(wh, "B").getAs("has_feedback")).isFalse();
        assertThat((Integer) dossierRow(wh, "B").getAs("rating")).isNull();

        List<Row> feedback = table(wh, IngestJob.FEEDBACK);
        assertThat(feedback).hasSize(2);
        Row f1 = feedback.stream().filter(r -> "PAKN-1".equals(r.getAs("feedback_id"))).findFirst().orElseThrow();
        assertThat((Boolean) f1.getAs("is_published")).isTrue();
        assertThat((Instant) f1.getAs("answered_at")).isNotNull();
    }

    @Test
    void feedbackArrivingAloneOnALaterNightReachesItsDossier() {
        Path landing = landing();
        Fixtures.dossierFile(landing, "2024-03-04", "part-00000.jsonl", List.of(
                line(dossier("X", "20240304090000", 4)), line(dossier("Y", "20240304090000", 4))));
        // Z, in another month, only so that each night has a dossier record (the gate fails an empty night)
        Fixtures.dossierFile(landing, "2024-03-05", "part-00000.jsonl", List.of(line(dossier("Z", "20240305090000", 4)
                .put("NgayNopHoSo", "20240105080000").put("NgayTiepNhan", "20240105080000"))));
        Fixtures.dossierFile(landing, "2024-03-06", "part-00000.jsonl", List.of(line(dossier("Z", "20240306090000", 4)
                .put("NgayNopHoSo", "20240105080000").put("NgayTiepNhan", "20240105080000"))));
        Fixtures.feedbackFile(landing, "2024-03-05", "PAKN-9,X,XA-001,20240305100000,20240310170000,,0,");
        Fixtures.feedbackFile(landing, "2024-03-06", "PAKN-9,Y,XA-001,20240305100000,20240310170000,,0,");
        Path wh = tmp.resolve("wh");
        ingestAndCheck(landing, wh, RunRequest.nightly(D1));
        ingestAndCheck(landing, wh, RunRequest.nightly(D2));
        assertThat((Boolean) dossierRow(wh, "X").getAs("has_feedback")).as("a night with only feedback naming X").isTrue();
        assertThat((Boolean) dossierRow(wh, "Y").getAs("has_feedback")).isFalse();
        ingestAndCheck(landing, wh, RunRequest.nightly(D3));
        assertThat((Boolean) dossierRow(wh, "X").getAs("has_feedback")).as("the feedback now names Y").isFalse();
        assertThat((Boolean) dossierRow(wh, "Y").getAs("has_feedback")).isTrue();
        assertThat(silver(wh).get("dossiers")).isEqualTo(silverAfterFull(landing).get("dossiers"));
    }

    private Map<String, List<String>> silverAfterFull(Path landing) {
        Path full = tmp.resolve("full");
        ingestAndCheck(landing, full, RunRequest.full());
        return silver(full);
    }

    @Test
    void unitsCarryTheEndOfTheirSuccessorChain() {
        Path landing = threeNights();
        Path wh = tmp.resolve("wh");
        ingestAndCheck(landing, wh, RunRequest.nightly(D1));
        Map<String, String> current = table(wh, IngestJob.UNITS).stream().collect(Collectors.toMap(
                r -> r.getAs("unit_code"), r -> r.getAs("current_unit_code"), (x, y) -> x));
        assertThat(current).containsEntry("XA-001", "XA-101").containsEntry("XA-100", "XA-101")
                .containsEntry("HUYEN-01", "XA-101").containsEntry("TINH-52", "TINH-52").containsEntry("XA-101", "XA-101");
        assertThat(table(wh, IngestJob.PROCEDURES)).hasSize(3);
        assertThat(table(wh, IngestJob.CIVIL_SERVANTS)).hasSize(1);
    }

    @Test
    void theCatalogueTablesAreRewrittenOnlyWhenTheFilesOrTheSecretChange() throws IOException {
        Path landing = threeNights();
        Path wh = tmp.resolve("wh");
        assertThat(ingestAndCheck(landing, wh, RunRequest.nightly(D1)).ingest().catalogChanged()).isTrue();
        List<String> written = dataFiles(wh, IngestJob.PROCEDURES, IngestJob.UNITS, IngestJob.CIVIL_SERVANTS);

        // same files, same secret: the tables are kept as they are, file for file
        assertThat(ingestAndCheck(landing, wh, RunRequest.nightly(D2)).ingest().catalogChanged()).isFalse();
        assertThat(dataFiles(wh, IngestJob.PROCEDURES, IngestJob.UNITS, IngestJob.CIVIL_SERVANTS)).isEqualTo(written);

        // a changed file: rewritten, and reported as a change (the marts recompute every year)
        Fixtures.write(landing.resolve("catalog/civil_servants.csv"), "SoDinhDanh,MaDonVi\n052090009999,XA-001\n052090008888,XA-002\n");
        assertThat(ingestAndCheck(landing, wh, RunRequest.nightly(D3)).ingest().catalogChanged()).isTrue();
        assertThat(table(wh, IngestJob.CIVIL_SERVANTS)).hasSize(2);
        List<String> keys = applicantKeys(wh);

        // the same files under another secret (which takes a full rebuild): the civil servants' keys are made again
        Settings other = Settings.local(landing.toString(), wh.toString(), "another-secret", false);
        new Pipeline(spark, other, CLOCK).run(RunRequest.full());
        List<String> rekeyed = applicantKeys(wh);
        assertThat(rekeyed).hasSize(2).doesNotContainAnyElementsOf(keys);
        assertThat(rekeyed).containsExactlyInAnyOrderElementsOf(List.of(
                new vn.hoso.contract.Pseudonymiser("another-secret").key("052090009999"),
                new vn.hoso.contract.Pseudonymiser("another-secret").key("052090008888")));
    }

    private static List<String> applicantKeys(Path wh) {
        return table(wh, IngestJob.CIVIL_SERVANTS).stream().map(r -> r.<String>getAs("applicant_key")).sorted().toList();
    }

    /** The Parquet data files of some tables, by path: a rewrite gives new file names. */
    private static List<String> dataFiles(Path wh, vn.hoso.io.TableSpec... specs) throws IOException {
        List<String> out = new java.util.ArrayList<>();
        for (vn.hoso.io.TableSpec spec : specs) {
            try (Stream<Path> files = Files.walk(wh.resolve(spec.layer()).resolve(spec.name()))) {
                files.filter(f -> f.toString().endsWith(".parquet")).map(Path::toString).sorted().forEach(out::add);
            }
        }
        return out;
    }

    @Test
    void everyQuarantineRuleIsRecordedWithItsReasonAndTheCountsReconcile() {
        Path landing = landing();
        String good = line(dossier("A", "20240304090000", 2));
        String truncated = good.substring(0, 40);
        ObjectNode missing = dossier("M", "20240304090000", 2);
        missing.remove("DonViXuLy");
        byte[] invalidUtf8 = (line(dossier("U", "20240304090000", 2).put("ChuHoSo", "Nguyen X")).replace("Nguyen X", "Nguyen \u0001"))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        invalidUtf8[indexOf(invalidUtf8, (byte) 1)] = (byte) 0xC3;
        String lines = String.join("\n",
                good,
                truncated,
                line(missing),
                line(dossier("E", "20240304090000", 12)),
                line(dossier("T", "20240304090000", 2).put("TrangThaiHoSo", "abc")),
                line(dossier("S", "20240304090000", 2).put("NgayTiepNhan", "2024-13-45")),
                line(dossier("P", "20240304090000", 2).put("MaTTHC", "3.12AB")),
                line(dossier("F", "20240304090000", 9).put("NgayKetThucXuLy", "20240301080000")),
                line(dossier("X", "20240309090000", 2)));
        byte[] text = (lines + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] all = new byte[text.length + invalidUtf8.length + 1];
        System.arraycopy(text, 0, all, 0, text.length);
        System.arraycopy(invalidUtf8, 0, all, text.length, invalidUtf8.length);
        all[all.length - 1] = '\n';
        Fixtures.write(landing.resolve("dossiers/date=2024-03-04/part-00000.jsonl"), all);
        Fixtures.ratingsFile(landing, "2024-03-04", "A,20240304100000,2", "A,20240304100000,7", "A,notatime,2");

        Path wh = tmp.resolve("wh");
        assertThatThrownBy(() -> ingestAndCheck(landing, wh, RunRequest.nightly(D1)))
                .isInstanceOf(vn.hoso.quality.QualityFailure.class)
                .hasMessageContaining("quarantined share of the night's dossier records").hasMessageContaining("nothing was published");
        assertThat(wh.resolve("gold")).as("the gate stops the run before the marts").doesNotExist();

        Map<Long, String> reasons = table(wh, IngestJob.QUARANTINE).stream()
                .filter(r -> "dossiers".equals(r.getAs("feed")))
                .collect(Collectors.toMap(r -> (Long) r.getAs("line_number"), r -> r.getAs("reason_code")));
        assertThat(reasons).containsExactlyInAnyOrderEntriesOf(Map.of(
                2L, "MALFORMED", 3L, "MISSING_FIELD", 4L, "BAD_ENUM", 5L, "BAD_TYPE", 6L, "BAD_TIMESTAMP",
                7L, "BAD_PATTERN", 8L, "FINISHED_BEFORE_RECEIVED", 9L, "FUTURE_TIMESTAMP", 10L, "INVALID_UTF8"));
        assertThat(table(wh, IngestJob.QUARANTINE)).allSatisfy(r -> {
            assertThat((String) r.getAs("reason")).isNotBlank();
            assertThat((String) r.getAs("source_file")).startsWith(r.getAs("feed") + "/date=2024-03-04/");
        });
        assertThat(table(wh, IngestJob.QUARANTINE).stream().filter(r -> "ratings".equals(r.getAs("feed")))
                .map(r -> (String) r.getAs("reason_code"))).containsExactlyInAnyOrder("BAD_ENUM", "BAD_TIMESTAMP");

        Row d = table(wh, Pipeline.RUN_FEEDS).stream().filter(r -> "dossiers".equals(r.getAs("feed"))).findFirst().orElseThrow();
        assertThat((long) d.getAs("records_read")).isEqualTo(10);
        assertThat((long) d.getAs("quarantined")).isEqualTo(9);
        assertThat((long) d.getAs("accepted")).isEqualTo(1);
        Row log = table(wh, Pipeline.RUNS).get(0);
        assertThat((long) log.getAs("records_read")).isEqualTo(13L);
        assertThat((long) log.getAs("records_read")).isEqualTo((long) log.getAs("accepted")
                + (long) log.getAs("quarantined") + (long) log.getAs("re_exports"));
        assertThat((String) log.getAs("status")).isEqualTo("FAILED");
        assertThat((String) log.getAs("dq_verdict")).isEqualTo("FAILED");
        assertThat(table(wh, Pipeline.DQ_RESULTS)).anyMatch(r -> "FAILED".equals(r.getAs("status"))
                && "ERROR".equals(r.getAs("level")) && ((String) r.getAs("check_name")).startsWith("quarantined share"));
    }

    @Test
    void noPersonalDataInAnyParquetFileTheRunWrote() throws IOException {
        Path landing = threeNights();
        // free text of the Decision 766 feeds, stored masked: an ID number split by spaces, a phone, an e-mail
        Fixtures.write(landing.resolve("catalog/qd766_manual.csv"), QD766 + "\nM,2024-03,province,TINH-52,1.1,90,100,5.4,"
                + "\"Sở Nội vụ, " + Fixtures.EMAIL + "\",\"chị Thu CCCD 0520 9000 1234, " + Fixtures.CCCD + ", gọi " + Fixtures.PHONE + "\"\n");
        Fixtures.write(landing.resolve("catalog/holidays.csv"), "Ngay,TenNgayLe\n2024-01-01,Tết " + Fixtures.EMAIL + "\n");
        Fixtures.dossierFile(landing, "2024-03-04", "part-00001.jsonl", List.of(
                line(dossier("Q", "20240304090000", 12)), "{\"MaHoSo\":\"Q2\",\"ChuHoSo\":\"" + Fixtures.NAME
                        + "\",\"SoDienThoai\":\"" + Fixtures.PHONE + "\",\"SoGiayToChuHoSo\":\"" + Fixtures.CCCD));
        Path wh = tmp.resolve("wh");
        assertThatThrownBy(() -> run(landing, wh, RunRequest.full())).isInstanceOf(vn.hoso.quality.QualityFailure.class);
        assertThat(table(wh, IngestJob.QUARANTINE)).hasSize(2);
        List<Path> files;
        try (Stream<Path> s = Files.walk(wh)) {
            files = s.filter(p -> p.toString().endsWith(".parquet")).toList();
        }
        assertThat(files).hasSizeGreaterThan(5);
        for (Path f : files) {
            var data = spark.read().parquet(f.toString());
            for (var field : data.schema().fields()) {
                if (!field.dataType().equals(org.apache.spark.sql.types.DataTypes.StringType)) {
                    continue;
                }
                for (Row r : data.select(field.name()).collectAsList()) {
                    String text = r.isNullAt(0) ? "" : r.getString(0);
                    assertThat(text).as(f + " " + field.name()).doesNotContain(Fixtures.CCCD, Fixtures.NAME,
                            Fixtures.PHONE, Fixtures.EMAIL, "052090009999");
                    if (!field.name().equals("applicant_key")) {
                        assertThat(text).as(f + " " + field.name()).doesNotContainPattern("(?<![.\\d])\\d{9,}");
                    }
                }
            }
        }
    }

    /** Three nights: A evolves over them, B is re-exported, ratings and feedback arrive later. */
    private Path threeNights() {
        Path landing = landing();
        Fixtures.dossierFile(landing, "2024-03-04", "part-00000.jsonl", List.of(
                line(dossier("A", "20240304090000", 2)),
                line(dossier("B", "20240304100000", 2).put("KenhThucHien", 1).putNull("NoiNopHoSo"))));
        Fixtures.dossierFile(landing, "2024-03-05", "part-00000.jsonl", List.of(
                line(dossier("A", "20240305090000", 4)),
                line(dossier("B", "20240304100000", 2).put("KenhThucHien", 1).putNull("NoiNopHoSo")),
                line(dossier("C", "20240305110000", 1))));
        Fixtures.dossierFile(landing, "2024-03-06", "part-00000.jsonl", List.of(
                line(dossier("A", "20240306090000", 10).put("NgayKetThucXuLy", "20240306080000").put("NgayTra", "20240306090000")),
                line(dossier("B", "20240306100000", 9).put("KenhThucHien", 1).put("NgayKetThucXuLy", "20240306100000"))));
        Fixtures.ratingsFile(landing, "2024-03-05", "A,20240305100000,3");
        Fixtures.ratingsFile(landing, "2024-03-06", "A,20240306100000,1", "A,20240305100000,3");
        Fixtures.feedbackFile(landing, "2024-03-05", "PAKN-1,A,XA-001,20240305100000,20240310170000,,0,",
                "PAKN-2,,XA-002,20240305110000,20240310170000,,0,");
        Fixtures.feedbackFile(landing, "2024-03-06", "PAKN-1,A,XA-001,20240305100000,20240310170000,20240306090000,1,1");
        return landing;
    }

    private Map<String, List<String>> silver(Path wh) {
        return Map.of("dossiers", sorted(wh, IngestJob.DOSSIERS), "history", sorted(wh, IngestJob.HISTORY),
                "feedback", sorted(wh, IngestJob.FEEDBACK), "snapshots", sorted(wh, IngestJob.SNAPSHOTS),
                "ratings", sorted(wh, IngestJob.RATINGS), "quarantine", sorted(wh, IngestJob.QUARANTINE));
    }

    private static Map<Path, Object> fileTimes(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).collect(Collectors.toMap(p -> p, p -> {
                try {
                    return Files.getLastModifiedTime(p);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        }
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new AssertionError("byte not found");
    }

    private static final String QD766 = "period_type,period,scope_type,scope_code,indicator,numerator,denominator,score,source,note";

    @Test
    void theDecision766CatalogueFeedsAreOptionalAndTheirBadRowsAreQuarantinedWithTheirReason() {
        Path landing = landing();
        Fixtures.dossierFile(landing, "2024-03-04", "part-00000.jsonl", List.of(line(dossier("A", "20240304090000", 2))));
        Fixtures.dossierFile(landing, "2024-03-05", "part-00000.jsonl", List.of(line(dossier("A", "20240305090000", 4))));
        Path wh = tmp.resolve("wh");
        ingestAndCheck(landing, wh, RunRequest.nightly(D1));
        for (vn.hoso.io.TableSpec t : IngestJob.INDEX766_CATALOG.values()) {
            assertThat(table(wh, t)).as(t.name()).isEmpty();
            assertThat(wh.resolve("silver").resolve(t.name())).as(t.name() + " is written without its file").exists();
        }
        Row a = dossierRow(wh, "A");
        assertThat(List.of(a.getAs("has_documents"), a.getAs("from_personal_store"), a.getAs("fee_list_all_zero"),
                a.getAs("supplement_seconds"))).containsExactly(true, false, false, 0L);

        Fixtures.write(landing.resolve("catalog/holidays.csv"),
                "Ngay,TenNgayLe\n2024-01-01,Tết Dương lịch\n2024-02-30,Tết\n2024-04-30,Giải phóng\n2024-04-30,Thống nhất\n");
        Fixtures.write(landing.resolve("catalog/unit_procedures.csv"), "MaDonVi,MaTTHC\nXA-001,2.000815\nXA-001,2.000815\nXA-001,3.1\n");
        Fixtures.write(landing.resolve("catalog/qd766_manual.csv"), QD766 + "\nM,2024-03,province,TINH-52,1.1,90,100,5.4,manual,\n"
                + "M,2024-Q1,province,TINH-52,1.2,1,2,2,,\nM,2024-03,unit,XA-001,1.3,3,2,2,,\n");
        Fixtures.write(landing.resolve("catalog/qd766_portal.csv"), QD766 + "\nQ,2024-Q1,province,TINH-52,2.1,528684,597918,17.68,portal,\n"
                + "Q,2024-Q1,province,TINH-52,9.1,1,2,3,portal,\n");
        Pipeline.Outcome o = ingestAndCheck(landing, wh, RunRequest.nightly(D2));
        assertThat(o.ingest().catalogChanged()).isTrue();

        assertThat(table(wh, IngestJob.INDEX766_CATALOG.get("holidays"))).extracting(r -> r.get(0).toString())
                .containsExactly("2024-01-01");
        assertThat(table(wh, IngestJob.INDEX766_CATALOG.get("unit_procedures"))).extracting(Row::toString)
                .containsExactly("[XA-001,2.000815]");
        assertThat(table(wh, IngestJob.INDEX766_CATALOG.get("qd766_manual"))).extracting(r -> r.<String>getAs("indicator_code"))
                .containsExactly("1.1");
        assertThat(table(wh, IngestJob.INDEX766_CATALOG.get("qd766_portal"))).extracting(r -> r.<Double>getAs("score"))
                .containsExactly(17.68);

        Map<String, String> reasons = table(wh, IngestJob.QUARANTINE).stream()
                .filter(r -> D2.equals(r.getAs("export_date")) && IngestJob.INDEX766_CATALOG.containsKey(r.<String>getAs("feed")))
                .collect(Collectors.toMap(r -> r.getAs("feed") + ":" + r.getAs("line_number"), r -> r.getAs("reason_code")));
        assertThat(reasons).containsExactlyInAnyOrderEntriesOf(Map.of(
                "holidays:3", "BAD_TIMESTAMP", "holidays:4", "DUPLICATE_KEY", "holidays:5", "DUPLICATE_KEY",
                "unit_procedures:4", "BAD_PATTERN",
                "qd766_manual:3", "BAD_PATTERN", "qd766_manual:4", "OUT_OF_RANGE",
                "qd766_portal:3", "BAD_PATTERN"));
        assertThat(List.of(feed(o, "holidays").read(), feed(o, "holidays").accepted(), feed(o, "holidays").quarantined()))
                .containsExactly(4L, 1L, 3L);
        assertThat(List.of(feed(o, "unit_procedures").read(), feed(o, "unit_procedures").accepted(),
                feed(o, "unit_procedures").quarantined())).containsExactly(3L, 2L, 1L);
    }
}
