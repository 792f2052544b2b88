package vn.hoso.generate;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The optional catalogue files of the Decision 766 index (INDEX766.md): catalog/holidays.csv,
 * catalog/unit_procedures.csv and catalog/qd766_manual.csv. catalog/qd766_portal.csv (the portal's published
 * figures) is not written: the generator has no portal to copy them from.
 */
final class Index766Files {
    static final String[] HOLIDAYS_HEADER = {"Ngay", "TenNgayLe"};
    static final String[] UNIT_PROCEDURES_HEADER = {"MaDonVi", "MaTTHC"};
    static final String[] QD766_HEADER = {"period_type", "period", "scope_type", "scope_code", "indicator", "numerator",
            "denominator", "score", "source", "note"};
    /** Share of applied (unit, procedure) pairs added beside those with dossiers: procedures a unit offers unused. */
    static final double UNUSED_PAIRS = 0.05;

    /**
     * The first day of the lunar new year (mùng 1 Tết) and Giỗ Tổ Hùng Vương (10/3 lunar), by year: known
     * dates, not computed (a lunar calendar is beyond a generator).
     */
    private static final Map<Integer, LocalDate[]> LUNAR = Map.of(
            2018, new LocalDate[]{LocalDate.of(2018, 2, 16), LocalDate.of(2018, 4, 25)},
            2019, new LocalDate[]{LocalDate.of(2019, 2, 5), LocalDate.of(2019, 4, 14)},
            2020, new LocalDate[]{LocalDate.of(2020, 1, 25), LocalDate.of(2020, 4, 2)},
            2021, new LocalDate[]{LocalDate.of(2021, 2, 12), LocalDate.of(2021, 4, 21)},
            2022, new LocalDate[]{LocalDate.of(2022, 2, 1), LocalDate.of(2022, 4, 10)},
            2023, new LocalDate[]{LocalDate.of(2023, 1, 22), LocalDate.of(2023, 4, 29)},
            2024, new LocalDate[]{LocalDate.of(2024, 2, 10), LocalDate.of(2024, 4, 18)},
            2025, new LocalDate[]{LocalDate.of(2025, 1, 29), LocalDate.of(2025, 4, 7)},
            2026, new LocalDate[]{LocalDate.of(2026, 2, 17), LocalDate.of(2026, 4, 26)},
            2027, new LocalDate[]{LocalDate.of(2027, 2, 6), LocalDate.of(2027, 4, 16)});
    /** The day beside 2 September that the government gave off (the Labour Code 2019: two days from 2021). */
    private static final Map<Integer, Integer> NATIONAL_DAY_SECOND = Map.of(2021, 3, 2022, 1, 2023, 1, 2024, 3, 2025, 1);

    private Index766Files() {
    }

    /**
     * Vietnam's public holidays of the years: Tết Dương lịch, Tết Nguyên đán (the eve and the first four days),
     * Giỗ Tổ Hùng Vương, 30/4, 1/5, Quốc khánh 2/9 and from 2021 a day beside it. Years outside 2018–2027 get the
     * solar holidays only. Sorted by date.
     */
    static List<String[]> holidays(int fromYear, int toYear) {
        TreeMap<LocalDate, String> days = new TreeMap<>();
        for (int y = fromYear; y <= toYear; y++) {
            days.put(LocalDate.of(y, 1, 1), "Tết Dương lịch");
            days.put(LocalDate.of(y, 4, 30), "Ngày Chiến thắng");
            days.put(LocalDate.of(y, 5, 1), "Ngày Quốc tế Lao động");
            days.put(LocalDate.of(y, 9, 2), "Quốc khánh");
            if (y >= 2021) {
                days.put(LocalDate.of(y, 9, NATIONAL_DAY_SECOND.getOrDefault(y, 3)), "Quốc khánh (nghỉ thêm)");
            }
            LocalDate[] lunar = LUNAR.get(y);
            if (lunar != null) {
                for (int k = -1; k <= 3; k++) {
                    days.put(lunar[0].plusDays(k), "Tết Nguyên đán");
                }
                days.put(lunar[1], "Giỗ Tổ Hùng Vương");
            }
        }
        List<String[]> out = new ArrayList<>();
        days.forEach((d, name) -> out.add(new String[]{d.toString(), name}));
        return out;
    }

    /**
     * Which procedures each unit applies: every pair with a received dossier, and for about {@link #UNUSED_PAIRS}
     * of them one more procedure of the same level at the same unit (offered there, perhaps without a dossier).
     * Sorted; the draws follow the sorted pairs, so the file depends on the seed only.
     */
    static List<String[]> unitProcedures(java.util.Set<String> used, Catalogue catalogue, SplittableRandom rng) {
        Map<Procedure.Cap, List<Procedure>> byCap = new TreeMap<>();
        for (Procedure p : catalogue.procedures()) {
            byCap.computeIfAbsent(p.cap(), k -> new ArrayList<>()).add(p);
        }
        Map<String, Procedure> byCode = new TreeMap<>();
        catalogue.procedures().forEach(p -> byCode.put(p.code(), p));
        TreeSet<String> pairs = new TreeSet<>(used);
        for (String pair : new TreeSet<>(used)) {
            if (rng.nextDouble() < UNUSED_PAIRS) {
                String unit = pair.substring(0, pair.indexOf('|'));
                List<Procedure> same = byCap.get(byCode.get(pair.substring(pair.indexOf('|') + 1)).cap());
                pairs.add(unit + "|" + same.get(rng.nextInt(same.size())).code());
            }
        }
        List<String[]> out = new ArrayList<>(pairs.size());
        for (String pair : pairs) {
            out.add(pair.split("\\|", 2));
        }
        return out;
    }

    /** The manual indicators, their maximum points and the range of their monthly rates. */
    private static final String[] MANUAL = {"1.1", "1.2", "1.3"};
    private static final double[] MAX = {6, 4, 2};
    private static final double[] LOW = {0.86, 0.80, 0.90};

    /**
     * Province rows of 1.1–1.3 for every month, quarter and year from January of {@code fromYear} to the month of
     * {@code until}: each month n of d procedures (d = the catalogue's procedure count) with a rate between the
     * indicator's low and 1, quarters and years pooled from their months; score = max × n / d (LIN), 2 decimals.
     */
    static List<String[]> manual(int fromYear, LocalDate until, String provinceCode, int procedures, SplittableRandom rng) {
        TreeMap<String, long[][]> pooled = new TreeMap<>();
        List<String[]> out = new ArrayList<>();
        for (YearMonth m = YearMonth.of(fromYear, 1); !m.isAfter(YearMonth.from(until)); m = m.plusMonths(1)) {
            long[][] month = new long[MANUAL.length][2];
            for (int i = 0; i < MANUAL.length; i++) {
                double rate = LOW[i] + (1 - LOW[i]) * rng.nextDouble();
                month[i][0] = Math.round(procedures * rate);
                month[i][1] = procedures;
            }
            add(out, "M", m.toString(), provinceCode, month);
            for (String key : List.of("Q|" + m.getYear() + "-Q" + ((m.getMonthValue() - 1) / 3 + 1), "Y|" + m.getYear())) {
                long[][] sum = pooled.computeIfAbsent(key, k -> new long[MANUAL.length][2]);
                for (int i = 0; i < MANUAL.length; i++) {
                    sum[i][0] += month[i][0];
                    sum[i][1] += month[i][1];
                }
            }
        }
        pooled.forEach((key, sum) -> add(out, key.substring(0, 1), key.substring(2), provinceCode, sum));
        return out;
    }

    private static void add(List<String[]> out, String type, String period, String province, long[][] values) {
        for (int i = 0; i < MANUAL.length; i++) {
            double score = Math.round(MAX[i] * values[i][0] / values[i][1] * 100) / 100.0;
            out.add(new String[]{type, period, "province", province, MANUAL[i], Long.toString(values[i][0]),
                    Long.toString(values[i][1]), String.format(Locale.ROOT, "%.2f", score), "manual",
                    "Văn phòng UBND tỉnh tự đánh giá (số liệu giả lập)"});
        }
    }
}
