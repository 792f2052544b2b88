package vn.hoso.contract;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import vn.hoso.Fixtures;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each field type accepts, in contract terms, and the values it must quarantine: booleans and numbers
 * where a code is required, fractions and out-of-range integers, fees that are not finite amounts, years
 * outside 1900..2100, and a key named twice. Reason codes are compared by name.
 */
class ContractValuesTest {
    private static final LocalDate RUN = LocalDate.of(2024, 3, 5);
    private final DossierParser parser = new DossierParser(Contract.dossierFields(), new Pseudonymiser("k"));
    private final CsvRecordParser ratings = new CsvRecordParser("ratings", Contract.csvColumns("ratings"), new Pseudonymiser("k"));
    private final CsvRecordParser procedures = new CsvRecordParser("procedures", Contract.csvColumns("procedures"), new Pseudonymiser("k"));

    private static ObjectNode good() {
        return Fixtures.dossier("A", "20240305100000", 2);
    }

    private Object column(String line, String name) throws Rejection {
        return parser.parse(line, RUN)[parser.columns().stream().map(FieldSpec::name).toList().indexOf(name)];
    }

    /** Gia of the first item of DanhSachLePhi (MaPhiLePhi, Gia, HinhThucThu). */
    @SuppressWarnings("unchecked")
    private Object firstFee(String line) throws Rejection {
        return ((java.util.List<Object[]>) column(line, "DanhSachLePhi")).get(0)[1];
    }

    private Object column(ObjectNode n, String name) throws Rejection {
        return column(Fixtures.line(n), name);
    }

    private String reason(String line) {
        try {
            parser.parse(line, RUN);
        } catch (Rejection e) {
            assertThat(e.getMessage()).isNotBlank();
            return e.code().name();
        }
        return "ACCEPTED";
    }

    private String reason(ObjectNode n) {
        return reason(Fixtures.line(n));
    }

    /** The line of a good dossier with one field's JSON text replaced (for values Jackson's tree cannot hold). */
    private static String withRaw(String field, String json) {
        ObjectNode n = good();
        n.put(field, "__RAW__");
        return Fixtures.line(n).replace("\"__RAW__\"", json);
    }

    @Test
    void aCodeIsAJsonStringNeverABooleanOrANumber() throws Rejection {
        assertThat(reason(good().put("DonViXuLy", true))).isEqualTo("BAD_TYPE");
        assertThat(reason(good().put("DonViXuLy", 123))).isEqualTo("BAD_TYPE");
        assertThat(reason(good().put("MaHoSo", false))).isEqualTo("BAD_TYPE");
        assertThat(reason(good().put("MaLinhVuc", 7))).as("optional codes too").isEqualTo("BAD_TYPE");
        assertThat(reason(good().set("DonViXuLy", Fixtures.JSON.createArrayNode().add("XA-001")))).isEqualTo("BAD_TYPE");
        assertThat(column(good().put("DonViXuLy", " XA-001 "), "DonViXuLy")).isEqualTo("XA-001");
    }

    @Test
    void aCodeIsOneWordWithoutALongDigitRunSoPersonalDataCannotPassAsACode() throws Rejection {
        assertThat(reason(good().put("MaHoSo", "001234567890"))).isEqualTo("BAD_PATTERN");
        assertThat(reason(good().put("DonViXuLy", "XA-0912345678"))).isEqualTo("BAD_PATTERN");
        assertThat(reason(good().put("MaHoSo", "Nguyễn Văn Thử"))).isEqualTo("BAD_PATTERN");
        assertThat(reason(good().put("MaLinhVuc", "thu@example.vn"))).isEqualTo("BAD_PATTERN");
        assertThat(reason(good().put("MaHoSo", "A\nB"))).isEqualTo("BAD_PATTERN");
        assertThat(column(good().put("MaHoSo", "000.00.15.H12-240304-12345678"), "MaHoSo")).isEqualTo("000.00.15.H12-240304-12345678");
        assertThat(reason(good().put("TenTTHC", "Cấp bản sao trích lục 123456789"))).as("free text is not a code").isEqualTo("ACCEPTED");
        String nested = Fixtures.line(good()).replace("\"MaPhiLePhi\":\"LP1\"", "\"MaPhiLePhi\":\"LP 123456789\"");
        assertThat(reason(nested)).as("nested codes are not stored").isEqualTo("ACCEPTED");
        Map<String, Integer> header = ratings.header("MaHoSo,ThoiDiemDanhGia,MucDoHaiLong");
        assertThat(csvReason(ratings, header, "052090001234,20240304100000,2")).isEqualTo("BAD_PATTERN");
    }

    @Test
    void anIntegerIsAJsonIntegerOrDigitsWithinTheIntRangeNeverAFraction() throws Rejection {
        assertThat(column(good().put("TrangThaiHoSo", "9"), "TrangThaiHoSo")).isEqualTo(9L);
        assertThat(column(good().put("TrangThaiHoSo", 9), "TrangThaiHoSo")).isEqualTo(9L);
        assertThat(reason(withRaw("TrangThaiHoSo", "18446744073709551626"))).as("2^64 + 10 must not wrap to 10").isEqualTo("OUT_OF_RANGE");
        assertThat(reason(withRaw("TrangThaiHoSo", "4294967298"))).as("2^32 + 2").isEqualTo("OUT_OF_RANGE");
        assertThat(reason(good().put("TrangThaiHoSo", "4294967298"))).isEqualTo("OUT_OF_RANGE");
        assertThat(reason(withRaw("TrangThaiHoSo", "2.0"))).isEqualTo("BAD_TYPE");
        assertThat(reason(good().put("TrangThaiHoSo", "2.0"))).isEqualTo("BAD_TYPE");
        assertThat(reason(good().put("TrangThaiHoSo", "+2"))).isEqualTo("BAD_TYPE");
        assertThat(reason(good().put("TrangThaiHoSo", "0x2"))).isEqualTo("BAD_TYPE");
        assertThat(reason(good().put("TrangThaiHoSo", true))).isEqualTo("BAD_TYPE");
        assertThat(reason(good().put("HoSoCoThanhPhanSoHoa", true))).isEqualTo("BAD_TYPE");
    }

    @Test
    void aFeeIsAFiniteAmountOfAtLeastZero() throws Rejection {
        String fee = Fixtures.line(good());
        assertThat(fee).contains("\"Gia\":10000");
        assertThat(reason(fee.replace("\"Gia\":10000", "\"Gia\":\"NaN\""))).isEqualTo("BAD_TYPE");
        assertThat(reason(fee.replace("\"Gia\":10000", "\"Gia\":\"Infinity\""))).isEqualTo("BAD_TYPE");
        assertThat(reason(fee.replace("\"Gia\":10000", "\"Gia\":1e999"))).isEqualTo("OUT_OF_RANGE");
        assertThat(reason(fee.replace("\"Gia\":10000", "\"Gia\":-5"))).isEqualTo("OUT_OF_RANGE");
        assertThat(reason(fee.replace("\"Gia\":10000", "\"Gia\":true"))).isEqualTo("BAD_TYPE");
        assertThat(reason(fee.replace("\"Gia\":10000", "\"Gia\":NaN"))).as("not JSON at all").isEqualTo("MALFORMED");
        assertThat(firstFee(fee.replace("\"Gia\":10000", "\"Gia\":\"12.5\""))).isEqualTo(12.5);
        assertThat(firstFee(fee.replace("\"Gia\":10000", "\"Gia\":0"))).isEqualTo(0.0);
    }

    @Test
    void timestampsAndDatesLieInTheYears1900To2100BothIncluded() throws Rejection {
        assertThat(column(good().put("NgayNopHoSo", "1900-01-01T00:00:00"), "NgayNopHoSo"))
                .isEqualTo(Instant.parse("1899-12-31T17:00:00Z"));
        assertThat(column(good().put("NgayNopHoSo", "19000101000000"), "NgayNopHoSo"))
                .isEqualTo(Instant.parse("1899-12-31T17:00:00Z"));
        assertThat(column(good().put("NgayHenTra", "2100-12-31T23:59:59"), "NgayHenTra")).isEqualTo(Instant.parse("2100-12-31T16:59:59Z"));
        assertThat(reason(good().put("NgayNopHoSo", "1899-12-31T23:59:59"))).isEqualTo("OUT_OF_RANGE");
        assertThat(reason(good().put("NgayNopHoSo", "1899-12-31T16:59:59Z"))).as("1899 in Vietnam time").isEqualTo("OUT_OF_RANGE");
        assertThat(reason(good().put("NgayNopHoSo", "1899-12-31T17:00:00Z"))).as("1900 in Vietnam time").isEqualTo("ACCEPTED");
        assertThat(reason(good().put("NgayNopHoSo", "0001-01-01T00:00:00"))).isEqualTo("OUT_OF_RANGE");
        assertThat(reason(good().put("NgayHenTra", "2101-01-01T00:00:00"))).isEqualTo("OUT_OF_RANGE");
        assertThat(reason(good().put("NgayHenTra", "+300000-01-01T00:00:00"))).isEqualTo("OUT_OF_RANGE");
        ObjectNode supplement = good();
        supplement.putArray("DanhSachHoSoBoSung").addObject().put("NgayYeuCauBoSung", "0001-01-01T00:00:00");
        assertThat(reason(supplement)).as("nested timestamps too").isEqualTo("OUT_OF_RANGE");
    }

    @Test
    void aKeyNamedTwiceInOneObjectIsRejected() {
        String line = Fixtures.line(good());
        assertThat(reason(line.replace("{\"MaHoSo\":\"A\"", "{\"MaHoSo\":\"A\",\"MaHoSo\":\"B\""))).isEqualTo("DUPLICATE_KEY");
        assertThat(reason(line.replace("\"Gia\":10000", "\"Gia\":10000,\"Gia\":0"))).as("nested").isEqualTo("DUPLICATE_KEY");
        assertThat(reason(line.replace("{\"MaHoSo\":\"A\"", "{\"MaHoSo\":\"A\",\"GhiChu\":1,\"GhiChu\":2"))).as("unknown fields too")
                .isEqualTo("DUPLICATE_KEY");
    }

    @Test
    void csvCellsFollowTheSameRules() throws Rejection {
        Map<String, Integer> header = ratings.header("MaHoSo,ThoiDiemDanhGia,MucDoHaiLong");
        assertThat(ratings.parse("A,20240304100000,2", header, RUN)[2]).isEqualTo(2L);
        assertThat(csvReason(ratings, header, "A,20240304100000,2.0")).isEqualTo("BAD_TYPE");
        assertThat(csvReason(ratings, header, "A,20240304100000,18446744073709551618")).isEqualTo("OUT_OF_RANGE");
        assertThat(csvReason(ratings, header, "A,18991231230000,2")).isEqualTo("OUT_OF_RANGE");
        Map<String, Integer> proc = procedures.header("MaTTHC,TenTTHC,MaLinhVuc,TenLinhVuc,CapThucHien,MucDoDVC,DuDieuKienToanTrinh,"
                + "YeuCauHoSoGiay,CoPhiLePhi,TraKetQuaGiay,ThoiHanGiaiQuyetNgay,NgayTaiCauTruc,HieuLucTu,HieuLucDen");
        String row = "2.000815,Chứng thực,CHUNGTHUC,Chứng thực,XA,TOAN_TRINH,1,0,1,0,1,,%s,";
        assertThat(procedures.parse(row.formatted("1900-01-01"), proc, RUN)[12]).isEqualTo(LocalDate.of(1900, 1, 1));
        assertThat(csvReason(procedures, proc, row.formatted("0001-01-01"))).isEqualTo("OUT_OF_RANGE");
    }

    private static String csvReason(CsvRecordParser p, Map<String, Integer> header, String record) {
        try {
            p.parse(record, header, RUN);
        } catch (Rejection e) {
            return e.code().name();
        }
        return "ACCEPTED";
    }
}
