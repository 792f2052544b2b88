package vn.hoso.generate;

import vn.hoso.generate.Procedure.Cap;
import vn.hoso.generate.Procedure.Level;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The procedure catalogue of Bình Định: 1,856 procedures valid on 31 Dec 2024, of which exactly
 * 1,099 TOAN_TRINH, 578 MOT_PHAN and 179 KHONG (the 2024 figures of Quyết định 4492/QĐ-UBND). The
 * common procedures carry their national codes and names and fixed dossier volumes; the others get
 * generated codes and names by sector and a Zipf-like long tail of volume.
 */
final class Catalogue {
    /** The day on which the service-level shares are counted. */
    static final LocalDate COUNT_DATE = LocalDate.of(2024, 12, 31);
    static final int FULL_ONLINE = 1_099;
    static final int PARTLY_ONLINE = 578;
    static final int NOT_ONLINE = 179;
    static final String[] HEADER = {"MaTTHC", "TenTTHC", "MaLinhVuc", "TenLinhVuc", "CapThucHien", "MucDoDVC",
            "DuDieuKienToanTrinh", "YeuCauHoSoGiay", "CoPhiLePhi", "TraKetQuaGiay", "ThoiHanGiaiQuyetNgay",
            "NgayTaiCauTruc", "HieuLucTu", "HieuLucDen", "ChoCongDan"};

    private static final double BUSINESS_SHARE = 0.10;
    private static final int UPGRADED_BEFORE_COUNT_DATE = 30;
    private static final int UPGRADED_AFTER_COUNT_DATE = 16;
    private static final long[] FEES = {10_000, 20_000, 50_000, 100_000, 150_000, 200_000, 300_000, 500_000, 1_000_000};

    /**
     * The procedures every one-stop desk sees daily, with their share of all dossiers (percent). The
     * first one, certified copies, is about a quarter of the province's volume, as in the real data.
     * Columns: code, name, sector, level of government, service level, eligible for full online
     * service, legal time limit (days), fee (VND), fee charged per page, result on paper, percent of all
     * dossiers, re-engineered on.
     */
    private static final List<Named> NAMED = List.of(
            new Named("2.000815", "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan tổ chức có thẩm quyền của Việt Nam cấp hoặc chứng nhận",
                    "CHUNGTHUC", Cap.XA, Level.TOAN_TRINH, false, 1, 2_000, true, true, 27.0, LocalDate.of(2024, 5, 20)),
            new Named("2.000884", "Chứng thực chữ ký trong các giấy tờ, văn bản (áp dụng cho cả trường hợp chứng thực điểm chỉ và trường hợp người yêu cầu chứng thực không thể ký, không thể điểm chỉ được)",
                    "CHUNGTHUC", Cap.XA, Level.MOT_PHAN, false, 1, 10_000, false, true, 4.5, null),
            new Named("2.000908", "Cấp bản sao từ sổ gốc", "CHUNGTHUC", Cap.XA, Level.TOAN_TRINH, false, 1, 8_000, false,
                    true, 2.5, null),
            new Named("2.000913", "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất và nhà ở",
                    "CHUNGTHUC", Cap.XA, Level.MOT_PHAN, false, 2, 50_000, false, true, 1.8, null),
            new Named("1.001193", "Đăng ký khai sinh", "HOTICH", Cap.XA, Level.TOAN_TRINH, false, 1, 0, false, true, 5.5,
                    LocalDate.of(2024, 3, 1)),
            new Named("1.000894", "Đăng ký kết hôn", "HOTICH", Cap.XA, Level.MOT_PHAN, false, 1, 0, false, true, 1.4, null),
            new Named("1.000656", "Đăng ký khai tử", "HOTICH", Cap.XA, Level.TOAN_TRINH, false, 1, 0, false, true, 1.3, null),
            new Named("1.004873", "Cấp Giấy xác nhận tình trạng hôn nhân", "HOTICH", Cap.XA, Level.TOAN_TRINH, false, 3,
                    3_000, false, true, 3.2, null),
            new Named("2.000635", "Cấp bản sao Trích lục hộ tịch", "HOTICH", Cap.XA, Level.TOAN_TRINH, false, 1, 8_000,
                    false, true, 2.4, null),
            new Named("1.004859", "Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch", "HOTICH", Cap.XA,
                    Level.MOT_PHAN, true, 3, 15_000, false, true, 0.9, null),
            new Named("1.004222", "Đăng ký thường trú", "CUTRU", Cap.XA, Level.TOAN_TRINH, false, 7, 20_000, false, false,
                    5.0, LocalDate.of(2024, 7, 1)),
            new Named("1.004194", "Đăng ký tạm trú", "CUTRU", Cap.XA, Level.TOAN_TRINH, false, 3, 15_000, false, false,
                    4.0, null),
            new Named("1.004199", "Thông báo lưu trú", "CUTRU", Cap.XA, Level.TOAN_TRINH, false, 1, 0, false, false, 2.8,
                    null),
            new Named("1.004228", "Xóa đăng ký thường trú", "CUTRU", Cap.XA, Level.TOAN_TRINH, false, 1, 0, false, false,
                    0.8, null),
            new Named("1.001612", "Đăng ký thành lập hộ kinh doanh", "HKD", Cap.HUYEN, Level.TOAN_TRINH, false, 3,
                    100_000, false, true, 1.5, null),
            new Named("2.000720", "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh", "HKD", Cap.HUYEN, Level.TOAN_TRINH,
                    false, 3, 100_000, false, true, 0.6, null),
            new Named("1.004227", "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do chuyển nhượng, tặng cho, thừa kế",
                    Sector.LAND, Cap.HUYEN, Level.MOT_PHAN, false, 10, 60_000, false, true, 2.4,
                    LocalDate.of(2025, 3, 15)),
            new Named("1.004217", "Cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất lần đầu",
                    Sector.LAND, Cap.HUYEN, Level.MOT_PHAN, false, 30, 100_000, false, true, 1.2, null),
            new Named("1.009994", "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ", Sector.CONSTRUCTION, Cap.HUYEN,
                    Level.MOT_PHAN, true, 15, 75_000, false, true, 1.0, null),
            new Named("2.000488", "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam",
                    "TUPHAP", Cap.TINH, Level.TOAN_TRINH, false, 10, 200_000, false, true, 1.8, null),
            new Named("2.001610", "Đăng ký thành lập công ty trách nhiệm hữu hạn một thành viên", "DOANHNGHIEP", Cap.TINH,
                    Level.TOAN_TRINH, false, 3, 50_000, false, true, 0.7, null),
            new Named("2.002039", "Đăng ký thay đổi nội dung đăng ký doanh nghiệp", "DOANHNGHIEP", Cap.TINH,
                    Level.TOAN_TRINH, false, 3, 50_000, false, true, 0.8, null),
            new Named("2.001599", "Đăng ký thành lập doanh nghiệp tư nhân", "DOANHNGHIEP", Cap.TINH, Level.TOAN_TRINH,
                    false, 3, 50_000, false, true, 0.3, null),
            new Named("1.002804", "Đổi giấy phép lái xe do ngành Giao thông vận tải cấp", "GIAOTHONG", Cap.TINH,
                    Level.TOAN_TRINH, false, 5, 135_000, false, true, 1.5, null),
            new Named("1.001978", "Giải quyết hưởng trợ cấp thất nghiệp", "LAODONG", Cap.TINH, Level.MOT_PHAN, true, 20, 0,
                    false, true, 0.7, null),
            new Named("2.001827", "Cấp Giấy chứng nhận đăng ký đầu tư đối với dự án không thuộc diện chấp thuận chủ trương đầu tư",
                    Sector.INVESTMENT, Cap.TINH, Level.MOT_PHAN, false, 15, 0, false, true, 0.1, null));

    /** A first land certificate and a notarised land contract need the applicant's paper originals. */
    private static final Set<String> PAPER_ORIGINAL_REQUIRED = Set.of("1.004217", "2.000913");

    private final List<Procedure> procedures;
    private final double[] cumulative;
    private final LocalDate epoch;

    /** @param epoch HieuLucTu of every first catalogue row */
    Catalogue(long seed, LocalDate epoch) {
        this.epoch = epoch;
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
        List<Draft> drafts = drafts(rng);
        if (drafts.size() != FULL_ONLINE + PARTLY_ONLINE + NOT_ONLINE) {
            throw new IllegalStateException("the sectors hold " + drafts.size() + " procedures, not "
                    + (FULL_ONLINE + PARTLY_ONLINE + NOT_ONLINE));
        }
        assignLevels(drafts, rng);
        assignUpgrades(drafts, rng);
        assignAttributes(drafts, rng);
        assignWeights(drafts, rng);
        double business = businessShareOfMixedSectors(drafts);
        List<Procedure> out = new ArrayList<>(drafts.size());
        for (Draft d : drafts) {
            out.add(d.build(out.size(), business));
        }
        procedures = List.copyOf(out);
        cumulative = new double[procedures.size()];
        double sum = 0;
        for (int i = 0; i < cumulative.length; i++) {
            sum += procedures.get(i).weight();
            cumulative[i] = sum;
        }
    }

    List<Procedure> procedures() {
        return procedures;
    }

    Procedure pick(SplittableRandom rng) {
        double u = rng.nextDouble() * cumulative[cumulative.length - 1];
        int i = Arrays.binarySearch(cumulative, u);
        return procedures.get(Math.min(i < 0 ? -i - 1 : i, cumulative.length - 1));
    }

    /** The rows of procedures.csv: one per procedure, two for a procedure whose service level changed. */
    List<String[]> rows() {
        List<String[]> rows = new ArrayList<>();
        for (Procedure p : procedures) {
            if (p.upgradedOn() == null) {
                rows.add(row(p, p.level(), epoch, null));
            } else {
                rows.add(row(p, Level.MOT_PHAN, epoch, p.upgradedOn().minusDays(1)));
                rows.add(row(p, Level.TOAN_TRINH, p.upgradedOn(), null));
            }
        }
        return rows;
    }

    private static String[] row(Procedure p, Level level, LocalDate from, LocalDate to) {
        return new String[]{p.code(), p.name(), p.sector().code(), p.sector().name(), p.cap().name(), level.name(),
                flag(p.eligible()), flag(p.paperRequired()), flag(p.hasFee()), flag(p.paperResult()), Integer.toString(p.days()),
                p.reengineered() == null ? "" : p.reengineered().toString(), from.toString(),
                to == null ? "" : to.toString(), flag(p.forCitizens())};
    }

    private static String flag(boolean b) {
        return b ? "1" : "0";
    }

    private List<Draft> drafts(SplittableRandom rng) {
        Set<String> codes = new HashSet<>();
        for (Named n : NAMED) {
            codes.add(n.code);
        }
        List<Draft> out = new ArrayList<>();
        for (Sector s : Sector.ALL) {
            Set<String> names = new HashSet<>();
            int named = 0;
            for (Named n : NAMED) {
                if (n.sector.equals(s.code())) {
                    out.add(Draft.of(n, s));
                    names.add(n.name);
                    named++;
                }
            }
            for (int k = 0; k < s.procedures() - named; k++) {
                Draft d = new Draft();
                d.sector = s;
                d.code = newCode(codes, rng);
                d.name = newName(s, k, names);
                d.cap = cap(s, rng);
                out.add(d);
            }
        }
        return out;
    }

    private static String newCode(Set<String> used, SplittableRandom rng) {
        while (true) {
            boolean national = rng.nextDouble() < 0.7;
            String code = national
                    ? String.format(Locale.ROOT, "1.%06d", 100 + rng.nextInt(12_900))
                    : String.format(Locale.ROOT, "2.%06d", 1 + rng.nextInt(2_700));
            // Procedures a province adds itself carry its code as a suffix, like 1.012753.H19.
            if (rng.nextDouble() < 0.05) {
                code += ".H08";
            }
            if (used.add(code)) {
                return code;
            }
        }
    }

    private static String newName(Sector s, int k, Set<String> used) {
        List<String> candidates = new ArrayList<>(s.names());
        for (String object : s.objects()) {
            for (String action : Sector.ACTIONS) {
                candidates.add(action + " " + object);
            }
        }
        String base = candidates.get(k % candidates.size());
        String name = base;
        for (int n = 2; !used.add(name); n++) {
            name = base + " (trường hợp " + n + ")";
        }
        return name;
    }

    private static Cap cap(Sector s, SplittableRandom rng) {
        double u = rng.nextDouble();
        double[] mix = s.capMix();
        if (u < mix[0]) {
            return Cap.TINH;
        }
        return u < mix[0] + mix[1] ? Cap.HUYEN : Cap.XA;
    }

    /**
     * Exact counts per level: the generated procedures most suited to online service (by sector and
     * chance) get the remaining TOAN_TRINH places, the least suited the KHONG places.
     */
    private static void assignLevels(List<Draft> drafts, SplittableRandom rng) {
        int full = FULL_ONLINE;
        int partly = PARTLY_ONLINE;
        List<Draft> open = new ArrayList<>();
        for (Draft d : drafts) {
            if (d.named) {
                if (d.level == Level.TOAN_TRINH) {
                    full--;
                } else {
                    partly--;
                }
            } else {
                d.score = d.sector.onlineDelta() + Draws.gaussian(rng);
                open.add(d);
            }
        }
        open.sort(Comparator.comparingDouble((Draft d) -> -d.score).thenComparing(d -> d.code));
        for (int i = 0; i < open.size(); i++) {
            open.get(i).level = i < full ? Level.TOAN_TRINH : i < full + partly ? Level.MOT_PHAN : Level.KHONG;
        }
    }

    /** About 2.5% of procedures were upgraded from MOT_PHAN to TOAN_TRINH and so have two catalogue rows. */
    private static void assignUpgrades(List<Draft> drafts, SplittableRandom rng) {
        LocalDate[] before = {LocalDate.of(2022, 7, 1), LocalDate.of(2023, 1, 1), LocalDate.of(2023, 7, 1),
                LocalDate.of(2024, 1, 1), LocalDate.of(2024, 7, 1), LocalDate.of(2024, 7, 1), LocalDate.of(2024, 7, 1)};
        LocalDate[] after = {LocalDate.of(2025, 4, 1), LocalDate.of(2025, 7, 1)};
        pickUpgrades(drafts, Level.TOAN_TRINH, UPGRADED_BEFORE_COUNT_DATE, before, rng);
        pickUpgrades(drafts, Level.MOT_PHAN, UPGRADED_AFTER_COUNT_DATE, after, rng);
    }

    private static void pickUpgrades(List<Draft> drafts, Level level, int count, LocalDate[] dates,
                                     SplittableRandom rng) {
        List<Draft> pool = new ArrayList<>();
        for (Draft d : drafts) {
            if (!d.named && d.level == level) {
                pool.add(d);
            }
        }
        for (int i = 0; i < count; i++) {
            Draft d = pool.remove(rng.nextInt(pool.size()));
            d.upgradedOn = dates[rng.nextInt(dates.length)];
            d.eligible = true;
            d.reengineered = d.upgradedOn.minusDays(30 + rng.nextInt(90));
        }
    }

    private static void assignAttributes(List<Draft> drafts, SplittableRandom rng) {
        LocalDate reengineeringFrom = LocalDate.of(2024, 1, 1);
        for (Draft d : drafts) {
            boolean lci = d.sector.isLandConstructionInvestment();
            if (!d.named) {
                d.eligible |= d.level == Level.TOAN_TRINH || (d.level == Level.MOT_PHAN && rng.nextDouble() < 0.25);
                d.paperRequired = !d.eligible && rng.nextDouble() < (lci ? 0.2 : 0.06);
                d.fee = rng.nextDouble() < d.sector.feeShare() ? FEES[rng.nextInt(FEES.length)] : 0;
                d.paperResult = rng.nextDouble() < 0.75;
                d.days = d.sector.days()[rng.nextInt(d.sector.days().length)];
                if (d.reengineered == null && rng.nextDouble() < 0.25) {
                    d.reengineered = reengineeringFrom.plusDays(rng.nextInt(640));
                }
            }
            boolean landOrBuilding = d.sector.code().equals(Sector.LAND) || d.sector.code().equals(Sector.CONSTRUCTION);
            d.paperHotspot = d.level != Level.KHONG && (landOrBuilding || rng.nextDouble() < 0.03);
            double levelDelta = d.level == Level.TOAN_TRINH ? 0.7 : -0.5;
            d.onlineDelta = d.sector.onlineDelta() + levelDelta + 0.4 * Draws.gaussian(rng);
        }
    }

    /**
     * Named procedures keep their fixed shares; the rest of the volume follows a Zipf-like law over a
     * random ranking, weighted up for commune and district procedures (every commune handles them) and
     * down for procedures not offered online, so provincial departments form the long tail.
     */
    private static void assignWeights(List<Draft> drafts, SplittableRandom rng) {
        double namedTotal = 0;
        List<Draft> tail = new ArrayList<>();
        for (Draft d : drafts) {
            if (d.named) {
                d.weight = d.namedPercent / 100.0;
                namedTotal += d.weight;
            } else {
                tail.add(d);
            }
        }
        int[] rank = new int[tail.size()];
        for (int i = 0; i < rank.length; i++) {
            rank[i] = i + 1;
        }
        for (int i = rank.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = rank[i];
            rank[i] = rank[j];
            rank[j] = t;
        }
        double sum = 0;
        for (int i = 0; i < tail.size(); i++) {
            Draft d = tail.get(i);
            double capFactor = d.cap == Cap.XA ? 4 : d.cap == Cap.HUYEN ? 2 : 1;
            double levelFactor = d.level == Level.KHONG ? 0.5 : 1;
            d.weight = capFactor * levelFactor * d.sector.volume() / StrictMath.pow(rank[i], 0.9);
            sum += d.weight;
        }
        for (Draft d : tail) {
            d.weight *= (1 - namedTotal) / sum;
        }
    }

    /** The business share of MIXED sectors that makes businesses 10% of all dossiers. */
    private static double businessShareOfMixedSectors(List<Draft> drafts) {
        double fixed = 0;
        double mixed = 0;
        for (Draft d : drafts) {
            switch (d.sector.applicants()) {
                case BUSINESS -> fixed += d.weight;
                case MOSTLY_BUSINESS -> fixed += 0.7 * d.weight;
                case MIXED -> mixed += d.weight;
                case CITIZEN -> {
                }
            }
        }
        return Math.max(0, Math.min(1, (BUSINESS_SHARE - fixed) / mixed));
    }

    private record Named(String code, String name, String sector, Cap cap, Level level, boolean eligible, int days,
                         long fee, boolean feePerPage, boolean paperResult, double percent, LocalDate reengineered) {
    }

    /** A procedure while the catalogue is being built. */
    private static final class Draft {
        Sector sector;
        String code;
        String name;
        Cap cap;
        Level level;
        LocalDate upgradedOn;
        boolean eligible;
        boolean paperRequired;
        long fee;
        boolean feePerPage;
        boolean paperResult;
        int days;
        LocalDate reengineered;
        double weight;
        double onlineDelta;
        boolean paperHotspot;
        boolean named;
        double namedPercent;
        double score;

        static Draft of(Named n, Sector s) {
            Draft d = new Draft();
            d.named = true;
            d.sector = s;
            d.code = n.code;
            d.name = n.name;
            d.cap = n.cap;
            d.level = n.level;
            d.eligible = n.eligible || n.level == Level.TOAN_TRINH;
            d.paperRequired = PAPER_ORIGINAL_REQUIRED.contains(n.code);
            d.days = n.days;
            d.fee = n.fee;
            d.feePerPage = n.feePerPage;
            d.paperResult = n.paperResult;
            d.namedPercent = n.percent;
            d.reengineered = n.reengineered;
            return d;
        }

        Procedure build(int index, double mixedBusinessShare) {
            double business = switch (sector.applicants()) {
                case BUSINESS -> 1;
                case MOSTLY_BUSINESS -> 0.7;
                case MIXED -> mixedBusinessShare;
                case CITIZEN -> 0;
            };
            return new Procedure(index, code, name, sector, cap, level, upgradedOn, eligible, paperRequired, fee, feePerPage,
                    paperResult, days, reengineered, weight, onlineDelta, business, paperHotspot);
        }
    }
}
