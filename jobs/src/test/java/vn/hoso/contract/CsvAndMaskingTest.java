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

    // --- the Decision 766 index's catalogue feeds (INDEX766.md) ---

    private static QuarantineReason reason(CsvRecordParser p, String header, String record) {
        try {
            p.parse(record, p.header(header), RUN);
            return null;
        } catch (Rejection e) {
            return e.code();
        }
    }

    private static CsvRecordParser parser(String feed) {
        return new CsvRecordParser(feed, Contract.csvColumns(feed), new Pseudonymiser("k"));
    }

    private static final String QD766 = "period_type,period,scope_type,scope_code,indicator,numerator,denominator,score,source,note";

    @Test
    void theIndexFeedsParseAndBadRowsGetTheirReasons() throws Rejection {
        CsvRecordParser holidays = parser("holidays");
        assertThat(holidays.parse("2025-09-02,Quốc khánh", holidays.header("Ngay,TenNgayLe"), RUN))
                .containsExactly(LocalDate.of(2025, 9, 2), "Quốc khánh");
        assertThat(reason(holidays, "Ngay,TenNgayLe", "2025-02-30,Tết")).isEqualTo(QuarantineReason.BAD_TIMESTAMP);
        assertThat(reason(holidays, "Ngay,TenNgayLe", ",Tết")).isEqualTo(QuarantineReason.MISSING_FIELD);
        assertThat(reason(holidays, "Ngay,TenNgayLe", "1850-01-01,Tết")).isEqualTo(QuarantineReason.OUT_OF_RANGE);

        CsvRecordParser pairs = parser("unit_procedures");
        assertThat(pairs.parse("XA-001,1.000001", pairs.header("MaDonVi,MaTTHC"), RUN)).containsExactly("XA-001", "1.000001");
        assertThat(reason(pairs, "MaDonVi,MaTTHC", "XA-001,3.1")).isEqualTo(QuarantineReason.BAD_PATTERN);
        assertThat(reason(pairs, "MaDonVi,MaTTHC", "XA 001,1.000001")).as("a code is one word").isEqualTo(QuarantineReason.BAD_PATTERN);
        assertThat(reason(pairs, "MaDonVi,MaTTHC", ",1.000001")).isEqualTo(QuarantineReason.MISSING_FIELD);

        for (String feed : List.of("qd766_manual", "qd766_portal")) {
            CsvRecordParser q = parser(feed);
            assertThat(q.parse("Q,2025-Q3,province,T-01,3.5b,119,313,0.95,portal,", q.header(QD766), RUN))
                    .containsExactly("Q", "2025-Q3", "province", "T-01", "3.5b", 119.0, 313.0, 0.95, "portal", null);
            assertThat(q.parse("Y,2025,unit,XA-001,1.1,,,6,,", q.header(QD766), RUN))
                    .containsExactly("Y", "2025", "unit", "XA-001", "1.1", null, null, 6.0, null, null);
            Map<String, QuarantineReason> bad = new java.util.LinkedHashMap<>();
            bad.put("W,2025-08,province,T-01,1.1,1,2,3,,", QuarantineReason.BAD_ENUM);
            bad.put("M,2025-Q3,province,T-01,1.1,1,2,3,,", QuarantineReason.BAD_PATTERN);
            bad.put("Q,2025-08,province,T-01,1.1,1,2,3,,", QuarantineReason.BAD_PATTERN);
            bad.put("Y,2025-08,province,T-01,1.1,1,2,3,,", QuarantineReason.BAD_PATTERN);
            bad.put("M,2025-13,province,T-01,1.1,1,2,3,,", QuarantineReason.BAD_PATTERN);
            bad.put("M,2025-08,district,T-01,1.1,1,2,3,,", QuarantineReason.BAD_ENUM);
            bad.put("M,2025-08,province,T-01,6.1,1,2,3,,", QuarantineReason.BAD_PATTERN);
            bad.put("M,2025-08,province,T-01,3.5B,1,2,3,,", QuarantineReason.BAD_PATTERN);
            bad.put("M,2025-08,province,T-01,1.10,1,2,3,,", QuarantineReason.BAD_PATTERN);
            bad.put("M,2025-08,province,T-01,1.1,-1,2,3,,", QuarantineReason.OUT_OF_RANGE);
            bad.put("M,2025-08,province,T-01,1.1,1,2,1e400,,", QuarantineReason.OUT_OF_RANGE);
            bad.put("M,2025-08,province,T-01,1.1,NaN,2,3,,", QuarantineReason.BAD_TYPE);
            bad.put("M,2025-08,province,T-01,1.1,abc,2,3,,", QuarantineReason.BAD_TYPE);
            bad.put("M,2025-08,province,T-01,1.1,5,4,3,,", QuarantineReason.OUT_OF_RANGE);
            bad.put("M,2025-08,province,,1.1,1,2,3,,", QuarantineReason.MISSING_FIELD);
            bad.forEach((record, code) -> assertThat(reason(q, QD766, record)).as(feed + ": " + record).isEqualTo(code));
            assertThat(reason(q, QD766, "M,2025-08,province,T-01,1.1,4,4,3,,")).as("numerator = denominator").isNull();
        }

        CsvRecordParser procedures = parser("procedures");
        String header = "MaTTHC,TenTTHC,MaLinhVuc,CapThucHien,MucDoDVC,DuDieuKienToanTrinh,YeuCauHoSoGiay,CoPhiLePhi,TraKetQuaGiay,HieuLucTu";
        assertThat(reason(procedures, header + ",ChoCongDan", "1.000001,Khai sinh,HT,XA,MOT_PHAN,0,0,0,0,2023-01-01,2"))
                .isEqualTo(QuarantineReason.BAD_ENUM);
        assertThat(reason(procedures, header + ",ChoCongDan", "1.000001,Khai sinh,HT,XA,MOT_PHAN,0,0,0,0,2023-01-01,1")).isNull();
        assertThat(reason(procedures, header, "1.000001,Khai sinh,HT,XA,MOT_PHAN,0,0,0,0,2023-01-01")).as("the column is optional").isNull();
    }

    @Test
    void personalDataInTheIndexFeedsFreeTextIsMaskedBeforeItIsStoredAndInQuarantine() throws Rejection {
        // an ID number split by spaces, a phone with dots and an e-mail, in the free-text columns
        String note = "CCCD 0010 9200 1234 của chị Lan, gọi 0912.345.678 hoặc lan.nguyen@so-tu-phap.gov.vn";
        for (String feed : List.of("qd766_manual", "qd766_portal")) {
            CsvRecordParser q = parser(feed);
            Object[] row = q.parse("M,2025-08,province,T-01,1.1,1,2,3,\"nguồn 001092001234\",\"" + note + "\"", q.header(QD766), RUN);
            String source = (String) row[8];
            String stored = (String) row[9];
            assertThat(stored).doesNotContain("1234", "0010 9200", "0912", "345.678", "@", "lan.nguyen").contains(Masking.MASK);
            assertThat(source).doesNotContain("001092001234").contains(Masking.MASK);
            // a quarantined row (numerator above its denominator) keeps no more of it
            String bad = "M,2025-08,province,T-01,1.1,3,2,3,,\"" + note + "\"";
            assertThat(reason(q, QD766, bad)).isEqualTo(QuarantineReason.OUT_OF_RANGE);
            assertThat(q.mask(bad, q.header(QD766))).doesNotContain("1234", "0912", "@", "lan.nguyen");
        }
        CsvRecordParser holidays = parser("holidays");
        Object[] row = holidays.parse("2025-01-01,Tết liên hệ a@b.vn 0912345678", holidays.header("Ngay,TenNgayLe"), RUN);
        assertThat((String) row[1]).doesNotContain("a@b.vn", "0912345678").startsWith("Tết");
    }
}
