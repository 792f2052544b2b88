package vn.hoso.generate;

import vn.hoso.generate.SnapshotJson.Change;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Makes faulty lines from a real dossier's state, each breaking exactly one rule of the contract so the
 * quarantine reason is unambiguous. A faulty line gets a fresh dossier code ({@code …-BAD0001}): it is an
 * extra line and never stands for a real dossier.
 */
final class Faults {
    /** One fault kind per quarantine reason, so every reason is equally frequent. */
    private static final FaultKind[][] BY_REASON = {
            {FaultKind.TRUNCATED_JSON},
            {FaultKind.MISSING_MA_HO_SO, FaultKind.MISSING_TRANG_THAI_HO_SO, FaultKind.MISSING_DON_VI_XU_LY,
                    FaultKind.MISSING_MA_TTHC, FaultKind.MISSING_THOI_DIEM_DONG_BO},
            {FaultKind.BAD_MA_TTHC},
            {FaultKind.UNKNOWN_STATUS, FaultKind.UNKNOWN_CHANNEL},
            {FaultKind.TEXT_IN_STATUS},
            {FaultKind.UNPARSEABLE_TIMESTAMP},
            {FaultKind.FINISHED_BEFORE_RECEIVED},
            {FaultKind.SYNCED_AFTER_EXPORT},
            {FaultKind.INVALID_UTF8_IN_NAME}};
    /** A lone lead byte of a two-byte sequence followed by '(' is not UTF-8. */
    private static final byte[] INVALID_UTF8 = {(byte) 0xC3, (byte) 0x28};
    private static final byte[] NAME_FIELD = "\"ChuHoSo\":\"".getBytes(StandardCharsets.UTF_8);

    private final SnapshotJson json;
    private long count;

    Faults(SnapshotJson json) {
        this.json = json;
    }

    record Fault(FaultKind kind, byte[] line) {
    }

    /** A faulty line for the export day of the snapshot synced at {@code synced}. */
    Fault dossierLine(Dossier d, long synced, SplittableRandom rng) {
        FaultKind[] variants = BY_REASON[rng.nextInt(BY_REASON.length)];
        FaultKind kind = variants[rng.nextInt(variants.length)];
        List<Change> changes = new ArrayList<>();
        if (kind != FaultKind.MISSING_MA_HO_SO) {
            changes.add(new Change("MaHoSo", freshId(d.unit.code(), synced)));
        }
        switch (kind) {
            case MISSING_MA_HO_SO -> changes.add(new Change("MaHoSo", SnapshotJson.OMIT));
            case MISSING_TRANG_THAI_HO_SO -> changes.add(new Change("TrangThaiHoSo", SnapshotJson.OMIT));
            case MISSING_DON_VI_XU_LY -> changes.add(new Change("DonViXuLy", SnapshotJson.OMIT));
            case MISSING_MA_TTHC -> changes.add(new Change("MaTTHC", SnapshotJson.OMIT));
            case MISSING_THOI_DIEM_DONG_BO -> changes.add(new Change("ThoiDiemDongBo", SnapshotJson.OMIT));
            case BAD_MA_TTHC -> changes.add(new Change("MaTTHC", "3.12AB"));
            case UNKNOWN_STATUS -> changes.add(new Change("TrangThaiHoSo", 12));
            case UNKNOWN_CHANNEL -> changes.add(new Change("KenhThucHien", 7));
            case TEXT_IN_STATUS -> changes.add(new Change("TrangThaiHoSo", "abc"));
            case UNPARSEABLE_TIMESTAMP -> changes.add(new Change("NgayNopHoSo", impossibleDate(synced)));
            case FINISHED_BEFORE_RECEIVED -> {
                long received = d.received != Times.NONE ? d.received : d.submitted;
                changes.add(new Change("NgayTiepNhan", Times.format(received, d.style)));
                changes.add(new Change("NgayKetThucXuLy", Times.format(received - 2L * Times.DAY, d.style)));
            }
            case SYNCED_AFTER_EXPORT -> {
                LocalDate exported = Times.date(synced);
                long future = Times.at(exported.plusDays(3 + rng.nextInt(8)), rng.nextInt(Times.DAY));
                changes.add(new Change("ThoiDiemDongBo", Times.format(future, d.style)));
            }
            case TRUNCATED_JSON, INVALID_UTF8_IN_NAME -> {
            }
            default -> throw new IllegalStateException("not a dossier fault: " + kind);
        }
        byte[] line = json.write(d, synced, changes);
        if (kind == FaultKind.TRUNCATED_JSON) {
            String text = new String(line, StandardCharsets.UTF_8);
            int cut = (int) (text.length() * (0.3 + 0.5 * rng.nextDouble()));
            line = text.substring(0, cut).getBytes(StandardCharsets.UTF_8);
        } else if (kind == FaultKind.INVALID_UTF8_IN_NAME) {
            line = insertAfter(line, NAME_FIELD, INVALID_UTF8);
        }
        return new Fault(kind, line);
    }

    /** A faulty ratings row (MaHoSo, ThoiDiemDanhGia, MucDoHaiLong). */
    String[] ratingRow(FaultKind kind, Dossier d, long at) {
        String id = freshId(d.unit.code(), at);
        return kind == FaultKind.RATING_UNKNOWN_LEVEL
                ? new String[]{id, Times.format(at, d.style), "7"}
                : new String[]{id, impossibleDate(at), "2"};
    }

    private String freshId(String unit, long t) {
        count++;
        return unit + "-" + Times.shortDate(t) + String.format(Locale.ROOT, "-BAD%04d", count);
    }

    /** Month 13, day 45 of the year: the shape of a date, but no date. */
    private static String impossibleDate(long t) {
        return Times.date(t).getYear() + "-13-45";
    }

    private static byte[] insertAfter(byte[] line, byte[] marker, byte[] insert) {
        for (int i = 0; i + marker.length <= line.length; i++) {
            if (Arrays.equals(line, i, i + marker.length, marker, 0, marker.length)) {
                int at = i + marker.length;
                byte[] out = new byte[line.length + insert.length];
                System.arraycopy(line, 0, out, 0, at);
                System.arraycopy(insert, 0, out, at, insert.length);
                System.arraycopy(line, at, out, at + insert.length, line.length - at);
                return out;
            }
        }
        throw new IllegalStateException("no " + new String(marker, StandardCharsets.UTF_8) + " in the line");
    }
}
