package vn.hoso.generate;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Fake applicants that look real: a person is a number (its index in a pool), and everything about it —
 * CCCD number, name, phone, e-mail, address — is derived from that number and the seed, so the same
 * person files many dossiers with the same details without any of them being stored.
 *
 * <p>Pools are disjoint ranges of person numbers, and the CCCD number is a bijection of the person
 * number, so two persons never share an ID and the number of distinct applicants (the adoption rate's
 * unit) is exactly the number of distinct person numbers drawn.
 */
final class People {
    /** Citizens who file online; see {@link Calibration} for how many are drawn each year. */
    static final long ONLINE_POOL = 0;
    /** Citizens who file only in person. */
    static final long IN_PERSON_POOL = 30_000_000;
    static final long CIVIL_SERVANT_POOL = 90_000_000;
    static final long POOL_CAPACITY = 30_000_000;
    static final int CIVIL_SERVANTS = 1_500;

    static final List<String> MOBILE_PREFIXES = List.of("086", "088", "090", "091", "093", "094", "096", "097",
            "098", "032", "033", "034", "035", "036", "037", "038", "039", "070", "076", "077", "078", "079", "081",
            "082", "083", "084", "085", "056", "058");
    /** Bình Định's area code: businesses give a landline. */
    static final String LANDLINE_PREFIX = "0256";
    static final List<String> EMAIL_DOMAINS = List.of("gmail.com", "yahoo.com.vn", "outlook.com", "hotmail.com");

    private static final long ID_SPACE = 100_000_000L;
    private static final String[] SURNAMES = {"Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Phan", "Võ", "Vũ",
            "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trương", "Lương", "Mai", "Đoàn", "Tô", "Châu"};
    private static final double[] SURNAME_WEIGHTS = {32, 11, 9, 7, 6, 3, 4.5, 6, 2, 2, 2, 1.5, 2, 1.5, 1, 0.5, 1,
            1.5, 0.7, 0.8, 1, 0.4, 0.6};
    private static final String[] MALE_MIDDLE = {"Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Công", "Xuân",
            "Ngọc", "Tấn", "Đình", "Anh"};
    private static final String[] FEMALE_MIDDLE = {"Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Mỹ", "Bích",
            "Phương", "Hồng", "Thùy"};
    private static final String[] MALE_GIVEN = {"An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hiếu", "Hùng", "Huy",
            "Khánh", "Khoa", "Lâm", "Long", "Minh", "Nam", "Nghĩa", "Phong", "Phúc", "Quân", "Quang", "Sơn", "Tài",
            "Tâm", "Thắng", "Thành", "Toàn", "Trung", "Tuấn", "Việt", "Vinh"};
    private static final String[] FEMALE_GIVEN = {"Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hoa",
            "Hương", "Lan", "Liên", "Linh", "Loan", "Mai", "Nga", "Ngân", "Nhung", "Oanh", "Phượng", "Quyên", "Tâm",
            "Thảo", "Thủy", "Trang", "Trinh", "Tuyết", "Uyên", "Vân", "Vy", "Yến"};
    private static final String[] FIRM_FORMS = {"Công ty TNHH", "Công ty TNHH MTV", "Công ty cổ phần",
            "Doanh nghiệp tư nhân", "Hợp tác xã"};
    private static final String[] FIRM_TRADES = {"Thương mại", "Xây dựng", "Thương mại và Dịch vụ", "Vận tải",
            "Chế biến gỗ", "Thủy sản", "Du lịch", "Xây dựng, Thương mại"};
    private static final String[] FIRM_NAMES = {"An Phú", "Phước Lộc", "Hoài Nhơn", "Quy Nhơn Xanh", "Tây Sơn",
            "Minh Khang", "Hưng Thịnh", "Phú Tài", "Nhơn Hội", "Sao Mai", "Việt Thắng", "Hải Đăng"};

    static final List<String> MALE_NAMES = names(MALE_MIDDLE, MALE_GIVEN, 1);
    static final List<String> FEMALE_NAMES = names(FEMALE_MIDDLE, FEMALE_GIVEN, 2);
    static final List<String> BUSINESS_NAMES = businessNames();
    /** Every name an applicant can have. */
    static final List<String> ALL_NAMES = Stream.of(MALE_NAMES, FEMALE_NAMES, BUSINESS_NAMES)
            .flatMap(List::stream).toList();
    private static final List<String> MALE_SLUGS = MALE_NAMES.stream().map(People::slug).toList();
    private static final List<String> FEMALE_SLUGS = FEMALE_NAMES.stream().map(People::slug).toList();

    private final long seed;
    private final long idOffset;
    private final List<String> addresses;

    People(long seed, Units units) {
        this.seed = seed;
        this.idOffset = Math.floorMod(mix(seed, -1), ID_SPACE);
        this.addresses = units.addresses();
    }

    /** An applicant (LoaiDoiTuong 1, or 2 for businesses). */
    record Applicant(int type, String idNumber, String name, String phone, String email, String address) {
    }

    /** The citizen with this person number (a pool base plus an index). */
    Applicant citizen(long person) {
        long s = Math.floorMod(person * 48_271L + idOffset, ID_SPACE);
        int slot = (int) (s / 1_000_000);
        boolean female = (slot & 1) == 1;
        int birthYear = 1956 + (slot >> 1);
        int centuryAndSex = (birthYear >= 2000 ? 2 : 0) + (female ? 1 : 0);
        String id = "052" + centuryAndSex + Text.zeroPad(birthYear % 100, 2) + Text.zeroPad(s % 1_000_000, 6);
        long h = mix(seed, person);
        List<String> names = female ? FEMALE_NAMES : MALE_NAMES;
        int n = (int) Math.floorMod(h, (long) names.size());
        String email = Math.floorMod(h >>> 20, 100) < 65
                ? (female ? FEMALE_SLUGS : MALE_SLUGS).get(n) + Math.floorMod(h >>> 30, 100) + "@"
                + EMAIL_DOMAINS.get((int) Math.floorMod(h >>> 40, (long) EMAIL_DOMAINS.size()))
                : null;
        return new Applicant(1, id, names.get(n), mobile(h), email, address(h));
    }

    /** A business (tax code of Bình Định, 10 digits starting with 41). */
    Applicant business(long index) {
        long t = Math.floorMod(index * 69_069L + idOffset, ID_SPACE);
        long h = mix(seed, -2 - index);
        String name = BUSINESS_NAMES.get((int) Math.floorMod(h, (long) BUSINESS_NAMES.size()));
        String phone = LANDLINE_PREFIX + Text.zeroPad(Math.floorMod(h >>> 8, 10_000_000L), 7);
        String email = "lienhe" + Math.floorMod(index, 10_000L) + "@" + EMAIL_DOMAINS.get(0);
        return new Applicant(2, "41" + Text.zeroPad(t, 8), name, phone, email, address(h >>> 16));
    }

    String civilServantId(int k) {
        return citizen(CIVIL_SERVANT_POOL + k).idNumber();
    }

    /** The civil servants of civil_servants.csv with their employer, as of {@code employers}. */
    List<String[]> civilServantRows(List<Unit> employers, SplittableRandom rng) {
        List<String[]> rows = new ArrayList<>(CIVIL_SERVANTS);
        for (int k = 0; k < CIVIL_SERVANTS; k++) {
            rows.add(new String[]{civilServantId(k), employers.get(rng.nextInt(employers.size())).code()});
        }
        return rows;
    }

    private String mobile(long h) {
        String prefix = MOBILE_PREFIXES.get((int) Math.floorMod(h >>> 12, (long) MOBILE_PREFIXES.size()));
        return prefix + Text.zeroPad(Math.floorMod(h >>> 24, 10_000_000L), 7);
    }

    private String address(long h) {
        String tail = addresses.get((int) Math.floorMod(h >>> 5, (long) addresses.size()));
        int n = (int) Math.floorMod(h >>> 44, 15L) + 1;
        String head = tail.startsWith("phường") ? "Tổ " + n + ", khu vực " + (n % 4 + 1)
                : tail.startsWith("thị trấn") ? "Khu phố " + n : "Thôn " + n;
        return head + ", " + tail;
    }

    /** SplitMix64 of the seed and a person number: a stable pseudo-random 64-bit value. */
    static long mix(long seed, long x) {
        long z = seed * 0x9E3779B97F4A7C15L + x * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Names drawn once with a fixed seed, so the list does not depend on the generator's seed. */
    private static List<String> names(String[] middles, String[] given, long salt) {
        SplittableRandom rng = new SplittableRandom(0x4E414D45L + salt);
        List<String> out = new ArrayList<>();
        while (out.size() < 300) {
            String name = SURNAMES[Draws.weighted(rng, SURNAME_WEIGHTS)] + " " + middles[rng.nextInt(middles.length)]
                    + " " + given[rng.nextInt(given.length)];
            if (!out.contains(name)) {
                out.add(name);
            }
        }
        return List.copyOf(out);
    }

    private static List<String> businessNames() {
        List<String> out = new ArrayList<>();
        for (String form : FIRM_FORMS) {
            for (String trade : FIRM_TRADES) {
                for (String name : FIRM_NAMES) {
                    out.add(form + " " + trade + " " + name);
                }
            }
        }
        return List.copyOf(out);
    }

    private static String slug(String name) {
        String ascii = Normalizer.normalize(name.replace('đ', 'd').replace('Đ', 'D'), Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "");
        return ascii.toLowerCase(Locale.ROOT).replace(" ", "");
    }
}
