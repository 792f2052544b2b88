package vn.hoso.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hoso.Fixtures;
import vn.hoso.SparkTestBase;
import vn.hoso.contract.Contract;
import vn.hoso.contract.DossierParser;
import vn.hoso.contract.FieldSpec;
import vn.hoso.contract.Pseudonymiser;
import vn.hoso.io.LandingZone;
import vn.hoso.io.TableSpec;
import vn.hoso.marts.SqlModels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The staging models (sql/staging) alone: given parsed rows under the contract's names, the silver-shaped
 * rows they give (hand-computed), and their output columns against the silver tables' definitions and
 * their own YAML, so that neither can drift.
 */
class StagingModelsTest extends SparkTestBase {
    private static final LocalDate DAY = LocalDate.of(2024, 3, 5);
    /** The reader's columns every staging model passes through; a silver table keeps some of them. */
    private static final Set<String> PASSED_THROUGH = FeedReader.LINEAGE.stream().map(StructField::name)
            .collect(java.util.stream.Collectors.toSet());
    private static final Instant T0304_0800 = Instant.parse("2024-03-04T01:00:00Z");
    private static final Instant T0304_0900 = Instant.parse("2024-03-04T02:00:00Z");
    private static final Instant T0305_1000 = Instant.parse("2024-03-05T03:00:00Z");
    private static final Instant T0306_1700 = Instant.parse("2024-03-06T10:00:00Z");

    @TempDir
    Path tmp;

    private final DossierParser parser = new DossierParser(Contract.dossierFields(), new Pseudonymiser("k"));

    /** The staged rows of these dossier lines, read by the real reader from one file. */
    private Dataset<Row> stagedDossiers(List<String> lines) throws IOException {
        Path p = tmp.resolve("dossiers.jsonl");
        Files.writeString(p, String.join("\n", lines) + "\n");
        FeedReader.Input in = new FeedReader.Input(new LandingZone.SourceFile(p.toString(), "dossiers/date=2024-03-05/a.jsonl"), DAY);
        List<Row> parsed = FeedReader.dossierRows(in, new Configuration(), parser, 1 << 20);
        return Staging.run(spark, "dossiers", spark.createDataFrame(parsed, FeedReader.dossierParsed(parser)));
    }

    private static final String[] DOSSIER_COLUMNS = {"dossier_id", "channel", "submitted_from", "applicant_type", "status",
            "is_digitized", "is_reused", "is_vneid", "paid_online", "fee_total", "has_e_result", "supplement_count"};

    @Test
    void dossiersGetSilversNamesCodesAndFlags() throws IOException {
        ObjectNode plain = Fixtures.dossier("A", "20240305100000", 2);
        ObjectNode nested = Fixtures.dossier("B", "20240305100000", 10).put("HoSoCoThanhPhanSoHoa", 0)
                .put("DuocThanhToanTrucTuyen", 2).put("NoiNopHoSo", 3).put("LoaiDoiTuong", 2).put("TaiKhoanDuocXacThucVoiVNeID", 1);
        nested.putArray("TaiLieuNop").addObject().put("DuocSoHoa", 0).put("DuocTaiSuDung", 0).put("DuocLayTuKhoDMQG", 1);
        nested.putArray("DanhSachLePhi").add(Fixtures.JSON.createObjectNode().put("Gia", 10000))
                .add(Fixtures.JSON.createObjectNode().put("MaPhiLePhi", "LP2")).add(Fixtures.JSON.createObjectNode().put("Gia", 2500.5));
        nested.putArray("DanhSachHoSoBoSung").add(Fixtures.JSON.createObjectNode().put("NgayYeuCauBoSung", "20240304100000"))
                .add(Fixtures.JSON.createObjectNode().put("NgayYeuCauBoSung", "20240304110000"));
        nested.putArray("DanhSachGiayToKetQua").add(Fixtures.JSON.createObjectNode().put("DuongDanTepTinKetQua", " "))
                .add(Fixtures.JSON.createObjectNode().put("DuongDanTepTinKetQua", "https://kq/1.pdf"));
        ObjectNode bare = Fixtures.dossier("C", "20240305100000", 4).putNull("KenhThucHien").put("NoiNopHoSo", 2);
        for (String f : List.of("LoaiDoiTuong", "SoGiayToChuHoSo", "HoSoCoThanhPhanSoHoa", "DuocThanhToanTrucTuyen", "DanhSachLePhi",
                "TaiLieuNop", "DanhSachHoSoBoSung", "DanhSachGiayToKetQua")) {
            bare.remove(f);
        }
        ObjectNode postal = Fixtures.dossier("D", "20240305100000", 2).put("KenhThucHien", 3).put("DuocThanhToanTrucTuyen", 0);
        postal.putArray("DanhSachGiayToKetQua").addObject().put("DuongDanTepTinKetQua", "");
        Dataset<Row> staged = stagedDossiers(List.of(Fixtures.line(plain), Fixtures.line(nested), Fixtures.line(bare),
                Fixtures.line(postal), "{\"MaHoSo\": \"E\""));

        assertThat(staged.where("reason_code is null").selectExpr(DOSSIER_COLUMNS).collectAsList()).containsExactlyInAnyOrder(
                RowFactory.create("A", "ONLINE", "REMOTE", "CITIZEN", 2, true, false, false, true, 10000.0, false, 0),
                RowFactory.create("B", "ONLINE", "ASSISTED", "BUSINESS", 10, false, true, true, true, 12500.5, true, 2),
                RowFactory.create("C", "IN_PERSON", "DESK", null, 4, false, false, false, false, 0.0, false, 0),
                RowFactory.create("D", "POSTAL", "REMOTE", "CITIZEN", 2, true, false, false, false, 10000.0, false, 0));
        Row a = staged.where("dossier_id = 'A'").first();
        assertThat((Object) a.getAs("last_synced_at")).isEqualTo(T0305_1000);
        assertThat((Object) a.getAs("submitted_at")).isEqualTo(T0304_0800);
        assertThat((Object) a.getAs("received_at")).isEqualTo(T0304_0900);
        assertThat((Object) a.getAs("due_at")).isEqualTo(T0306_1700);
        assertThat((Object) a.getAs("finished_at")).isNull();
        assertThat((Object) a.getAs("procedure_code")).isEqualTo("2.000815");
        assertThat((Object) a.getAs("procedure_name")).as("from the catalogue, at the merge").isNull();
        assertThat((Object) a.getAs("sector_code")).isEqualTo("CHUNGTHUC");
        assertThat((Object) a.getAs("unit_code")).isEqualTo("XA-001");
        assertThat((Object) a.getAs("applicant_key")).isEqualTo(new Pseudonymiser("k").key(Fixtures.CCCD));
        assertThat((Object) staged.where("dossier_id = 'C'").first().getAs("applicant_key")).isNull();
        Row rejected = staged.where("reason_code is not null").first();
        assertThat(rejected.<String>getAs("reason_code")).isEqualTo("MALFORMED");
        assertThat(rejected.<Long>getAs("export_line")).isEqualTo(5L);
        assertThat(rejected.<String>getAs("export_file")).isEqualTo("dossiers/date=2024-03-05/a.jsonl");
        assertThat(rejected.<LocalDate>getAs("export_date")).isEqualTo(DAY);
    }

    /** The columns the Decision 766 index reads (issue 20): documents, personal store, zero fees, supplements. */
    /** Parsed rows of a CSV feed, each given as contract name → value, with lineage line 2, 3, ... */
    private Dataset<Row> stagedCsv(String feed, List<Map<String, Object>> records) {
        List<FieldSpec> columns = Contract.csvColumns(feed);
        List<Row> rows = new ArrayList<>();
        long line = 2;
        for (Map<String, Object> r : records) {
            List<Object> values = new ArrayList<>();
            columns.forEach(c -> values.add(r.get(c.name())));
            values.addAll(java.util.Arrays.asList(DAY, feed + ".csv", line++, 7L, null, null, null));
            rows.add(RowFactory.create(values.toArray()));
        }
        return Staging.run(spark, feed, spark.createDataFrame(rows, FeedReader.csvParsed(columns)));
    }

    private static Map<String, Object> record(Object... nameValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            m.put((String) nameValues[i], nameValues[i + 1]);
        }
        return m;
    }

    @Test
    void ratingsAndFeedback() {
        Dataset<Row> ratings = stagedCsv("ratings", List.of(record("MaHoSo", "A", "ThoiDiemDanhGia", T0304_0900, "MucDoHaiLong", 3L)));
        assertThat(ratings.selectExpr("dossier_id", "rated_at", "rating", "export_line").collectAsList())
                .containsExactly(RowFactory.create("A", T0304_0900, 3, 2L));

        Dataset<Row> feedback = stagedCsv("feedback", List.of(
                record("MaPAKN", "P1", "MaHoSo", "A", "DonViXuLy", "XA-001", "NgayTiepNhan", T0304_0800, "HanXuLy", T0306_1700,
                        "NgayXuLy", T0305_1000, "DaCongKhai", 1L, "HaiLong", 0L),
                record("MaPAKN", "P2", "DonViXuLy", "XA-002", "NgayTiepNhan", T0304_0900, "HaiLong", 1L),
                record("MaPAKN", "P3", "DonViXuLy", "XA-002", "NgayTiepNhan", T0304_0900, "DaCongKhai", 0L)));
        assertThat(feedback.selectExpr("feedback_id", "dossier_id", "unit_code", "received_at", "deadline_at", "answered_at",
                "is_published", "is_satisfied").collectAsList()).containsExactlyInAnyOrder(
                RowFactory.create("P1", "A", "XA-001", T0304_0800, T0306_1700, T0305_1000, true, false),
                RowFactory.create("P2", null, "XA-002", T0304_0900, null, null, false, true),
                RowFactory.create("P3", null, "XA-002", T0304_0900, null, null, false, null));
    }

    @Test
    void theCatalogue() {
        LocalDate from = LocalDate.of(2023, 1, 1);
        LocalDate to = LocalDate.of(2024, 6, 30);
        Dataset<Row> procedures = stagedCsv("procedures", List.of(
                record("MaTTHC", "2.000815", "TenTTHC", "Chứng thực", "MaLinhVuc", "CT", "TenLinhVuc", "Chứng thực", "CapThucHien", "XA",
                        "MucDoDVC", "TOAN_TRINH", "DuDieuKienToanTrinh", 1L, "YeuCauHoSoGiay", 0L, "CoPhiLePhi", 1L, "TraKetQuaGiay", 0L,
                        "ThoiHanGiaiQuyetNgay", 3L, "NgayTaiCauTruc", to, "HieuLucTu", from, "HieuLucDen", to, "ChoCongDan", 1L),
                record("MaTTHC", "1.002", "TenTTHC", "Đăng ký kinh doanh", "MaLinhVuc", "KD", "CapThucHien", "TINH", "MucDoDVC", "KHONG",
                        "DuDieuKienToanTrinh", 0L, "YeuCauHoSoGiay", 0L, "CoPhiLePhi", 0L, "TraKetQuaGiay", 0L, "HieuLucTu", from,
                        "ChoCongDan", 0L),
                record("MaTTHC", "1.001", "TenTTHC", "Khai sinh", "MaLinhVuc", "HT", "CapThucHien", "XA", "MucDoDVC", "MOT_PHAN",
                        "DuDieuKienToanTrinh", 0L, "YeuCauHoSoGiay", 1L, "CoPhiLePhi", 0L, "TraKetQuaGiay", 1L, "HieuLucTu", from)));
        assertThat(procedures.drop(FeedReader.LINEAGE.stream().map(StructField::name).toArray(String[]::new)).collectAsList())
                .containsExactlyInAnyOrder(
                        RowFactory.create("2.000815", "Chứng thực", "CT", "Chứng thực", "XA", "TOAN_TRINH", true, false, true, false, 3,
                                to, from, to, true),
                        RowFactory.create("1.001", "Khai sinh", "HT", null, "XA", "MOT_PHAN", false, true, false, true, null,
                                null, from, null, null),
                        RowFactory.create("1.002", "Đăng ký kinh doanh", "KD", null, "TINH", "KHONG", false, false, false, false, null,
                                null, from, null, false));

        Dataset<Row> units = stagedCsv("units", List.of(record("MaDonVi", "XA-001", "TenDonVi", "UBND xã", "Cap", "XA",
                "MaDonViCha", "HUYEN-1", "HieuLucTu", from, "HieuLucDen", to, "MaDonViKeThua", "XA-009")));
        assertThat(units.selectExpr("unit_code", "unit_name", "level", "parent_code", "valid_from", "valid_to", "successor_code")
                .collectAsList()).containsExactly(RowFactory.create("XA-001", "UBND xã", "XA", "HUYEN-1", from, to, "XA-009"));

        String key = new Pseudonymiser("k").key(Fixtures.CCCD);
        Dataset<Row> servants = stagedCsv("civil_servants", List.of(record("SoDinhDanh", key, "MaDonVi", "XA-001")));
        assertThat(servants.selectExpr("applicant_key", "unit_code").collectAsList()).containsExactly(RowFactory.create(key, "XA-001"));
    }

    /** Each staging model, the silver table its accepted rows are written to, and the columns the ingest adds after. */
    private record Target(String feed, String table, Set<String> addedLater) {
    }

    private static final List<Target> TARGETS = List.of(
            new Target("dossiers", "dossiers", Set.of("rating", "rated_at", "has_feedback", "received_date", "year", "month",
                    "partition_month")),
            new Target("ratings", "ratings", Set.of("export_month")),
            new Target("feedback", "feedback_exports", Set.of("export_month")),
            new Target("procedures", "procedures", Set.of()),
            new Target("units", "units", Set.of("current_unit_code")),
            new Target("civil_servants", "civil_servants", Set.of()),
            new Target("holidays", "holidays", Set.of()),
            new Target("unit_procedures", "unit_procedures", Set.of()),
            new Target("qd766_manual", "qd766_manual", Set.of()),
            new Target("qd766_portal", "qd766_portal", Set.of()));

    private StructType stagedSchema(String feed) {
        StructType parsed = feed.equals("dossiers") ? FeedReader.dossierParsed(parser) : FeedReader.csvParsed(Contract.csvColumns(feed));
        return Staging.run(spark, feed, spark.createDataFrame(List.of(), parsed)).schema();
    }

    @Test
    void everyStagedColumnIsASilverColumnOfTheSameTypeAndNoSilverColumnIsMissing() {
        for (Target t : TARGETS) {
            StructType staged = stagedSchema(t.feed());
            StructType silver = TableSpec.load("silver", t.table()).sparkSchema();
            Map<String, DataType> want = new LinkedHashMap<>();
            for (StructField f : silver.fields()) {
                if (!t.addedLater().contains(f.name())) {
                    want.put(f.name(), f.dataType());
                }
            }
            Map<String, DataType> got = new LinkedHashMap<>();
            for (StructField f : staged.fields()) {
                if (!PASSED_THROUGH.contains(f.name()) || want.containsKey(f.name())) {
                    got.put(f.name(), f.dataType());
                }
            }
            assertThat(got).as("stg_" + t.feed() + " against silver " + t.table()).isEqualTo(want);
        }
        // the snapshot table takes the staged dossier lines too (their last_synced_at is its synced_at)
        StructType staged = stagedSchema("dossiers");
        for (StructField f : TableSpec.load("silver", "dossier_snapshots").sparkSchema().fields()) {
            if (!f.name().equals("export_month")) {
                String name = f.name().equals("synced_at") ? "last_synced_at" : f.name();
                assertThat(staged.apply(name).dataType()).as("dossier_snapshots." + f.name()).isEqualTo(f.dataType());
            }
        }
    }

    @Test
    void eachModelsYamlNamesItsColumnsTypesAndInputs() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        for (Target t : TARGETS) {
            String model = "stg_" + t.feed();
            JsonNode doc = yaml.readTree(SqlModels.text("sql/staging/" + model + ".yml"));
            assertThat(doc.path("name").asText()).isEqualTo(model);
            assertThat(doc.path("inputs").get(0).asText()).isEqualTo("source:parsed." + t.feed());
            List<String> declared = new ArrayList<>();
            doc.path("columns").forEach(c -> {
                declared.add(c.path("name").asText() + " " + c.path("type").asText());
                assertThat(c.path("label_vi").asText()).as(model + "." + c.path("name").asText()).isNotBlank();
            });
            List<String> actual = new ArrayList<>();
            for (StructField f : stagedSchema(t.feed()).fields()) {
                actual.add(f.name() + " " + f.dataType().simpleString().replace("integer", "int"));
            }
            assertThat(declared).as(model + ".yml").containsExactlyElementsOf(actual);
        }
    }

    private static ObjectNode request(String requested, String answered) {
        ObjectNode r = Fixtures.JSON.createObjectNode();
        if (requested != null) {
            r.put("NgayYeuCauBoSung", requested);
        }
        if (answered != null) {
            r.put("NgayTiepNhanBoSung", answered);
        }
        return r;
    }

    private static final String[] INDEX766_COLUMNS = {"dossier_id", "has_documents", "from_personal_store", "fee_list_all_zero",
            "last_supplement_requested_at", "last_supplement_answered_at", "supplement_seconds"};

    /** Local (UTC+07:00) yyyyMMddHHmm as an instant. */
    private static Instant local(String t) {
        return java.time.LocalDateTime.parse(t, java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmm"))
                .atZone(java.time.ZoneOffset.ofHours(7)).toInstant();
    }

    @Test
    void theDecision766ColumnsOfADossier() throws IOException {
        // the fixture: one document (not from the store), one fee of 10000, an empty supplement list
        ObjectNode plain = Fixtures.dossier("P", "20240305100000", 4);
        ObjectNode nulls = Fixtures.dossier("N", "20240305100000", 4);
        nulls.putNull("TaiLieuNop");
        nulls.putNull("DanhSachLePhi");
        nulls.putNull("DanhSachHoSoBoSung");
        ObjectNode absent = Fixtures.dossier("M", "20240305100000", 4);
        absent.remove(List.of("TaiLieuNop", "DanhSachLePhi", "DanhSachHoSoBoSung"));
        ObjectNode empty = Fixtures.dossier("E", "20240305100000", 4);
        empty.putArray("TaiLieuNop");
        empty.putArray("DanhSachLePhi");
        ObjectNode zero = Fixtures.dossier("Z", "20240305100000", 9);
        zero.putArray("DanhSachLePhi").add(Fixtures.JSON.createObjectNode().put("MaPhiLePhi", "LP1").put("Gia", 0))
                .add(Fixtures.JSON.createObjectNode().put("Gia", 0.0));
        zero.putArray("TaiLieuNop").add(Fixtures.JSON.createObjectNode().put("DuocLayTuKhoDMQG", 0))
                .add(Fixtures.JSON.createObjectNode().put("DuocLayTuKhoDMQG", 1));
        // a fee without a price is not a zero fee
        ObjectNode nullPrice = Fixtures.dossier("G", "20240305100000", 9);
        nullPrice.putArray("DanhSachLePhi").add(Fixtures.JSON.createObjectNode().put("Gia", 0))
                .add(Fixtures.JSON.createObjectNode().put("MaPhiLePhi", "LP2"));
        nullPrice.putArray("TaiLieuNop").addObject();
        // listed out of order; the latest request (5 Mar 08:00) is unanswered; answered ones: 2 h + 30 min
        ObjectNode pending = Fixtures.dossier("S", "20240305100000", 5);
        pending.putArray("DanhSachHoSoBoSung").add(request("20240305080000", null))
                .add(request("20240304100000", "20240304120000")).add(request("20240304140000", "20240304143000"));
        // out of order, all answered (19 h + 1 h); a request without its date is never the last but its answer has no span
        ObjectNode answered = Fixtures.dossier("A", "20240305100000", 4);
        answered.putArray("DanhSachHoSoBoSung").add(request("20240304140000", "20240305090000"))
                .add(request("20240304100000", "20240304110000")).add(request(null, "20240305093000"));
        // two requests at the same time: the pending one is the last; an answer stamped before its request counts 0
        ObjectNode tie = Fixtures.dossier("T", "20240305100000", 5);
        tie.putArray("DanhSachHoSoBoSung").add(request("20240304100000", "20240304090000")).add(request("20240304100000", null));
        Dataset<Row> staged = stagedDossiers(java.util.stream.Stream.of(plain, nulls, absent, empty, zero, nullPrice, pending,
                answered, tie).map(Fixtures::line).toList());

        assertThat(staged.where("reason_code is not null").count()).isZero();
        assertThat(staged.selectExpr(INDEX766_COLUMNS).collectAsList()).containsExactlyInAnyOrder(
                RowFactory.create("P", true, false, false, null, null, 0L),
                RowFactory.create("N", false, false, false, null, null, 0L),
                RowFactory.create("M", false, false, false, null, null, 0L),
                RowFactory.create("E", false, false, false, null, null, 0L),
                RowFactory.create("Z", true, true, true, null, null, 0L),
                RowFactory.create("G", true, false, false, null, null, 0L),
                RowFactory.create("S", true, false, false, local("202403050800"), null, 2 * 3600L + 1800L),
                RowFactory.create("A", true, false, false, local("202403041400"), local("202403050900"), 19 * 3600L + 3600L),
                RowFactory.create("T", true, false, false, local("202403041000"), null, 0L));
    }

    @Test
    void theDecision766CatalogueFeeds() {
        LocalDate newYear = LocalDate.of(2025, 1, 1);
        LocalDate reunification = LocalDate.of(2025, 4, 30);
        LocalDate labour = LocalDate.of(2025, 5, 1);
        Dataset<Row> holidays = stagedCsv("holidays", List.of(record("Ngay", newYear, "TenNgayLe", "Tết Dương lịch"),
                record("Ngay", newYear, "TenNgayLe", "Tết Dương lịch"), record("Ngay", reunification, "TenNgayLe", "Giải phóng"),
                record("Ngay", reunification, "TenNgayLe", "Thống nhất"), record("Ngay", labour)));
        assertThat(holidays.selectExpr("holiday_date", "holiday_name", "reason_code", "export_line").collectAsList())
                .containsExactlyInAnyOrder(
                        RowFactory.create(newYear, "Tết Dương lịch", null, 2L),
                        RowFactory.create(newYear, "Tết Dương lịch", null, 3L),
                        RowFactory.create(reunification, "Giải phóng", "DUPLICATE_KEY", 4L),
                        RowFactory.create(reunification, "Thống nhất", "DUPLICATE_KEY", 5L),
                        RowFactory.create(labour, null, null, 6L));
        assertThat(holidays.where("reason_code is not null").select("reason").first().getString(0))
                .isEqualTo("the holiday date 2025-04-30 is given more than once with different names");
        assertThat(Staging.accepted(holidays, TableSpec.load("silver", "holidays")).distinct().count()).isEqualTo(2);

        Dataset<Row> pairs = stagedCsv("unit_procedures", List.of(record("MaDonVi", "XA-001", "MaTTHC", "1.000001"),
                record("MaDonVi", "XA-001", "MaTTHC", "1.000001"), record("MaDonVi", "XA-002", "MaTTHC", "1.000001")));
        assertThat(Staging.accepted(pairs, TableSpec.load("silver", "unit_procedures")).distinct().collectAsList())
                .containsExactlyInAnyOrder(RowFactory.create("XA-001", "1.000001"), RowFactory.create("XA-002", "1.000001"));

        for (String feed : List.of("qd766_manual", "qd766_portal")) {
            Dataset<Row> rows = stagedCsv(feed, List.of(
                    qd766("province", "1.1", 5.0, "sở"), qd766("province", "1.1", 5.0, "sở"),
                    qd766("province", "1.2", 3.0, null), qd766("province", "1.2", 3.5, null),
                    qd766("unit", "1.2", 3.0, null)));
            assertThat(rows.selectExpr("scope_type", "indicator_code", "score", "reason_code").collectAsList())
                    .as(feed).containsExactlyInAnyOrder(
                            RowFactory.create("province", "1.1", 5.0, null), RowFactory.create("province", "1.1", 5.0, null),
                            RowFactory.create("province", "1.2", 3.0, "DUPLICATE_KEY"),
                            RowFactory.create("province", "1.2", 3.5, "DUPLICATE_KEY"),
                            RowFactory.create("unit", "1.2", 3.0, null));
            assertThat(rows.where("reason_code is not null").select("reason").first().getString(0))
                    .isEqualTo("the key (M, 2025-08, province, T-01, 1.2) is given more than once with different values");
            assertThat(Staging.accepted(rows, TableSpec.load("silver", feed)).distinct().selectExpr("period_type", "period",
                    "scope_code", "indicator_code", "numerator", "denominator", "score", "source", "note").collectAsList())
                    .containsExactlyInAnyOrder(RowFactory.create("M", "2025-08", "T-01", "1.1", 1.0, 2.0, 5.0, "sở", null),
                            RowFactory.create("M", "2025-08", "T-01", "1.2", 1.0, 2.0, 3.0, null, null));
        }
    }

    private static Map<String, Object> qd766(String scopeType, String indicator, double score, String source) {
        return record("period_type", "M", "period", "2025-08", "scope_type", scopeType, "scope_code", "T-01", "indicator", indicator,
                "numerator", 1.0, "denominator", 2.0, "score", score, "source", source);
    }
}
