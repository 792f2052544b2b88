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
    @Test
    void dossiersGetTheIndex766Columns() throws IOException {
        ObjectNode two = Fixtures.dossier("S", "20240305100000", 5);
        two.putArray("TaiLieuNop").addObject().put("DuocLayTuKhoDMQG", 1);
        two.putArray("DanhSachLePhi").add(Fixtures.JSON.createObjectNode().put("Gia", 0)).add(Fixtures.JSON.createObjectNode().put("Gia", 0));
        // listed out of order: the latest request (11:00) is pending; the earlier one was answered an hour later
        two.putArray("DanhSachHoSoBoSung")
                .add(Fixtures.JSON.createObjectNode().put("NgayYeuCauBoSung", "20240304110000"))
                .add(Fixtures.JSON.createObjectNode().put("NgayYeuCauBoSung", "20240304080000").put("NgayTiepNhanBoSung", "20240304090000"));
        ObjectNode none = Fixtures.dossier("N", "20240305100000", 2);
        for (String f : List.of("TaiLieuNop", "DanhSachLePhi", "DanhSachHoSoBoSung")) {
            none.remove(f);
        }
        ObjectNode fee = Fixtures.dossier("F", "20240305100000", 2);
        fee.putArray("TaiLieuNop").addObject().put("DuocLayTuKhoDMQG", 0);
        fee.putArray("DanhSachLePhi").add(Fixtures.JSON.createObjectNode().put("Gia", 0)).add(Fixtures.JSON.createObjectNode().put("Gia", 5));
        Dataset<Row> staged = stagedDossiers(List.of(Fixtures.line(two), Fixtures.line(none), Fixtures.line(fee)));
        assertThat(staged.selectExpr("dossier_id", "has_documents", "from_personal_store", "fee_list_all_zero",
                "cast(last_supplement_requested_at as string)", "cast(last_supplement_answered_at as string)", "supplement_seconds")
                .collectAsList().stream().map(Row::toString).sorted().toList()).containsExactly(
                "[F,true,false,false,null,null,0]",
                "[N,false,false,false,null,null,0]",
                "[S,true,true,true,2024-03-04 11:00:00,null,3600]");
    }

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
                        "ThoiHanGiaiQuyetNgay", 3L, "NgayTaiCauTruc", to, "HieuLucTu", from, "HieuLucDen", to),
                record("MaTTHC", "1.001", "TenTTHC", "Khai sinh", "MaLinhVuc", "HT", "CapThucHien", "XA", "MucDoDVC", "MOT_PHAN",
                        "DuDieuKienToanTrinh", 0L, "YeuCauHoSoGiay", 1L, "CoPhiLePhi", 0L, "TraKetQuaGiay", 1L, "HieuLucTu", from)));
        assertThat(procedures.drop(FeedReader.LINEAGE.stream().map(StructField::name).toArray(String[]::new)).collectAsList())
                .containsExactlyInAnyOrder(
                        RowFactory.create("2.000815", "Chứng thực", "CT", "Chứng thực", "XA", "TOAN_TRINH", true, false, true, false, 3,
                                null, to, from, to),
                        RowFactory.create("1.001", "Khai sinh", "HT", null, "XA", "MOT_PHAN", false, true, false, true, null,
                                null, null, from, null));

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
            new Target("civil_servants", "civil_servants", Set.of()));

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
}
