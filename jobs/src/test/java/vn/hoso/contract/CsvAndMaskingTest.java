package vn.hoso.contract;

import org.junit.jupiter.api.Test;
import vn.hoso.Hostile;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvAndMaskingTest {
    private static final LocalDate RUN = LocalDate.of(2024, 3, 5);
    private final CsvRecordParser ratings = new CsvRecordParser("ratings", Contract.csvColumns("ratings"), new Pseudonymiser("k"));

    @Test
    void parsesARatingWithColumnsInAnyOrder() throws Rejection {
        Map<String, Integer> header = ratings.header("MucDoHaiLong,MaHoSo,ThoiDiemDanhGia");
        Object[] row = ratings.parse("3,H-1,20240305100000", header, RUN);
        assertThat(row).containsExactly("H-1", Instant.parse("2024-03-05T03:00:00Z"), 3L);
    }

    @Test
    void quotedCommasStayInOneCell() throws Rejection {
        assertThat(CsvRecordParser.split("a,\"b, c\",\"d \"\"e\"\"\"")).containsExactly("a", "b, c", "d \"e\"");
    }

    @Test
    void ratingRulesGiveTheirReasons() throws Rejection {
        Map<String, Integer> header = ratings.header("MaHoSo,ThoiDiemDanhGia,MucDoHaiLong");
        assertThatThrownBy(() -> ratings.parse("H-1,20240305100000,7", header, RUN))
                .isInstanceOfSatisfying(Rejection.class, e -> assertThat(e.code()).isEqualTo(QuarantineReason.BAD_ENUM));
        assertThatThrownBy(() -> ratings.parse("H-1,2024-99-05,2", header, RUN))
                .isInstanceOfSatisfying(Rejection.class, e -> assertThat(e.code()).isEqualTo(QuarantineReason.BAD_TIMESTAMP));
        assertThatThrownBy(() -> ratings.parse(",20240305100000,2", header, RUN))
                .isInstanceOfSatisfying(Rejection.class, e -> assertThat(e.code()).isEqualTo(QuarantineReason.MISSING_FIELD));
        assertThatThrownBy(() -> ratings.parse("H-1,20240305100000", header, RUN))
                .isInstanceOfSatisfying(Rejection.class, e -> assertThat(e.code()).isEqualTo(QuarantineReason.MALFORMED));
        assertThatThrownBy(() -> ratings.parse("H-1,20240310100000,2", header, RUN))
                .isInstanceOfSatisfying(Rejection.class, e -> assertThat(e.code()).isEqualTo(QuarantineReason.FUTURE_TIMESTAMP));
    }

    @Test
    void aHeaderWithoutARequiredColumnIsRejected() {
        assertThatThrownBy(() -> ratings.header("MaHoSo,MucDoHaiLong"))
                .isInstanceOfSatisfying(Rejection.class, e -> assertThat(e.getMessage()).contains("ThoiDiemDanhGia"));
    }

    @Test
    void civilServantIdIsPseudonymisedAndMaskedInRawText() throws Rejection {
        CsvRecordParser cs = new CsvRecordParser("civil_servants", Contract.csvColumns("civil_servants"), new Pseudonymiser("k"));
        Map<String, Integer> header = cs.header("SoDinhDanh,MaDonVi");
        Object[] row = cs.parse("052090009999,XA-001", header, RUN);
        assertThat(row[0]).isEqualTo(new Pseudonymiser("k").key("052090009999"));
        assertThat(cs.mask("052090009999,XA-001", header)).isEqualTo("***,XA-001");
    }

    private static final Masking.Rules DOSSIER = Contract.dossierMaskRules();

    @Test
    void maskingRemovesPersonalFieldsDigitRunsEmailsAndPhones() {
        String raw = "{\"MaHoSo\":\"H-1\",\"ChuHoSo\":\"Nguyễn Văn A\",\"SoGiayToChuHoSo\":\"052090001234\","
                + "\"SoDienThoai\":\"0912 345 678\",\"Email\":\"a@b.vn\",\"DiaChi\":{\"so\":\"12\"},\"GhiChu\":\"gọi 0987.654.321 hoặc x@y.com, CCCD 123456789\"}";
        String masked = Masking.maskJsonLine(raw, DOSSIER);
        assertThat(masked).contains("\"MaHoSo\":\"H-1\"").contains("\"ChuHoSo\":\"***\"")
                .doesNotContain("Nguyễn Văn A", "052090001234", "0912 345 678", "a@b.vn", "0987.654.321", "x@y.com", "123456789", "\"so\"");
        assertThat(Masking.maskText("mã 12345678 giữ")).isEqualTo("mã 12345678 giữ");
    }

    @Test
    void aParsedLineKeepsOnlyTheValuesOfNonPersonalContractFields() {
        String line = "{\"MaHoSo\":\"H-1\",\"TrangThaiHoSo\":12,\"NgayTiepNhan\":\"2024-03-04T09:00:00\","
                + "\"DanhSachLePhi\":[{\"MaPhiLePhi\":\"LP1\",\"Gia\":10000,\"GhiChu\":\"" + Hostile.NAME + "\"}],"
                + Hostile.personalFields() + "}";
        String masked = Masking.maskJsonLine(line, DOSSIER);
        Hostile.assertClean("masked line", masked);
        assertThat(masked).contains("\"MaHoSo\":\"H-1\"", "\"TrangThaiHoSo\":12", "\"NgayTiepNhan\":\"2024-03-04T09:00:00\"",
                "{\"MaPhiLePhi\":\"LP1\",\"Gia\":10000,\"GhiChu\":\"***\"}", "\"chuHoSo\":\"***\"", "\"DIACHI\":\"***\"",
                "\"NguoiNopThay\":\"***\"", "\"GhiChu\":\"***\"", "\"TenTTHC\":\"***\"", "\"SoDienThoai\":\"***\"");
    }

    @Test
    void anUnparsableLineKeepsNoLettersButFieldNames() {
        String masked = Masking.maskJsonLine(Hostile.unparsable(), DOSSIER);
        Hostile.assertClean("masked line", masked);
        assertThat(masked).startsWith("{\"MaHoSo\":\"***-2\",\"ChuHoSo\":*** *** ***,\"SoDienThoai\":***,\"DiaChi\":{")
                .contains(",\"***\":\"*** *** ***\",");
        assertThat(masked.replace("***", "").replaceAll("\\b(MaHoSo|ChuHoSo|SoDienThoai|DiaChi|Email|SoGiayToChuHoSo|GhiChu|NguoiNopThay)\\b", ""))
                .as("no letter left but field names").doesNotContainPattern("\\p{L}");
    }

    @Test
    void everyGroupingOfPhoneAndIdNumbersAndVietnameseEmailsIsMasked() {
        for (String p : Hostile.PHONES) {
            assertThat(Masking.maskText("ĐT " + p + ".")).isEqualTo("ĐT ***.");
        }
        for (String id : Hostile.IDS) {
            assertThat(Masking.maskText("CCCD " + id)).isEqualTo("CCCD ***" + (id.endsWith("\u00A0") ? " " : ""));
        }
        assertThat(Masking.maskText("gửi " + Hostile.EMAIL + " nhé")).isEqualTo("gửi *** nhé");
        assertThat(Masking.maskText("a@b")).isEqualTo("***");
        assertThat(Masking.maskText("ngày 2024-03-04, lệ phí 1.000.000 đồng, mã 12345678")).isEqualTo(
                "ngày 2024-03-04, lệ phí 1.000.000 đồng, mã 12345678");
    }

    @Test
    void aKeptValueThatIsNotACodeKeepsNoWords() {
        assertThat(Masking.maskValue("2024-03-04T09:00:00+07:00")).isEqualTo("2024-03-04T09:00:00+07:00");
        assertThat(Masking.maskValue("https://kq.vn/1.pdf")).isEqualTo("https://kq.vn/1.pdf");
        assertThat(Masking.maskValue(Hostile.NAME)).isEqualTo("*** *** ***");
        assertThat(Masking.maskValue("H-" + Hostile.IDS.get(3))).isEqualTo("H-***");
    }

    @Test
    void theReasonNeverQuotesTheValue() {
        assertThat(Masking.maskReason("NgayTiepNhan '" + Hostile.NAME + "' is neither yyyyMMddHHmmss nor ISO-8601"))
                .isEqualTo("NgayTiepNhan '***' is neither yyyyMMddHHmmss nor ISO-8601");
        assertThat(Masking.maskReason("TrangThaiHoSo = 12 is not one of [1, 2]")).isEqualTo("TrangThaiHoSo = 12 is not one of [1, 2]");
        assertThat(Masking.maskReason("MaHoSo 'it's " + Hostile.NAME + "' is bad")).isEqualTo("MaHoSo '***' is bad");
    }

    @Test
    void maskingIsLinearAndNeverThrowsOnHostileLengths() {
        String value = "a\\\"".repeat(700);
        String longValue = "{\"ChuHoSo\":\"" + value + "\",\"GhiChu\":\"" + "Trần ".repeat(400) + "\"}";
        String letters = "x".repeat(40_000);
        String digits = "1 ".repeat(40_000);
        String ats = "a@".repeat(40_000);
        String nested = "[".repeat(5_000) + "]".repeat(5_000);
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(5), () -> {
            assertThat(Masking.maskJsonLine(longValue, DOSSIER)).doesNotContain("Trần", "a\\");
            assertThat(Masking.maskJsonLine(longValue.substring(0, 2_000), DOSSIER)).doesNotContain("Trần");
            assertThat(Masking.maskText(letters)).isEqualTo(letters);
            assertThat(Masking.maskJsonLine("{\"GhiChu\":" + letters, DOSSIER)).isEqualTo("{\"***\":***");
            assertThat(Masking.maskText(digits)).isEqualTo("***" + " ");
            assertThat(Masking.maskText(ats)).doesNotContain("a@a");
            assertThat(Masking.maskJsonLine(nested, DOSSIER)).isNotNull();
            assertThat(Masking.maskJsonLine("{\"DanhSachLePhi\":" + "[".repeat(900) + "\"" + Hostile.NAME + "\"" + "]".repeat(900) + "}",
                    DOSSIER)).doesNotContain(Hostile.NAME);
        });
    }

    @Test
    void aCsvRecordKeepsOnlyItsNonPersonalColumns() throws Rejection {
        CsvRecordParser cs = new CsvRecordParser("civil_servants", Contract.csvColumns("civil_servants"), new Pseudonymiser("k"));
        Map<String, Integer> header = cs.header("SoDinhDanh,MaDonVi,HoTen");
        String masked = cs.mask(Hostile.IDS.get(0) + ",\"XA-001, gọi " + Hostile.PHONES.get(0) + "\"," + Hostile.NAME, header);
        assertThat(masked).isEqualTo("***,\"***-001, *** ***\",***");
        assertThat(cs.mask("001,XA-001,", header)).isEqualTo("***,XA-001,");
        String broken = cs.mask("\"" + Hostile.NAME + "\"x," + Hostile.IDS.get(1), header);
        Hostile.assertClean("unsplittable record", broken);
    }

    @Test
    void pseudonymiserRefusesAnEmptySecretAndHidesIt() {
        assertThatThrownBy(() -> new Pseudonymiser(" ")).hasMessageContaining(Pseudonymiser.SECRET_ENV);
        assertThat(new Pseudonymiser("s3cret").toString()).doesNotContain("s3cret");
        assertThat(new Pseudonymiser("a").key("x")).isNotEqualTo(new Pseudonymiser("b").key("x"));
        assertThat(new Pseudonymiser("a").key("abc")).isEqualTo(new Pseudonymiser("a").key(" ABC "));
    }

    @Test
    void idNumbersAreNormalisedBeforeTheHmacInBothFeeds() throws Rejection {
        for (String id : Hostile.IDS) {
            assertThat(Pseudonymiser.normalise(id)).as(id).isEqualTo("001234567890");
        }
        assertThat(Pseudonymiser.normalise(" 0312-345_678/9 ")).isEqualTo("03123456789");
        assertThat(Pseudonymiser.normalise("ab\u00A0c")).isEqualTo("ABC");
        CsvRecordParser cs = new CsvRecordParser("civil_servants", Contract.csvColumns("civil_servants"), new Pseudonymiser("k"));
        Map<String, Integer> header = cs.header("SoDinhDanh,MaDonVi");
        for (String id : Hostile.IDS) {
            assertThat(cs.parse("\"" + id + "\",XA-001", header, RUN)[0]).as(id).isEqualTo(new Pseudonymiser("k").key("001234567890"));
        }
    }

    @Test
    void theSecretsFingerprintIsKeyedAndFixed() {
        assertThat(new Pseudonymiser("a").fingerprint()).isEqualTo(new Pseudonymiser("a").fingerprint()).hasSize(64)
                .isNotEqualTo(new Pseudonymiser("b").fingerprint()).doesNotContain("a".repeat(3));
    }
}
