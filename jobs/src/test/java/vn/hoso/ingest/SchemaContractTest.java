package vn.hoso.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hoso.Fixtures;
import vn.hoso.contract.Contract;
import vn.hoso.contract.FieldSpec;
import vn.hoso.io.TableSpec;
import vn.hoso.pipeline.Pipeline;
import vn.hoso.pipeline.RunRequest;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The machine-readable contract and table definitions agree with the spec and with what is written. */
class SchemaContractTest extends IngestTestSupport {
    @TempDir
    Path tmp;

    @Test
    void theDossierSchemaHasEveryFieldOfTheContractWithItsRules() {
        List<FieldSpec> fields = Contract.dossierFields();
        assertThat(fields.stream().map(FieldSpec::name)).containsExactly("MaHoSo", "ThoiDiemDongBo", "MaTTHC", "TenTTHC",
                "MaLinhVuc", "DonViXuLy", "KenhThucHien", "NoiNopHoSo", "LoaiDoiTuong", "SoGiayToChuHoSo", "ChuHoSo",
                "SoDienThoai", "Email", "DiaChi", "DinhDanhCHS", "TrangThaiHoSo", "NgayNopHoSo", "NgayTiepNhan", "NgayHenTra",
                "NgayKetThucXuLy", "NgayTra", "NgayTuChoi", "NgayNhanHoSoGiay", "HoSoCoThanhPhanSoHoa",
                "TaiKhoanDuocXacThucVoiVNeID", "DuocThanhToanTrucTuyen", "DanhSachLePhi", "TaiLieuNop", "DanhSachHoSoBoSung",
                "DanhSachGiayToKetQua");
        assertThat(fields.stream().filter(FieldSpec::required).map(FieldSpec::name))
                .containsExactly("MaHoSo", "ThoiDiemDongBo", "MaTTHC", "DonViXuLy", "TrangThaiHoSo");
        assertThat(fields.stream().filter(FieldSpec::personal).map(FieldSpec::name))
                .containsExactly("SoGiayToChuHoSo", "ChuHoSo", "SoDienThoai", "Email", "DiaChi", "DinhDanhCHS");
        assertThat(fields.stream().filter(f -> f.name().equals("TrangThaiHoSo")).findFirst().orElseThrow().allowed())
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(fields).filteredOn(f -> f.name().equals("NgayHenTra")).allMatch(f -> !f.eventTime());
        assertThat(Contract.csvColumns("procedures")).extracting(FieldSpec::name).containsExactly("MaTTHC", "TenTTHC",
                "MaLinhVuc", "TenLinhVuc", "CapThucHien", "MucDoDVC", "DuDieuKienToanTrinh", "YeuCauHoSoGiay", "CoPhiLePhi",
                "TraKetQuaGiay", "ThoiHanGiaiQuyetNgay", "NgayTaiCauTruc", "HieuLucTu", "HieuLucDen", "ChoCongDan");
        assertThat(Contract.csvColumns("procedures")).filteredOn(f -> f.name().equals("ChoCongDan"))
                .singleElement().satisfies(f -> {
                    assertThat(f.required()).as("optional").isFalse();
                    assertThat(f.allowed()).containsExactly(0L, 1L);
                });
        assertThat(Contract.csvColumns("holidays")).extracting(FieldSpec::name).containsExactly("Ngay", "TenNgayLe");
        assertThat(Contract.csvColumns("unit_procedures")).extracting(FieldSpec::name).containsExactly("MaDonVi", "MaTTHC");
        for (String feed : List.of("qd766_manual", "qd766_portal")) {
            assertThat(Contract.csvColumns(feed)).extracting(FieldSpec::name).containsExactly("period_type", "period",
                    "scope_type", "scope_code", "indicator", "numerator", "denominator", "score", "source", "note");
            assertThat(Contract.maskedColumns(feed)).containsExactlyInAnyOrder("source", "note");
        }
        assertThat(Contract.csvColumns("feedback")).extracting(FieldSpec::name).containsExactly("MaPAKN", "MaHoSo",
                "DonViXuLy", "NgayTiepNhan", "HanXuLy", "NgayXuLy", "DaCongKhai", "HaiLong");
    }

    @Test
    void everySilverTableIsWrittenWithExactlyTheColumnsAndTypesOfItsDefinition() {
        Path landing = tmp.resolve("landing");
        Fixtures.catalog(landing);
        Fixtures.dossierFile(landing, "2024-03-04", "part-00000.jsonl", List.of(Fixtures.line(Fixtures.dossier("A", "20240304090000", 2))));
        // one bad rating among enough good ones to stay under the gate's 1% quarantined share of the feed
        List<String> ratings = new java.util.ArrayList<>(List.of("A,20240304100000,3", "A,20240304100000,9"));
        for (int i = 0; i < 150; i++) {
            ratings.add("R" + i + ",20240304100000,2");
        }
        Fixtures.ratingsFile(landing, "2024-03-04", ratings.toArray(String[]::new));
        Fixtures.feedbackFile(landing, "2024-03-04", "PAKN-1,A,XA-001,20240304100000,20240310170000,,0,");
        Path wh = tmp.resolve("wh");
        run(landing, wh, RunRequest.nightly(java.time.LocalDate.of(2024, 3, 4)));

        List<TableSpec> specs = new java.util.ArrayList<>(List.of(IngestJob.DOSSIERS, IngestJob.HISTORY, IngestJob.SNAPSHOTS,
                IngestJob.RATINGS, IngestJob.FEEDBACK_EXPORTS, IngestJob.FEEDBACK, IngestJob.QUARANTINE, IngestJob.PROCEDURES,
                IngestJob.UNITS, IngestJob.CIVIL_SERVANTS, Pipeline.RUNS, Pipeline.RUN_FEEDS));
        // the Decision 766 catalogue tables: their files are absent here, and the tables still have their schema
        specs.addAll(IngestJob.INDEX766_CATALOG.values());
        for (TableSpec spec : specs) {
            Path dir = wh.resolve(spec.layer()).resolve(spec.name());
            List<String> written = Arrays.stream(spark.read().parquet(dir.toString()).schema().fields())
                    .filter(f -> !spec.partitionedBy().contains(f.name()))
                    .map(f -> f.name() + ":" + f.dataType().simpleString()).toList();
            List<String> declared = Arrays.stream(spec.sparkSchema().fields())
                    .filter(f -> !spec.partitionedBy().contains(f.name()))
                    .map(f -> f.name() + ":" + f.dataType().simpleString()).toList();
            assertThat(written).as(spec.name()).containsExactlyElementsOf(declared);
            for (String p : spec.partitionedBy()) {
                assertThat(dir.toFile().list()).as(spec.name()).anyMatch(n -> n.startsWith(p + "="));
            }
            assertThat(spec.columns()).as(spec.name()).allSatisfy(c -> {
                assertThat(c.labelVi()).isNotBlank();
                assertThat(c.description()).isNotBlank();
            });
            assertThat(spec.grain()).isNotBlank();
            assertThat(spec.key()).isNotEmpty();
            assertThat(spec.columnNames()).containsAll(spec.key());
        }
    }

    @Test
    void theLauncherAndSurefireGiveSparkTheSameJvmFlags() throws Exception {
        List<String> file = java.nio.file.Files.readAllLines(Path.of("jvm.flags")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        String pom = java.nio.file.Files.readString(Path.of("pom.xml"));
        String property = pom.substring(pom.indexOf("<spark.jvm.flags>") + 17, pom.indexOf("</spark.jvm.flags>"));
        assertThat(Arrays.asList(property.trim().split("\\s+"))).containsExactlyElementsOf(file);
    }

}
