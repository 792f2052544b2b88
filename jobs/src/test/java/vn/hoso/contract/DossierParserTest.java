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
        return row[DossierParser.COLUMNS.indexOf(name)];
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
        assertThat(col(parse(portal), "received_at")).isEqualTo(expected);
        assertThat(col(parse(isoLocal), "received_at")).isEqualTo(expected);
        assertThat(col(parse(isoOffset), "received_at")).isEqualTo(expected);
        assertThat(col(parse(isoOffset), "last_synced_at")).isEqualTo(col(parse(portal), "last_synced_at"));
    }

    @Test
    void nullOrMissingChannelCountsAsInPerson() throws Rejection {
        ObjectNode nullChannel = Fixtures.dossier("A", "20240305100000", 2).putNull("KenhThucHien");
        ObjectNode noChannel = Fixtures.dossier("A", "20240305100000", 2);
        noChannel.remove("KenhThucHien");
        assertThat(col(parse(nullChannel), "channel")).isEqualTo("IN_PERSON");
        assertThat(col(parse(noChannel), "channel")).isEqualTo("IN_PERSON");
        assertThat(col(parse(Fixtures.dossier("A", "20240305100000", 2).put("KenhThucHien", 3)), "channel")).isEqualTo("POSTAL");
        assertThat(col(parse(Fixtures.dossier("A", "20240305100000", 2)), "channel")).isEqualTo("ONLINE");
    }

    @Test
    void unknownFieldsAreIgnored() throws Rejection {
        ObjectNode n = Fixtures.dossier("A", "20240305100000", 2).put("TruongMoi", "x");
        n.putObject("MoRong").put("a", 1);
        assertThat(col(parse(n), "dossier_id")).isEqualTo("A");
    }

    @Test
    void derivesFlagsFromNestedLists() throws Rejection {
        ObjectNode n = Fixtures.dossier("A", "20240305100000", 10).put("HoSoCoThanhPhanSoHoa", 0).put("DuocThanhToanTrucTuyen", 2);
        n.putArray("TaiLieuNop").addObject().put("DuocSoHoa", 0).put("DuocTaiSuDung", 0).put("DuocLayTuKhoDMQG", 1);
        n.putArray("DanhSachLePhi").add(Fixtures.JSON.createObjectNode().put("Gia", 10000))
                .add(Fixtures.JSON.createObjectNode().put("Gia", 2500.5));
        n.putArray("DanhSachHoSoBoSung").add(Fixtures.JSON.createObjectNode().put("NgayYeuCauBoSung", "20240304100000"))
                .add(Fixtures.JSON.createObjectNode().put("NgayYeuCauBoSung", "20240304110000"));
        n.putArray("DanhSachGiayToKetQua").add(Fixtures.JSON.createObjectNode().put("MaGiayToKetQua", "K1").put("DuongDanTepTinKetQua", ""))
                .add(Fixtures.JSON.createObjectNode().put("MaGiayToKetQua", "K2").put("DuongDanTepTinKetQua", "https://kq/1.pdf"));
        Object[] row = parse(n);
        assertThat(col(row, "is_digitized")).isEqualTo(false);
        assertThat(col(row, "is_reused")).isEqualTo(true);
        assertThat(col(row, "paid_online")).isEqualTo(true);
        assertThat(col(row, "fee_total")).isEqualTo(12500.5);
        assertThat(col(row, "supplement_count")).isEqualTo(2);
        assertThat(col(row, "has_e_result")).isEqualTo(true);
        assertThat(col(row, "submitted_from")).isEqualTo("REMOTE");
        assertThat(col(row, "applicant_type")).isEqualTo("CITIZEN");
        assertThat(col(row, "status")).isEqualTo(10);
    }

    @Test
    void emptyResultLinkIsNotAnElectronicResult() throws Rejection {
        ObjectNode n = Fixtures.dossier("A", "20240305100000", 10);
        n.putArray("DanhSachGiayToKetQua").addObject().put("MaGiayToKetQua", "K1").put("DuongDanTepTinKetQua", " ");
        assertThat(col(parse(n), "has_e_result")).isEqualTo(false);
        assertThat(col(parse(n.put("DuocThanhToanTrucTuyen", 0)), "paid_online")).isEqualTo(false);
    }

    @Test
    void applicantKeyIsHmacOfTrimmedUpperCasedIdAndNoPersonalValueIsReturned() throws Rejection {
        Object[] a = parse(Fixtures.dossier("A", "20240305100000", 2).put("SoGiayToChuHoSo", " 052090001234 "));
        Object[] b = parse(Fixtures.dossier("A", "20240305100000", 2));
        assertThat(col(a, "applicant_key")).isEqualTo(col(b, "applicant_key"))
                .isEqualTo(new Pseudonymiser("k").key("052090001234"));
        assertThat((String) col(a, "applicant_key")).hasSize(64).doesNotContain(Fixtures.CCCD);
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
        assertThat(col(parse(Fixtures.dossier("A", "20240305100000", 2).put("MaTTHC", "1.012753.H19")), "procedure_code"))
                .isEqualTo("1.012753.H19");
    }

    @Test
    void aDueDateOnADayBeforeTheReceivedDayIsRejectedAndTheSameDayAtMidnightIsValid() throws Rejection {
        // received 4 March 09:00 Vietnam time
        assertThat(rejection(Fixtures.dossier("A", "20240305100000", 4).put("NgayHenTra", "20240303235959")))
                .isEqualTo(QuarantineReason.DUE_BEFORE_RECEIVED);
        assertThat(rejection(Fixtures.dossier("A", "20240305100000", 4).put("NgayHenTra", "2024-03-04T01:59:59+09:00")))
                .as("03-04 01:59 in Tokyo is 03-03 23:59 in Vietnam").isEqualTo(QuarantineReason.DUE_BEFORE_RECEIVED);
        assertThat(col(parse(Fixtures.dossier("A", "20240305100000", 4).put("NgayHenTra", "20240304000000")), "due_at"))
                .as("due at 00:00 of the receipt day, before the receipt time").isEqualTo(Instant.parse("2024-03-03T17:00:00Z"));
    }

    @Test
    void finishedBeforeReceivedIsRejected() throws Rejection {
        assertThat(rejection(Fixtures.dossier("A", "20240305100000", 9).put("NgayKetThucXuLy", "20240304085959")))
                .isEqualTo(QuarantineReason.FINISHED_BEFORE_RECEIVED);
        assertThat(col(parse(Fixtures.dossier("A", "20240305100000", 9).put("NgayKetThucXuLy", "20240304090000")), "finished_at"))
                .isNotNull();
    }

    @Test
    void eventMoreThanADayAfterTheRunDateIsRejectedButAFutureDueDateIsNot() throws Rejection {
        assertThat(rejection(Fixtures.dossier("A", "20240307000000", 2))).isEqualTo(QuarantineReason.FUTURE_TIMESTAMP);
        assertThat(rejection(Fixtures.dossier("A", "20240305100000", 9).put("NgayKetThucXuLy", "20240307080000")))
                .isEqualTo(QuarantineReason.FUTURE_TIMESTAMP);
        assertThat(col(parse(Fixtures.dossier("A", "20240306235959", 2)), "dossier_id")).isEqualTo("A");
        assertThat(col(parse(Fixtures.dossier("A", "20240305100000", 2).put("NgayHenTra", "20250101000000")), "due_at")).isNotNull();
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
        assertThat(col(row, "procedure_name")).as("filled from the catalogue at ingest").isNull();
        for (Object v : row) {
            vn.hoso.Hostile.assertClean("parsed column", v instanceof String t ? t : null);
        }
    }

    @Test
    void oneIdNumberGivesOneKeyHoweverItIsWritten() throws Rejection {
        String key = new Pseudonymiser("k").key("001234567890");
        for (String id : vn.hoso.Hostile.IDS) {
            assertThat(col(parse(Fixtures.dossier("A", "20240305100000", 2).put("SoGiayToChuHoSo", id)), "applicant_key"))
                    .as(id).isEqualTo(key);
        }
        assertThat(col(parse(Fixtures.dossier("A", "20240305100000", 2).put("SoGiayToChuHoSo", " .- ")), "applicant_key")).isNull();
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
