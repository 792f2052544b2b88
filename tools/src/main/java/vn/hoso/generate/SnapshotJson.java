package vn.hoso.generate;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes a dossier's state as one line of the dossier feed (HoSoDongBoDVC, CONTRACT.md), every field
 * present, unset ones as null. Not thread-safe: it reuses one buffer.
 */
final class SnapshotJson {
    static final String RESULT_LINK_PREFIX = "https://dichvucong.binhdinh.gov.vn/ketqua/";

    /** A change to one field, to make a faulty line: a String or Integer value, or {@link #OMIT}. */
    record Change(String field, Object value) {
    }

    /** Leaves the field out of the line. */
    static final Object OMIT = new Object();

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(2048);
    private final JsonGenerator g;
    private final char[] text = new char[25];
    private List<Change> changes = List.of();
    /**
     * The UTF-8 of the dossier's fixed texts, encoded once per dossier rather than once per snapshot:
     * all snapshots of a dossier are written one after the other.
     */
    private Dossier cached;
    private Unit cachedUnit;
    private final SerializedString[] fixed = new SerializedString[SLOTS];

    /** Slots of the texts that do not change during a dossier's life (DonViXuLy only at reception). */
    private static final int ID = 0;
    private static final int CODE = 1;
    private static final int NAME = 2;
    private static final int SECTOR = 3;
    private static final int UNIT = 4;
    private static final int ID_NUMBER = 5;
    private static final int APPLICANT = 6;
    private static final int PHONE = 7;
    private static final int EMAIL = 8;
    private static final int ADDRESS = 9;
    private static final int SLOTS = 10;

    SnapshotJson() {
        try {
            g = new JsonFactory().createGenerator(buffer, JsonEncoding.UTF8);
            // One object per line: no separator between root values.
            g.setRootValueSeparator(null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a JSON generator", e);
        }
    }

    byte[] write(Dossier d, long synced) {
        return write(d, synced, List.of());
    }

    byte[] write(Dossier d, long synced, List<Change> with) {
        changes = with;
        buffer.reset();
        try {
            People.Applicant a = d.applicant;
            g.writeStartObject();
            fixed(d, ID, "MaHoSo");
            time("ThoiDiemDongBo", synced, d.style);
            fixed(d, CODE, "MaTTHC");
            fixed(d, NAME, "TenTTHC");
            fixed(d, SECTOR, "MaLinhVuc");
            fixed(d, UNIT, "DonViXuLy");
            integer("KenhThucHien", d.channel);
            integer("NoiNopHoSo", d.place == 0 ? null : d.place);
            integer("LoaiDoiTuong", a.type());
            fixed(d, ID_NUMBER, "SoGiayToChuHoSo");
            fixed(d, APPLICANT, "ChuHoSo");
            fixed(d, PHONE, "SoDienThoai");
            fixed(d, EMAIL, "Email");
            fixed(d, ADDRESS, "DiaChi");
            fixed(d, ID_NUMBER, "DinhDanhCHS");
            integer("TrangThaiHoSo", d.status);
            time("NgayNopHoSo", d.submitted, d.style);
            time("NgayTiepNhan", d.received, d.style);
            time("NgayHenTra", d.due, d.style);
            time("NgayKetThucXuLy", d.finished, d.style);
            time("NgayTra", d.returned, d.style);
            time("NgayTuChoi", d.refused, d.style);
            time("NgayNhanHoSoGiay", d.paper, d.style);
            integer("HoSoCoThanhPhanSoHoa", d.digitisedFlag);
            integer("TaiKhoanDuocXacThucVoiVNeID", d.vneid ? 1 : 0);
            integer("DuocThanhToanTrucTuyen", d.payment);
            fees(d);
            documents(d);
            supplements(d);
            results(d);
            g.writeEndObject();
            g.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise dossier " + d.id, e);
        } finally {
            changes = List.of();
        }
        return buffer.toByteArray();
    }

    private void fees(Dossier d) throws IOException {
        g.writeArrayFieldStart("DanhSachLePhi");
        if (d.feeTotal > 0) {
            g.writeStartObject();
            g.writeStringField("MaPhiLePhi", "LP-" + d.procedure.code());
            g.writeNumberField("Gia", d.feeTotal);
            g.writeStringField("HinhThucThu", d.payment > 0 ? "Trực tuyến" : "Trực tiếp");
            g.writeEndObject();
        } else if (d.zeroFeeListed) {
            g.writeStartObject();
            g.writeStringField("MaPhiLePhi", "LP-" + d.procedure.code());
            g.writeNumberField("Gia", 0);
            g.writeStringField("HinhThucThu", "Miễn phí");
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private void documents(Dossier d) throws IOException {
        g.writeArrayFieldStart("TaiLieuNop");
        for (int flags : d.documents) {
            g.writeStartObject();
            g.writeNumberField("DuocSoHoa", flags & Dossier.DIGITISED);
            g.writeNumberField("DuocTaiSuDung", (flags & Dossier.REUSED) == 0 ? 0 : 1);
            g.writeNumberField("DuocLayTuKhoDMQG", (flags & Dossier.FROM_NATIONAL_STORE) == 0 ? 0 : 1);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private void supplements(Dossier d) throws IOException {
        g.writeArrayFieldStart("DanhSachHoSoBoSung");
        for (int i = 0; i < d.supplements; i++) {
            g.writeStartObject();
            time("NgayYeuCauBoSung", d.supplementRequested[i], d.style);
            time("NgayTiepNhanBoSung", d.supplementReceived[i], d.style);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private void results(Dossier d) throws IOException {
        g.writeArrayFieldStart("DanhSachGiayToKetQua");
        if (d.resultLink != null) {
            g.writeStartObject();
            g.writeStringField("MaGiayToKetQua", "KQ-" + d.id);
            g.writeStringField("DuongDanTepTinKetQua", d.resultLink);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** A text of the dossier that does not change between its snapshots, from the per-dossier cache. */
    private void fixed(Dossier d, int slot, String name) throws IOException {
        if (changed(name)) {
            return;
        }
        if (d != cached || d.unit != cachedUnit) {
            People.Applicant a = d.applicant;
            cache(ID, d.id);
            cache(CODE, d.procedure.code());
            cache(NAME, d.procedure.name());
            cache(SECTOR, d.procedure.sector().code());
            cache(UNIT, d.unit.code());
            cache(ID_NUMBER, a.idNumber());
            cache(APPLICANT, a.name());
            cache(PHONE, a.phone());
            cache(EMAIL, a.email());
            cache(ADDRESS, a.address());
            cached = d;
            cachedUnit = d.unit;
        }
        g.writeFieldName(name);
        if (fixed[slot] == null) {
            g.writeNull();
        } else {
            g.writeString(fixed[slot]);
        }
    }

    private void cache(int slot, String value) {
        fixed[slot] = value == null ? null : new SerializedString(value);
    }

    private void integer(String name, Integer value) throws IOException {
        if (changed(name)) {
            return;
        }
        g.writeFieldName(name);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeNumber(value);
        }
    }

    private void time(String name, long t, Times.Style style) throws IOException {
        if (changed(name)) {
            return;
        }
        g.writeFieldName(name);
        if (t == Times.NONE) {
            g.writeNull();
        } else {
            g.writeString(text, 0, Times.format(t, style, text));
        }
    }

    /** Writes the changed value of the field, if there is one; true when the field is done. */
    private boolean changed(String name) throws IOException {
        for (Change c : changes) {
            if (c.field.equals(name)) {
                if (c.value instanceof String s) {
                    g.writeStringField(name, s);
                } else if (c.value instanceof Integer i) {
                    g.writeNumberField(name, i);
                }
                return true;
            }
        }
        return false;
    }
}
