package vn.hoso.contract;

import org.junit.jupiter.api.Test;

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

    @Test
    void maskingRemovesPersonalFieldsDigitRunsEmailsAndPhones() {
        String raw = "{\"MaHoSo\":\"H-1\",\"ChuHoSo\":\"Nguyễn Văn A\",\"SoGiayToChuHoSo\":\"052090001234\","
                + "\"SoDienThoai\":\"0912 345 678\",\"Email\":\"a@b.vn\",\"DiaChi\":{\"so\":\"12\"},\"GhiChu\":\"gọi 0987.654.321 hoặc x@y.com, CCCD 123456789\"";
        String masked = Masking.maskJsonLine(raw, List.of("ChuHoSo", "SoGiayToChuHoSo", "SoDienThoai", "Email", "DiaChi"));
        assertThat(masked).contains("\"MaHoSo\":\"H-1\"").contains("\"ChuHoSo\":\"***\"")
                .doesNotContain("Nguyễn Văn A", "052090001234", "0912 345 678", "a@b.vn", "0987.654.321", "x@y.com", "123456789", "\"so\"");
        assertThat(Masking.maskText("mã 12345678 giữ")).isEqualTo("mã 12345678 giữ");
    }

    @Test
    void pseudonymiserRefusesAnEmptySecretAndHidesIt() {
        assertThatThrownBy(() -> new Pseudonymiser(" ")).hasMessageContaining(Pseudonymiser.SECRET_ENV);
        assertThat(new Pseudonymiser("s3cret").toString()).doesNotContain("s3cret");
        assertThat(new Pseudonymiser("a").key("x")).isNotEqualTo(new Pseudonymiser("b").key("x"));
        assertThat(new Pseudonymiser("a").key("abc")).isEqualTo(new Pseudonymiser("a").key(" ABC "));
    }
}
