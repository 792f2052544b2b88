package vn.hoso.contract;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.hoso.Fixtures;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DossierParserTest {
    private static final LocalDate RUN = LocalDate.of(2024, 3, 5);
    private final DossierParser parser = new DossierParser(Contract.dossierFields(), new Pseudonymiser("k"));

    private Object col(Object[] row, String name) {
        int i = parser.columns().stream().map(FieldSpec::name).toList().indexOf(name);
        assertThat(i).as(name + " is an output column").isNotNegative();
        return row[i];
    }

    private Object[] parse(ObjectNode n) throws Rejection {
        return parser.parse(Fixtures.line(n), RUN);
    }

    private QuarantineReason rejection(String line) {
        try {
            parser.parse(line, RUN);
        } catch (Rejection e) {
            assertThat(e.getMessage()).isNotBlank();
            return e.code();
        }
        throw new AssertionError("expected a rejection of " + line);
    }

    private QuarantineReason rejection(ObjectNode n) {
        return rejection(Fixtures.line(n));
    }

    @Test
    void portalAndIsoTimestampsMeanTheSameInstant() throws Rejection {
        Instant expected = Instant.parse("2024-03-04T02:00:00Z");
        ObjectNode portal = Fixtures.dossier("A", "20240305100000", 2);
        ObjectNode isoLocal = Fixtures.dossier("A", "2024-03-05T10:00:00", 2).put("NgayTiepNhan", "2024-03-04T09:00:00");
        ObjectNode isoOffset = Fixtures.dossier("A", "2024-03-05T03:00:00Z", 2).put("NgayTiepNhan", "2024-03-04T09:00:00+07:00");
        assertThat(col(parse(portal), "NgayTiepNhan")).isEqualTo(expected);
        assertThat(col(parse(isoLocal), "NgayTiepNhan")).isEqualTo(expected);
        assertThat(col(parse(isoOffset), "NgayTiepNhan")).isEqualTo(expected);
        assertThat(col(parse(isoOffset), "ThoiDiemDongBo")).isEqualTo(col(parse(portal), "ThoiDiemDongBo"));
    }

    @Test
    void arraysLeaveAsTheirItemsCheckedFields() throws Rejection {
        ObjectNode n = Fixtures.dossier("A", "20240305100000", 10);
        n.putArray("DanhSachLePhi").add(Fixtures.JSON.createObjectNode().put("Gia", 10000))
                .add(Fixtures.JSON.createObjectNode().put("Gia", "2500.5").put("MaPhiLePhi", " LP2 "));
        n.putArray("DanhSachHoSoBoSung").addObject().put("NgayYeuCauBoSung", "20240304100000");
        n.putNull("DanhSachGiayToKetQua");
        Object[] row = parse(n);
        @SuppressWarnings("unchecked")
        List<Object[]> fees = (List<Object[]>) col(row, "DanhSachLePhi");
        assertThat(fees).hasSize(2);
        assertThat(fees.get(0)).containsExactly(null, 10000.0, null);
        assertThat(fees.get(1)).containsExactly("LP2", 2500.5, null);
        @SuppressWarnings("unchecked")
        List<Object[]> supplements = (List<Object[]>) col(row, "DanhSachHoSoBoSung");
        assertThat(supplements.get(0)).containsExactly(Instant.parse("2024-03-04T03:00:00Z"), null);
        assertThat(col(row, "DanhSachGiayToKetQua")).isNull();
        assertThat(col(row, "TrangThaiHoSo")).isEqualTo(10L);
    }

    @Test
    void personalFieldsLeaveAsKeysOrNotAtAll() {
        assertThat(parser.columns()).extracting(FieldSpec::name)
                .contains("SoGiayToChuHoSo")
                .doesNotContain("ChuHoSo", "SoDienThoai", "Email", "DiaChi", "DinhDanhCHS", "TenTTHC");
    }

    @Test
    void unknownFieldsAreIgnored() throws Rejection {
        ObjectNode n = Fixtures.dossier("A", "20240305100000", 2).put("TruongMoi", "x");
        n.putObject("MoRong").put("a", 1);
        assertThat(col(parse(n), "MaHoSo")).isEqualTo("A");
    }

    @Test
    void applicantKeyIsHmacOfTrimmedUpperCasedIdAndNoPersonalValueIsReturned() throws Rejection {
        Object[] a = parse(Fixtures.dossier("A", "20240305100000", 2).put("SoGiayToChuHoSo", " 052090001234 "));
        Object[] b = parse(Fixtures.dossier("A", "20240305100000", 2));
        assertThat(col(a, "SoGiayToChuHoSo")).isEqualTo(col(b, "SoGiayToChuHoSo"))
                .isEqualTo(new Pseudonymiser("k").key("052090001234"));
        assertThat((String) col(a, "SoGiayToChuHoSo")).hasSize(64).doesNotContain(Fixtures.CCCD);
        for (Object v : a) {
            assertThat(String.valueOf(v)).doesNotContain(Fixtures.CCCD, Fixtures.NAME, Fixtures.PHONE, Fixtures.EMAIL);
        }
    }

    @Test
    void malformedJsonIsRejected() {
        String full = Fixtures.line(Fixtures.dossier("A", "20240305100000", 2));
        assertThat(rejection(full.substring(0, full.length() / 2))).isEqualTo(QuarantineReason.MALFORMED);
        assertThat(rejection("[1,2]")).isEqualTo(QuarantineReason.MALFORMED);
        assertThat(rejection(full + " {}")).isEqualTo(QuarantineReason.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"MaHoSo", "ThoiDiemDongBo", "MaTTHC", "DonViXuLy", "TrangThaiHoSo"})
    void missingRequiredFieldIsRejected(String field) {
        ObjectNode absent = Fixtures.dossier("A", "20240305100000", 2);
        absent.remove(field);
        assertThat(rejection(absent)).isEqualTo(QuarantineReason.MISSING_FIELD);
        assertThat(rejection(Fixtures.dossier("A", "20240305100000", 2).putNull(field))).isEqualTo(QuarantineReason.MISSING_FIELD);
    }

    @Test
    void unknownEnumValuesAreRejected() {
        assertThat(rejection(Fixtures.dossier("A", "20240305100000", 12))).isEqualTo(QuarantineReason.BAD_ENUM);
        assertThat(rejection(Fixtures.dossier("A", "20240305100000", 2).put("KenhThucHien", 7))).isEqualTo(QuarantineReason.BAD_ENUM);
        assertThat(rejection(Fixtures.dossier("A", "20240305100000", 2).put("NoiNopHoSo", 4))).isEqualTo(QuarantineReason.BAD_ENUM);
        assertThat(rejection(Fixtures.dossier("A", "20240305100000", 2).put("DuocThanhToanTrucTuyen", 3))).isEqualTo(QuarantineReason.BAD_ENUM);
        ObjectNode nested = Fixtures.dossier("A", "20240305100000", 2);
        nested.putArray("TaiLieuNop").addObject().put("DuocSoHoa", 5);
        assertThat(rejection(nested)).isEqualTo(QuarantineReason.BAD_ENUM);
    }

    @Test
    void textInAnIntegerFieldIsABadType() {
        assertThat(rejection(Fixtures.dossier("A", "20240305100000", 2).put("TrangThaiHoSo", "abc"))).isEqualTo(QuarantineReason.BAD_TYPE);
        assertThat(rejection(Fixtures.dossier("A", "20240305100000", 2).put("KenhThucHien", 1.5))).isEqualTo(QuarantineReason.BAD_TYPE);
    }

    @Test
    void unparseableTimestampIsRejected() {
        assertThat(rejection(Fixtures.dossier("A", "20240305100000", 2).put("NgayTiepNhan", "2024-13-45"))).isEqualTo(QuarantineReason.BAD_TIMESTAMP);
        assertThat(rejection(Fixtures.dossier("A", "20241305100000", 2))).isEqualTo(QuarantineReason.BAD_TIMESTAMP);
        assertThat(rejection(Fixtures.dossier("A", "20240305100000", 2).put("NgayHenTra", "tomorrow"))).isEqualTo(QuarantineReason.BAD_TIMESTAMP);
    }

    @Test
    void procedureCodeMustMatchThePattern() throws Rejection {
        assertThat(rejection(Fixtures.dossier("A", "20240305100000", 2).put("MaTTHC", "3.12AB"))).isEqualTo(QuarantineReason.BAD_PATTERN);
        assertThat(rejection(Fixtures.dossier("A", "20240305100000", 2).put("MaTTHC", "2.00081"))).isEqualTo(QuarantineReason.BAD_PATTERN);
        assertThat(col(parse(Fixtures.dossier("A", "20240305100000", 2).put("MaTTHC", "1.012753.H19")), "MaTTHC"))
                .isEqualTo("1.012753.H19");
    }

    @Test
    void aDueDateOnADayBeforeTheReceivedDayIsRejectedAndTheSameDayAtMidnightIsValid() throws Rejection {
        // received 4 March 09:00 Vietnam time
        assertThat(rejection(Fixtures.dossier("A", "20240305100000", 4).put("NgayHenTra", "20240303235959")))
                .isEqualTo(QuarantineReason.DUE_BEFORE_RECEIVED);
        assertThat(rejection(Fixtures.dossier("A", "20240305100000", 4).put("NgayHenTra", "2024-03-04T01:59:59+09:00")))
                .as("03-04 01:59 in Tokyo is 03-03 23:59 in Vietnam").isEqualTo(QuarantineReason.DUE_BEFORE_RECEIVED);
        assertThat(col(parse(Fixtures.dossier("A", "20240305100000", 4).put("NgayHenTra", "20240304000000")), "NgayHenTra"))
                .as("due at 00:00 of the receipt day, before the receipt time").isEqualTo(Instant.parse("2024-03-03T17:00:00Z"));
    }

    @Test
    void finishedBeforeReceivedIsRejected() throws Rejection {
        assertThat(rejection(Fixtures.dossier("A", "20240305100000", 9).put("NgayKetThucXuLy", "20240304085959")))
                .isEqualTo(QuarantineReason.FINISHED_BEFORE_RECEIVED);
        assertThat(col(parse(Fixtures.dossier("A", "20240305100000", 9).put("NgayKetThucXuLy", "20240304090000")), "NgayKetThucXuLy"))
                .isNotNull();
    }

    @Test
    void eventMoreThanADayAfterTheRunDateIsRejectedButAFutureDueDateIsNot() throws Rejection {
        assertThat(rejection(Fixtures.dossier("A", "20240307000000", 2))).isEqualTo(QuarantineReason.FUTURE_TIMESTAMP);
        assertThat(rejection(Fixtures.dossier("A", "20240305100000", 9).put("NgayKetThucXuLy", "20240307080000")))
                .isEqualTo(QuarantineReason.FUTURE_TIMESTAMP);
        assertThat(col(parse(Fixtures.dossier("A", "20240306235959", 2)), "MaHoSo")).isEqualTo("A");
        assertThat(col(parse(Fixtures.dossier("A", "20240305100000", 2).put("NgayHenTra", "20250101000000")), "NgayHenTra")).isNotNull();
    }

    @Test
    void rejectionMessagesNameTheField() {
        try {
            parser.parse(Fixtures.line(Fixtures.dossier("A", "20240305100000", 12)), RUN);
            throw new AssertionError("expected a rejection");
        } catch (Rejection e) {
            assertThat(e.getMessage()).contains("TrangThaiHoSo").contains("12");
        }
    }

    @Test
    void theDossiersOwnProcedureNameIsDropped() throws Rejection {
        Object[] row = parse(Fixtures.dossier("A", "20240305100000", 2).put("TenTTHC", vn.hoso.Hostile.FREE_TEXT));
        assertThat(parser.columns()).as("filled from the catalogue at ingest").noneMatch(c -> c.name().equals("TenTTHC"));
        for (Object v : row) {
            vn.hoso.Hostile.assertClean("parsed column", v instanceof String t ? t : null);
        }
    }

    @Test
    void oneIdNumberGivesOneKeyHoweverItIsWritten() throws Rejection {
        String key = new Pseudonymiser("k").key("001234567890");
        for (String id : vn.hoso.Hostile.IDS) {
            assertThat(col(parse(Fixtures.dossier("A", "20240305100000", 2).put("SoGiayToChuHoSo", id)), "SoGiayToChuHoSo"))
                    .as(id).isEqualTo(key);
        }
        assertThat(col(parse(Fixtures.dossier("A", "20240305100000", 2).put("SoGiayToChuHoSo", " .- ")), "SoGiayToChuHoSo")).isNull();
    }

    @Test
    void aLineThatIsNotJsonIsRejectedWithoutQuotingIt() {
        for (String line : List.of(vn.hoso.Hostile.unparsable(), "{\"MaHoSo\":\"A\",\"ChuHoSo\":\"Trần", "{\"a\":1} Trần")) {
            try {
                parser.parse(line, RUN);
                throw new AssertionError("expected a rejection of " + line);
            } catch (Rejection e) {
                assertThat(e.code()).isEqualTo(QuarantineReason.MALFORMED);
                assertThat(e.getMessage()).startsWith("not valid JSON: ").contains(" at column ").doesNotContain("Trần", "Tr", "'");
            }
        }
    }
}
