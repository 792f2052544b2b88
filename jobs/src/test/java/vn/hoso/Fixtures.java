package vn.hoso;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Hand-made landing data: one complete valid dossier line, and variants that change one field. */
public final class Fixtures {
    public static final ObjectMapper JSON = new ObjectMapper();
    public static final String CCCD = "052090001234";
    public static final String NAME = "Nguyễn Văn Thử";
    public static final String PHONE = "0912345678";
    public static final String EMAIL = "thu.nguyen@example.vn";

    private Fixtures() {
    }

    /** A valid snapshot of dossier {@code id} synced at {@code syncedAt} (yyyyMMddHHmmss) with {@code status}. */
    public static ObjectNode dossier(String id, String syncedAt, int status) {
        ObjectNode n = JSON.createObjectNode();
        n.put("MaHoSo", id);
        n.put("ThoiDiemDongBo", syncedAt);
        n.put("MaTTHC", "2.000815");
        n.put("TenTTHC", "Chứng thực bản sao từ bản chính");
        n.put("MaLinhVuc", "CHUNGTHUC");
        n.put("DonViXuLy", "XA-001");
        n.put("KenhThucHien", 2);
        n.put("NoiNopHoSo", 1);
        n.put("LoaiDoiTuong", 1);
        n.put("SoGiayToChuHoSo", CCCD);
        n.put("ChuHoSo", NAME);
        n.put("SoDienThoai", PHONE);
        n.put("Email", EMAIL);
        n.put("DiaChi", "12 Lê Lợi, phường Quy Nhơn");
        n.put("TrangThaiHoSo", status);
        n.put("NgayNopHoSo", "20240304080000");
        n.put("NgayTiepNhan", "20240304090000");
        n.put("NgayHenTra", "20240306170000");
        n.put("HoSoCoThanhPhanSoHoa", 1);
        n.put("DuocThanhToanTrucTuyen", 1);
        n.putArray("DanhSachLePhi").addObject().put("MaPhiLePhi", "LP1").put("Gia", 10000).put("HinhThucThu", "TT");
        n.putArray("TaiLieuNop").addObject().put("DuocSoHoa", 1).put("DuocTaiSuDung", 0).put("DuocLayTuKhoDMQG", 0);
        n.putArray("DanhSachHoSoBoSung");
        n.putArray("DanhSachGiayToKetQua");
        return n;
    }

    public static String line(ObjectNode n) {
        try {
            return JSON.writeValueAsString(n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code lines} as landing/dossiers/date=D/part-NNNNN.jsonl. */
    public static void dossierFile(Path landing, String date, String name, List<String> lines) {
        write(landing.resolve("dossiers/date=" + date + "/" + name), String.join("\n", lines) + "\n");
    }

    public static void ratingsFile(Path landing, String date, String... rows) {
        write(landing.resolve("ratings/date=" + date + "/part-00000.csv"),
                "MaHoSo,ThoiDiemDanhGia,MucDoHaiLong\n" + String.join("\n", rows) + "\n");
    }

    public static void feedbackFile(Path landing, String date, String... rows) {
        write(landing.resolve("feedback/date=" + date + "/part-00000.csv"),
                "MaPAKN,MaHoSo,DonViXuLy,NgayTiepNhan,HanXuLy,NgayXuLy,DaCongKhai,HaiLong\n" + String.join("\n", rows) + "\n");
    }

    /** A small catalogue: two procedures (one with two validity rows), units across the 2025 merger. */
    public static void catalog(Path landing) {
        write(landing.resolve("catalog/procedures.csv"), String.join("\n",
                "MaTTHC,TenTTHC,MaLinhVuc,TenLinhVuc,CapThucHien,MucDoDVC,DuDieuKienToanTrinh,YeuCauHoSoGiay,CoPhiLePhi,TraKetQuaGiay,ThoiHanGiaiQuyetNgay,NgayTaiCauTruc,HieuLucTu,HieuLucDen",
                "2.000815,\"Chứng thực bản sao từ bản chính, giấy tờ\",CHUNGTHUC,Chứng thực,XA,TOAN_TRINH,1,0,1,0,1,,2020-01-01,",
                "1.001193,Đăng ký khai sinh,HOTICH,Hộ tịch,XA,MOT_PHAN,1,0,0,1,1,,2020-01-01,2024-06-30",
                "1.001193,Đăng ký khai sinh,HOTICH,Hộ tịch,XA,TOAN_TRINH,1,0,0,1,1,2024-07-01,2024-07-01,") + "\n");
        write(landing.resolve("catalog/units.csv"), "\uFEFF" + String.join("\n",
                "MaDonVi,TenDonVi,Cap,MaDonViCha,HieuLucTu,HieuLucDen,MaDonViKeThua",
                "TINH-52,UBND tỉnh Bình Định,TINH,,2020-01-01,,",
                "HUYEN-01,UBND huyện Tuy Phước,HUYEN,TINH-52,2020-01-01,2025-06-30,XA-101",
                "XA-001,UBND xã Phước Lộc,XA,HUYEN-01,2020-01-01,2025-06-30,XA-100",
                "XA-002,UBND xã Phước Hưng,XA,HUYEN-01,2020-01-01,2025-06-30,XA-100",
                "XA-100,UBND xã Tuy Phước Đông,XA,TINH-52,2025-07-01,2025-12-31,XA-101",
                "XA-101,UBND xã Tuy Phước,XA,TINH-52,2026-01-01,,") + "\n");
        write(landing.resolve("catalog/civil_servants.csv"), "SoDinhDanh,MaDonVi\n052090009999,XA-001\n");
    }

    public static void write(Path file, String text) {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    public static void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
