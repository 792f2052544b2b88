package vn.hoso.generate;

import vn.hoso.generate.Unit.Kind;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The units of Bình Định (province code 52) before and after the reorganisation of 1 July 2025.
 *
 * <p>Codes follow the national electronic identifier of agencies, {@code 000.BB.CC.H08}: H08 is the
 * province, CC a unit directly under it, BB a unit under that. The provincial people's committee is
 * {@code 000.00.00.H08}; departments are CC 01–23 (21–23 created by the 2025 mergers); the 11 districts
 * CC 31–41 with their 158 communes {@code 000.BB.CC.H08} (BB 01–21 within the district); the 58 communes
 * created in 2025, which report directly to the province, CC 42–99.
 *
 * <p>From {@link #MERGER} districts are abolished and old communes merged: both get HieuLucDen 30 June
 * 2025 and a successor (a district's is the new commune that holds its former seat). Nine departments
 * were merged into others the same day. The province keeps its code.
 */
final class Units {
    static final LocalDate MERGER = LocalDate.of(2025, 7, 1);
    static final LocalDate LAST_DAY_BEFORE_MERGER = MERGER.minusDays(1);
    static final String PROVINCE = "000.00.00.H08";
    static final String[] HEADER = {"MaDonVi", "TenDonVi", "Cap", "MaDonViCha", "HieuLucTu", "HieuLucDen", "MaDonViKeThua"};

    /** key, CC code, name, key of the department that absorbed it in 2025 (null: continues). */
    private static final String[][] DEPARTMENTS = {
            {"SNV", "01", "Sở Nội vụ", null},
            {"STP", "02", "Sở Tư pháp", null},
            {"SKHDT", "03", "Sở Kế hoạch và Đầu tư", "STC"},
            {"STC", "04", "Sở Tài chính", null},
            {"SCT", "05", "Sở Công Thương", null},
            {"SNN", "06", "Sở Nông nghiệp và Phát triển nông thôn", "SNNMT"},
            {"SGTVT", "07", "Sở Giao thông vận tải", "SXD"},
            {"SXD", "08", "Sở Xây dựng", null},
            {"STNMT", "09", "Sở Tài nguyên và Môi trường", "SNNMT"},
            {"STTTT", "10", "Sở Thông tin và Truyền thông", "SKHCN"},
            {"SLDTBXH", "11", "Sở Lao động - Thương binh và Xã hội", "SNV"},
            {"SVHTT", "12", "Sở Văn hóa và Thể thao", "SVHTTDL"},
            {"SDL", "13", "Sở Du lịch", "SVHTTDL"},
            {"SKHCN", "14", "Sở Khoa học và Công nghệ", null},
            {"SGDDT", "15", "Sở Giáo dục và Đào tạo", null},
            {"SYT", "16", "Sở Y tế", null},
            {"TTT", "17", "Thanh tra tỉnh", null},
            {"BDT", "18", "Ban Dân tộc", "SDTTG"},
            {"BQLKKT", "19", "Ban Quản lý Khu kinh tế tỉnh", null},
            {"CAT", "20", "Công an tỉnh", null}};

    /** Departments created by the 2025 mergers. */
    private static final String[][] NEW_DEPARTMENTS = {
            {"SNNMT", "21", "Sở Nông nghiệp và Môi trường"},
            {"SVHTTDL", "22", "Sở Văn hóa, Thể thao và Du lịch"},
            {"SDTTG", "23", "Sở Dân tộc và Tôn giáo"}};

    /**
     * Districts: place, relative volume, old communes (P phường, X xã, T thị trấn; the seat first) and the
     * communes that replaced them in 2025 (the one holding the former seat first).
     */
    private static final District[] DISTRICTS = {
            new District("thành phố Quy Nhơn", 2.2,
                    "P:Lê Hồng Phong,P:Lê Lợi,P:Trần Phú,P:Trần Hưng Đạo,P:Lý Thường Kiệt,P:Ngô Mây,P:Thị Nại,P:Hải Cảng,P:Đống Đa,P:Quang Trung,P:Nguyễn Văn Cừ,P:Ghềnh Ráng,P:Trần Quang Diệu,P:Bùi Thị Xuân,P:Nhơn Bình,P:Nhơn Phú,X:Phước Mỹ,X:Nhơn Lý,X:Nhơn Hải,X:Nhơn Hội,X:Nhơn Châu",
                    "P:Quy Nhơn,P:Quy Nhơn Đông,P:Quy Nhơn Tây,P:Quy Nhơn Nam,P:Quy Nhơn Bắc,X:Nhơn Châu"),
            new District("thị xã An Nhơn", 1.3,
                    "P:Bình Định,P:Đập Đá,P:Nhơn Thành,P:Nhơn Hưng,P:Nhơn Hòa,X:Nhơn Lộc,X:Nhơn Phong,X:Nhơn Hạnh,X:Nhơn Hậu,X:Nhơn Mỹ,X:Nhơn An,X:Nhơn Phúc,X:Nhơn Khánh,X:Nhơn Tân,X:Nhơn Thọ",
                    "P:An Nhơn,P:Bình Định,P:An Nhơn Đông,P:An Nhơn Nam,P:An Nhơn Bắc,X:An Nhơn Tây"),
            new District("thị xã Hoài Nhơn", 1.3,
                    "P:Bồng Sơn,P:Hoài Đức,P:Hoài Tân,P:Hoài Xuân,P:Hoài Hảo,P:Hoài Thanh,P:Hoài Thanh Tây,P:Hoài Hương,P:Tam Quan,P:Tam Quan Bắc,P:Tam Quan Nam,X:Hoài Mỹ,X:Hoài Hải,X:Hoài Sơn,X:Hoài Châu,X:Hoài Châu Bắc,X:Hoài Phú",
                    "P:Bồng Sơn,P:Hoài Nhơn,P:Hoài Nhơn Nam,P:Hoài Nhơn Đông,P:Tam Quan,P:Hoài Nhơn Bắc,P:Hoài Nhơn Tây"),
            new District("huyện Tuy Phước", 1.1,
                    "T:Tuy Phước,T:Diêu Trì,X:Phước Lộc,X:Phước Nghĩa,X:Phước Hưng,X:Phước Quang,X:Phước Hòa,X:Phước Sơn,X:Phước Thắng,X:Phước Hiệp,X:Phước An,X:Phước Thành",
                    "X:Tuy Phước,X:Tuy Phước Đông,X:Tuy Phước Tây,X:Tuy Phước Bắc"),
            new District("huyện Phù Cát", 1.0,
                    "T:Ngô Mây,T:Cát Tiến,X:Cát Khánh,X:Cát Minh,X:Cát Tài,X:Cát Sơn,X:Cát Lâm,X:Cát Hanh,X:Cát Thành,X:Cát Trinh,X:Cát Hải,X:Cát Hiệp,X:Cát Nhơn,X:Cát Hưng,X:Cát Tường,X:Cát Tân,X:Cát Thắng,X:Cát Chánh",
                    "X:Phù Cát,X:Cát Tiến,X:Đề Gi,X:Xuân An,X:Ngô Mây,X:Hòa Hội,X:Hội Sơn"),
            new District("huyện Phù Mỹ", 1.0,
                    "T:Phù Mỹ,T:Bình Dương,X:Mỹ Đức,X:Mỹ Châu,X:Mỹ Thắng,X:Mỹ Lộc,X:Mỹ Lợi,X:Mỹ An,X:Mỹ Phong,X:Mỹ Trinh,X:Mỹ Thọ,X:Mỹ Hòa,X:Mỹ Thành,X:Mỹ Chánh,X:Mỹ Quang,X:Mỹ Hiệp,X:Mỹ Tài,X:Mỹ Cát,X:Mỹ Chánh Tây",
                    "X:Phù Mỹ,X:Bình Dương,X:An Lương,X:Phù Mỹ Đông,X:Phù Mỹ Tây,X:Phù Mỹ Nam,X:Phù Mỹ Bắc"),
            new District("huyện Hoài Ân", 0.6,
                    "T:Tăng Bạt Hổ,X:Ân Hảo Đông,X:Ân Hảo Tây,X:Ân Mỹ,X:Ân Sơn,X:Ân Tín,X:Ân Thạnh,X:Ân Phong,X:Ân Đức,X:Ân Hữu,X:Ân Tường Tây,X:Ân Tường Đông,X:Ân Nghĩa,X:Bok Tới,X:Đak Mang",
                    "X:Hoài Ân,X:Ân Hảo,X:Ân Tường,X:Vạn Đức,X:Kim Sơn"),
            new District("huyện Tây Sơn", 0.9,
                    "T:Phú Phong,X:Bình Tân,X:Tây Thuận,X:Bình Thuận,X:Tây Giang,X:Bình Thành,X:Tây An,X:Bình Hòa,X:Tây Bình,X:Bình Tường,X:Tây Vinh,X:Vĩnh An,X:Tây Xuân,X:Bình Nghi,X:Tây Phú",
                    "X:Tây Sơn,X:Bình Khê,X:Bình Phú,X:Bình Hiệp,X:Bình An"),
            new District("huyện Vân Canh", 0.3,
                    "T:Vân Canh,X:Canh Liên,X:Canh Hiển,X:Canh Vinh,X:Canh Hiệp,X:Canh Thuận,X:Canh Hòa",
                    "X:Vân Canh,X:Canh Liên,X:Canh Vinh"),
            new District("huyện Vĩnh Thạnh", 0.3,
                    "T:Vĩnh Thạnh,X:Vĩnh Sơn,X:Vĩnh Kim,X:Vĩnh Hiệp,X:Vĩnh Hảo,X:Vĩnh Hòa,X:Vĩnh Thịnh,X:Vĩnh Thuận,X:Vĩnh Quang",
                    "X:Vĩnh Thạnh,X:Vĩnh Sơn,X:Vĩnh Thịnh,X:Vĩnh Quang"),
            new District("huyện An Lão", 0.3,
                    "T:An Lão,X:An Hưng,X:An Trung,X:An Dũng,X:An Vinh,X:An Toàn,X:An Tân,X:An Hòa,X:An Quang,X:An Nghĩa",
                    "X:An Lão,X:An Hòa,X:An Toàn,X:An Vinh")};

    private final List<Unit> all = new ArrayList<>();
    private final Map<String, Unit> byCode = new HashMap<>();
    private final Map<String, Unit> departmentByKey = new HashMap<>();
    private final Pool districts = new Pool();
    private final Pool oldCommunes = new Pool();
    private final Pool newCommunes = new Pool();
    private final List<String> addresses = new ArrayList<>();

    Units(long seed, LocalDate epoch) {
        SplittableRandom rng = new SplittableRandom(seed ^ 0x2545F4914F6CDD1DL);
        add(new Unit(PROVINCE, "UBND tỉnh Bình Định (từ 01/7/2025: UBND tỉnh Gia Lai)", Kind.TINH, null, epoch, null,
                null, "", 0));
        for (String[] d : DEPARTMENTS) {
            boolean merged = d[3] != null;
            Unit u = new Unit(code(0, d[1]), d[2], Kind.SO, PROVINCE, epoch, merged ? LAST_DAY_BEFORE_MERGER : null,
                    merged ? code(0, departmentCode(d[3])) : null, "", 0);
            add(u);
            departmentByKey.put(d[0], u);
        }
        for (String[] d : NEW_DEPARTMENTS) {
            Unit u = new Unit(code(0, d[1]), d[2], Kind.SO, PROVINCE, MERGER, null, null, "", 0);
            add(u);
            departmentByKey.put(d[0], u);
        }
        int newCc = 42;
        for (int i = 0; i < DISTRICTS.length; i++) {
            District district = DISTRICTS[i];
            String cc = String.format(Locale.ROOT, "%02d", 31 + i);
            String[] olds = district.oldCommunes.split(",");
            String[] news = district.newCommunes.split(",");
            double[] newWeights = new double[news.length];
            String[] newCodes = new String[news.length];
            for (int k = 0; k < news.length; k++) {
                newCodes[k] = code(0, String.format(Locale.ROOT, "%02d", newCc++));
            }
            double districtWeight = 0;
            List<Unit> communes = new ArrayList<>();
            for (int k = 0; k < olds.length; k++) {
                int heir = k * news.length / olds.length;
                double w = district.weight * (0.6 + 0.8 * rng.nextDouble());
                newWeights[heir] += w;
                districtWeight += w;
                String place = place(olds[k]);
                communes.add(new Unit(code(k + 1, cc), "UBND " + place, Kind.XA, code(0, cc), epoch,
                        LAST_DAY_BEFORE_MERGER, newCodes[heir], place, w));
                addresses.add(place + ", " + district.place + ", tỉnh Bình Định");
            }
            Unit d = new Unit(code(0, cc), "UBND " + district.place, Kind.HUYEN, PROVINCE, epoch,
                    LAST_DAY_BEFORE_MERGER, newCodes[0], district.place, districtWeight);
            add(d);
            districts.add(d);
            for (Unit c : communes) {
                add(c);
                oldCommunes.add(c);
            }
            for (int k = 0; k < news.length; k++) {
                String place = place(news[k]);
                Unit c = new Unit(newCodes[k], "UBND " + place, Kind.XA, PROVINCE, MERGER, null, null, place,
                        newWeights[k]);
                newCommunes.add(c);
            }
        }
        for (Unit c : newCommunes.units) {
            add(c);
        }
    }

    List<String[]> rows() {
        return all.stream().map(Unit::row).toList();
    }

    /** "phường Lê Lợi, thành phố Quy Nhơn, tỉnh Bình Định" and the like, for applicants' addresses. */
    List<String> addresses() {
        return addresses;
    }

    /** A unit that handles the procedure's dossiers received on that day. */
    Unit handler(Procedure p, LocalDate day, SplittableRandom rng) {
        boolean merged = !day.isBefore(MERGER);
        return switch (p.cap()) {
            case TINH -> onDate(departmentByKey.get(p.sector().department()), day);
            case HUYEN -> merged ? newCommunes.pick(rng) : districts.pick(rng);
            case XA -> merged ? newCommunes.pick(rng) : oldCommunes.pick(rng);
        };
    }

    /** The unit itself, or its successor if it no longer exists on that day. */
    Unit onDate(Unit u, LocalDate day) {
        Unit current = u;
        while (!current.validOn(day) && current.successor() != null) {
            current = byCode.get(current.successor());
        }
        return current;
    }

    /** Departments and communes (and before the merger districts) existing on that day: civil servants' employers. */
    List<Unit> employers(LocalDate day) {
        return all.stream().filter(u -> u.validOn(day) && u.kind() != Kind.TINH).toList();
    }

    private void add(Unit u) {
        all.add(u);
        byCode.put(u.code(), u);
    }

    private static String departmentCode(String key) {
        for (String[] d : DEPARTMENTS) {
            if (d[0].equals(key)) {
                return d[1];
            }
        }
        for (String[] d : NEW_DEPARTMENTS) {
            if (d[0].equals(key)) {
                return d[1];
            }
        }
        throw new IllegalStateException("no department " + key);
    }

    private static String code(int bb, String cc) {
        return String.format(Locale.ROOT, "000.%02d.%s.H08", bb, cc);
    }

    private static String place(String typed) {
        String kind = switch (typed.charAt(0)) {
            case 'P' -> "phường ";
            case 'T' -> "thị trấn ";
            default -> "xã ";
        };
        return kind + typed.substring(2);
    }

    private record District(String place, double weight, String oldCommunes, String newCommunes) {
    }

    /** Units drawn in proportion to their weight. */
    private static final class Pool {
        final List<Unit> units = new ArrayList<>();
        double[] cumulative = new double[0];

        void add(Unit u) {
            units.add(u);
            double[] c = Arrays.copyOf(cumulative, cumulative.length + 1);
            c[c.length - 1] = (c.length > 1 ? c[c.length - 2] : 0) + u.weight();
            cumulative = c;
        }

        Unit pick(SplittableRandom rng) {
            double u = rng.nextDouble() * cumulative[cumulative.length - 1];
            int i = Arrays.binarySearch(cumulative, u);
            return units.get(Math.min(i < 0 ? -i - 1 : i, units.size() - 1));
        }
    }
}
