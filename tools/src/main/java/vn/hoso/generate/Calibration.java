package vn.hoso.generate;

import java.util.List;
import java.util.function.Predicate;

/**
 * Turns the province's yearly rates into the per-dossier probabilities that reproduce them in
 * expectation, exactly as METRICS.md computes them. 2024 uses the Bình Định baselines of Quyết định
 * 4492/QĐ-UBND (online 90.4%, online payment 84.76%, digitisation 94.04%, reuse 47.24%, electronic
 * result 83.92%, adoption 59.98%); the other years follow a plausible trend.
 *
 * <p>Rates are not drawn with one flat probability: online filing depends on the procedure, and
 * payment, digitisation, reuse and electronic results are likelier online. So each rate is solved for
 * against the expected mix of procedures and channels of its own denominator.
 */
final class Calibration {
    static final int FIRST_ANCHOR_YEAR = 2021;
    /** Yearly targets 2021–2026; years outside keep the nearest value. */
    static final double[] ONLINE = {0.45, 0.62, 0.80, 0.90, 0.925, 0.935};
    static final double[] ONLINE_PAYMENT = {0.30, 0.50, 0.70, 0.85, 0.88, 0.90};
    static final double[] DIGITISED = {0.40, 0.65, 0.85, 0.94, 0.96, 0.97};
    static final double[] REUSED = {0.10, 0.20, 0.35, 0.47, 0.60, 0.70};
    static final double[] E_RESULT = {0.30, 0.50, 0.70, 0.84, 0.88, 0.90};
    static final double[] ADOPTION = {0.25, 0.38, 0.50, 0.60, 0.65, 0.70};
    /** Parallel paper among online dossiers whose procedure needs no paper original. */
    static final double[] PAPER_PARALLEL = {0.16, 0.14, 0.12, 0.10, 0.08, 0.07};
    static final double[] VNEID = {0.0, 0.05, 0.25, 0.55, 0.80, 0.90};
    static final double[] LATE = {0.10, 0.08, 0.07, 0.05, 0.04, 0.035};
    static final double[] UNSATISFIED = {0.15, 0.12, 0.10, 0.08, 0.07, 0.06};
    static final double[] UNSATISFIED_LCI = {0.28, 0.25, 0.22, 0.20, 0.17, 0.14};
    /** NoiNopHoSo of online dossiers: remote, at a desk, assisted. */
    static final double[][] PLACE = {{0.30, 0.35, 0.35}, {0.33, 0.35, 0.32}, {0.37, 0.35, 0.28},
            {0.40, 0.35, 0.25}, {0.45, 0.33, 0.22}, {0.50, 0.30, 0.20}};

    /** Dossiers refused at the desk (status 3): not received, so outside every rate. */
    static final double REFUSED = 0.02;
    static final double POSTAL = 0.03;
    /** Share of in-person citizen dossiers (of procedures offered online) filed by civil servants. */
    static final double CIVIL_SERVANT = 0.01;
    static final double FEE_EXEMPT = 0.04;
    static final double PAPER_HOTSPOT = 0.45;
    static final double PAPER_WHEN_REQUIRED = 0.9;
    /** In-person applicants are drawn from a pool this many times their yearly dossiers: most file once. */
    private static final double IN_PERSON_POOL_FACTOR = 4;
    private static final double BUSINESS_DOSSIERS_PER_FIRM = 3;

    private final List<Procedure> procedures;
    private final int firstYear;
    private final Year[] years;

    /** @param dossiersByYear dossiers submitted in each year from {@code firstYear} on */
    Calibration(Catalogue catalogue, int firstYear, long[] dossiersByYear) {
        this.procedures = catalogue.procedures();
        this.firstYear = firstYear;
        this.years = new Year[dossiersByYear.length];
        for (int i = 0; i < years.length; i++) {
            years[i] = solve(firstYear + i, dossiersByYear[i]);
        }
    }

    Year year(int year) {
        return years[year - firstYear];
    }

    /** Per-dossier probabilities of one year. */
    record Year(int year, double[] online, Mix payment, Mix digitised, Mix reused, Mix eResult, double paperBase,
                double vneid, double late, double unsatisfied, double unsatisfiedLci, double[] place,
                long onlinePool, long inPersonPool, long businessPool) {
    }

    /** A probability for online dossiers and one for the others. */
    record Mix(double online, double inPerson) {
        double of(boolean isOnline) {
            return isOnline ? online : inPerson;
        }
    }

    static double trend(double[] anchors, int year) {
        int i = Math.max(0, Math.min(anchors.length - 1, year - FIRST_ANCHOR_YEAR));
        return anchors[i];
    }

    private Year solve(int year, long dossiers) {
        double[] online = onlineByProcedure(trend(ONLINE, year));
        double onlineAmongFees = onlineShare(online, Procedure::hasFee);
        double onlineAmongPaperResults = onlineShare(online, Procedure::paperResult);
        double onlineAll = onlineShare(online, p -> true);
        int anchor = Math.max(0, Math.min(PLACE.length - 1, year - FIRST_ANCHOR_YEAR));
        long[] pools = applicantPools(year, dossiers, online);
        return new Year(year, online,
                mix(trend(ONLINE_PAYMENT, year), onlineAmongFees, 0.35),
                mix(trend(DIGITISED, year), onlineAll, 0.85),
                mix(trend(REUSED, year), onlineAll, 0.6),
                mix(trend(E_RESULT, year), onlineAmongPaperResults, 0.85),
                paperBase(trend(PAPER_PARALLEL, year), online),
                trend(VNEID, year), trend(LATE, year), trend(UNSATISFIED, year), trend(UNSATISFIED_LCI, year),
                PLACE[anchor], pools[0], pools[1], pools[2]);
    }

    /**
     * P(online) of each procedure: 0 when not offered online, else sigmoid(offset + onlineDelta), with
     * the offset that makes the volume-weighted mean equal the province's online rate.
     */
    private double[] onlineByProcedure(double target) {
        double offered = 0;
        for (Procedure p : procedures) {
            offered += p.offeredOnline() ? p.weight() : 0;
        }
        double goal = Math.min(target, 0.98 * offered);
        double lo = -30;
        double hi = 30;
        for (int i = 0; i < 100; i++) {
            double mid = (lo + hi) / 2;
            if (meanOnline(mid) < goal) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double offset = (lo + hi) / 2;
        double[] out = new double[procedures.size()];
        for (Procedure p : procedures) {
            out[p.index()] = p.offeredOnline() ? sigmoid(offset + p.onlineDelta()) : 0;
        }
        return out;
    }

    private double meanOnline(double offset) {
        double sum = 0;
        for (Procedure p : procedures) {
            sum += p.offeredOnline() ? p.weight() * sigmoid(offset + p.onlineDelta()) : 0;
        }
        return sum;
    }

    private double onlineShare(double[] online, Predicate<Procedure> denominator) {
        double on = 0;
        double all = 0;
        for (Procedure p : procedures) {
            if (denominator.test(p)) {
                on += p.weight() * online[p.index()];
                all += p.weight();
            }
        }
        return all == 0 ? 0 : on / all;
    }

    /**
     * Probabilities for online and other dossiers whose mixture, with {@code onlineShare} online, equals
     * the target; the in-person one is {@code ratio} times the online one unless that would exceed 1.
     */
    static Mix mix(double target, double onlineShare, double ratio) {
        if (onlineShare <= 0) {
            return new Mix(target, target);
        }
        double on = target / (onlineShare + (1 - onlineShare) * ratio);
        if (on > 0.995) {
            on = 0.995;
        }
        double off = onlineShare >= 1 ? 0 : (target - onlineShare * on) / (1 - onlineShare);
        return new Mix(on, Math.max(0, Math.min(1, off)));
    }

    /** P(paper copy) of an online dossier outside the hotspots, so that all online dossiers reach the target. */
    private double paperBase(double target, double[] online) {
        double all = 0;
        double hot = 0;
        for (Procedure p : procedures) {
            if (!p.paperRequired()) {
                double w = p.weight() * online[p.index()];
                all += w;
                hot += p.paperHotspot() ? w : 0;
            }
        }
        if (all - hot <= 0) {
            return 0;
        }
        double base = (target * all - PAPER_HOTSPOT * hot) / (all - hot);
        return Math.max(0, Math.min(1, base));
    }

    /**
     * Pool sizes (online citizens, in-person citizens, businesses) for the adoption rate: distinct
     * citizens with an online dossier over distinct citizens. Drawing k dossiers uniformly from a pool
     * of N persons yields N(1 − e^(−k/N)) distinct persons in expectation; the in-person pool is set
     * large, the online pool solved so that the expected ratio equals the target.
     */
    private long[] applicantPools(int year, long dossiers, double[] online) {
        double received = dossiers * (1 - REFUSED);
        double kOnline = 0;
        double kOfflineOffered = 0;
        double kOfflineNotOffered = 0;
        double kBusiness = 0;
        for (Procedure p : procedures) {
            double citizen = p.weight() * (1 - p.businessShare());
            double o = online[p.index()];
            kOnline += citizen * o;
            if (p.offeredOnline()) {
                kOfflineOffered += citizen * (1 - o);
            } else {
                kOfflineNotOffered += citizen;
            }
            kBusiness += p.weight() * p.businessShare();
        }
        kOnline *= received;
        double kCivilServants = CIVIL_SERVANT * kOfflineOffered * received;
        double kOffline = ((1 - CIVIL_SERVANT) * kOfflineOffered + kOfflineNotOffered) * received;
        long inPersonPool = Math.max(1, Math.min(People.POOL_CAPACITY, Math.round(IN_PERSON_POOL_FACTOR * kOffline)));
        double distinctOffline = distinct(kOffline, inPersonPool) + distinct(kCivilServants, People.CIVIL_SERVANTS);
        double adoption = trend(ADOPTION, year);
        double wanted = adoption / (1 - adoption) * distinctOffline;
        long onlinePool = onlinePool(kOnline, wanted);
        long businessPool = Math.max(1, Math.round(kBusiness * dossiers / BUSINESS_DOSSIERS_PER_FIRM));
        return new long[]{onlinePool, inPersonPool, businessPool};
    }

    /** Expected distinct persons when {@code draws} dossiers pick uniformly among {@code pool} persons. */
    static double distinct(double draws, double pool) {
        return pool * (1 - StrictMath.exp(-draws / pool));
    }

    private static long onlinePool(double draws, double wanted) {
        if (wanted >= 0.999 * draws) {
            return People.POOL_CAPACITY;
        }
        double lo = 1;
        double hi = People.POOL_CAPACITY;
        for (int i = 0; i < 200; i++) {
            double mid = (lo + hi) / 2;
            if (distinct(draws, mid) < wanted) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return Math.max(1, Math.round((lo + hi) / 2));
    }

    private static double sigmoid(double x) {
        return 1 / (1 + StrictMath.exp(-x));
    }
}
