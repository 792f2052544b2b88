package vn.hoso.contract;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one JSON line of the dossier feed into the English, typed, pseudonymised values of a silver
 * snapshot ({@link #COLUMNS}), or a {@link Rejection}. The checks come from the contract's JSON Schema.
 */
public final class DossierParser implements Serializable {
    /**
     * Output columns, in order; the ingest's staging schema is built from the same list. procedure_name is
     * always null here: the dossier's own TenTTHC is free text (it has held names and ID numbers) and is
     * dropped; the ingest fills the name from the catalogue.
     */
    public static final List<String> COLUMNS = List.of(
            "dossier_id", "last_synced_at", "procedure_code", "procedure_name", "sector_code", "unit_code",
            "channel", "submitted_from", "applicant_type", "applicant_key", "status",
            "submitted_at", "received_at", "due_at", "finished_at", "returned_at", "refused_at", "paper_received_at",
            "is_digitized", "is_reused", "is_vneid", "paid_online", "fee_total", "has_e_result", "supplement_count");

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final List<FieldSpec> fields;
    private final Map<String, Integer> position = new HashMap<>();
    private final Pseudonymiser pseudonymiser;

    public DossierParser(List<FieldSpec> fields, Pseudonymiser pseudonymiser) {
        this.fields = List.copyOf(fields);
        this.pseudonymiser = pseudonymiser;
        for (int i = 0; i < this.fields.size(); i++) {
            position.put(this.fields.get(i).name(), i);
        }
    }

    /** The parsed values of one line, by contract field name (an array: this runs for every line). */
    private final class Values {
        private final Object[] values = new Object[fields.size()];

        Object get(String name) {
            return values[position.get(name)];
        }
    }

    /** @param runDate the export day the line came from; event times may not exceed it by more than a day */
    public Object[] parse(String line, LocalDate runDate) throws Rejection {
        JsonNode root;
        try {
            root = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            // Jackson's duplicate detection says so in its message only (there is no subtype for it)
            if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")) {
                throw new Rejection(QuarantineReason.DUPLICATE_KEY, "a JSON object names the same key twice");
            }
            throw new Rejection(QuarantineReason.MALFORMED, jsonError(e));
        }
        if (root == null || !root.isObject()) {
            throw new Rejection(QuarantineReason.MALFORMED, "a dossier line must be one JSON object");
        }
        Values v = new Values();
        for (int i = 0; i < fields.size(); i++) {
            FieldSpec f = fields.get(i);
            Object value = FieldReader.read(f, root.get(f.name()), runDate, f.name());
            if (f.kind() == FieldKind.ARRAY && value != null) {
                checkArray(f, (JsonNode) value, runDate);
            }
            v.values[i] = value;
        }
        Instant received = (Instant) v.get("NgayTiepNhan");
        Instant finished = (Instant) v.get("NgayKetThucXuLy");
        if (received != null && finished != null && finished.isBefore(received)) {
            throw new Rejection(QuarantineReason.FINISHED_BEFORE_RECEIVED,
                    "NgayKetThucXuLy " + local(finished) + " is before NgayTiepNhan " + local(received));
        }
        Instant due = (Instant) v.get("NgayHenTra");
        // dates, not instants: a same-day dossier is due at 00:00 of its receipt day in some source systems
        if (received != null && due != null && Timestamps.localDate(due).isBefore(Timestamps.localDate(received))) {
            throw new Rejection(QuarantineReason.DUE_BEFORE_RECEIVED,
                    "NgayHenTra " + local(due) + " is on a day before NgayTiepNhan " + local(received));
        }
        return toColumns(v, root);
    }

    /**
     * What is wrong with a line that is not JSON, and where; never Jackson's message, which quotes the
     * offending token (a name typed without quotes would reach the quarantine's reason column).
     */
    static String jsonError(JsonProcessingException e) {
        String what = e instanceof com.fasterxml.jackson.core.io.JsonEOFException ? "the line ends inside a value"
                : e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException ? "more than one JSON value"
                : "unexpected character";
        long column = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
        return "not valid JSON: " + what + (column > 0 ? " at column " + column : "");
    }

    private static void checkArray(FieldSpec f, JsonNode array, LocalDate runDate) throws Rejection {
        if (!array.isArray()) {
            throw new Rejection(QuarantineReason.BAD_TYPE, f.name() + " must be an array, found " + array.getNodeType());
        }
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            if (!item.isObject()) {
                throw new Rejection(QuarantineReason.BAD_TYPE, f.name() + "[" + i + "] must be an object");
            }
            for (FieldSpec sub : f.items()) {
                FieldReader.read(sub, item.get(sub.name()), runDate, f.name() + "[" + i + "]." + sub.name());
            }
        }
    }

    private Object[] toColumns(Values v, JsonNode root) {
        Long channel = (Long) v.get("KenhThucHien");
        Long place = (Long) v.get("NoiNopHoSo");
        Long applicantType = (Long) v.get("LoaiDoiTuong");
        Long payment = (Long) v.get("DuocThanhToanTrucTuyen");
        return new Object[]{
                v.get("MaHoSo"), v.get("ThoiDiemDongBo"), v.get("MaTTHC"), null, v.get("MaLinhVuc"),
                v.get("DonViXuLy"),
                channel == null ? "IN_PERSON" : channel == 2 ? "ONLINE" : channel == 3 ? "POSTAL" : "IN_PERSON",
                place == null ? null : place == 1 ? "REMOTE" : place == 2 ? "DESK" : "ASSISTED",
                applicantType == null ? null : applicantType == 1 ? "CITIZEN" : "BUSINESS",
                pseudonymiser.key((String) v.get("SoGiayToChuHoSo")),
                ((Long) v.get("TrangThaiHoSo")).intValue(),
                v.get("NgayNopHoSo"), v.get("NgayTiepNhan"), v.get("NgayHenTra"), v.get("NgayKetThucXuLy"),
                v.get("NgayTra"), v.get("NgayTuChoi"), v.get("NgayNhanHoSoGiay"),
                isOne(root.get("HoSoCoThanhPhanSoHoa")) || anyOne(root.get("TaiLieuNop"), "DuocSoHoa"),
                anyOne(root.get("TaiLieuNop"), "DuocTaiSuDung") || anyOne(root.get("TaiLieuNop"), "DuocLayTuKhoDMQG"),
                isOne(root.get("TaiKhoanDuocXacThucVoiVNeID")),
                payment != null && (payment == 1 || payment == 2),
                feeTotal(root.get("DanhSachLePhi")),
                hasElectronicResult(root.get("DanhSachGiayToKetQua")),
                size(root.get("DanhSachHoSoBoSung"))};
    }

    private static boolean isOne(JsonNode n) {
        return n != null && !n.isNull() && n.asLong(0) == 1L;
    }

    private static boolean anyOne(JsonNode array, String field) {
        if (array == null || !array.isArray()) {
            return false;
        }
        for (JsonNode item : array) {
            if (isOne(item.get(field))) {
                return true;
            }
        }
        return false;
    }

    private static double feeTotal(JsonNode fees) {
        double total = 0;
        if (fees != null && fees.isArray()) {
            for (JsonNode fee : fees) {
                total += fee.path("Gia").asDouble(0);
            }
        }
        return total;
    }

    private static boolean hasElectronicResult(JsonNode results) {
        if (results == null || !results.isArray()) {
            return false;
        }
        for (JsonNode r : results) {
            if (!FieldReader.isMissing(r.get("DuongDanTepTinKetQua"))) {
                return true;
            }
        }
        return false;
    }

    private static int size(JsonNode array) {
        return array != null && array.isArray() ? array.size() : 0;
    }

    private static String local(Instant ts) {
        return ts.atZone(Timestamps.VIETNAM).toLocalDateTime().toString();
    }
}
