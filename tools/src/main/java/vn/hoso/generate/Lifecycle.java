package vn.hoso.generate;

import vn.hoso.generate.Calibration.Year;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import static vn.hoso.generate.Times.DAY;
import static vn.hoso.generate.Times.HOUR;
import static vn.hoso.generate.Times.MINUTE;
import static vn.hoso.generate.Times.NONE;

/**
 * The life of a dossier, from submission to the result handed over, one full snapshot per change:
 * submitted (1, online only) → received (2) → sometimes awaiting payment (6) → processing (4) →
 * sometimes awaiting a supplement (5) and back → processed (9) → result returned (10); or refused (3),
 * withdrawn (7), stopped (8). Then perhaps a rating and a feedback. Nothing after the horizon (the last
 * export day) is written, so dossiers submitted near the end stay open.
 */
final class Lifecycle {
    static final double WITHDRAWN = 0.008;
    static final double NO_REPLY_TO_SUPPLEMENT = 0.12;
    static final double RATED = 0.6;
    static final double RATED_AGAIN = 0.02;
    static final double FEEDBACK = 0.005;
    static final double FEEDBACK_WITHOUT_DOSSIER = 0.001;
    /** Online dossiers paid only once received, passing through status 6. */
    static final double PAID_AFTER_RECEPTION = 0.2;
    /** Chance of a first, second and third supplement request; land, construction and investment ask more. */
    private static final double[] SUPPLEMENT = {0.06, 0.15, 0.05};
    private static final double FIRST_SUPPLEMENT_LCI = 0.18;

    /** A dossier as drawn for a day, before its life is simulated. */
    record Submission(Procedure procedure, int channel, long at) {
    }

    private final Catalogue catalogue;
    private final Units units;
    private final People people;
    private final Calibration calibration;
    private final Exporter out;
    private final long horizon;
    private final Map<String, Integer> dailySequence = new HashMap<>();
    private long feedbackCount;
    private long lastSync;
    private long pendingPaper;
    /**
     * Draws for the fields only the Decision 766 index reads, apart from the dossier stream so that adding them
     * left every dossier of a seed (and the METRICS.md calibration) as it was.
     */
    private final SplittableRandom index766;
    /** "unit|procedure" of every received dossier (the unit as it was on reception), for unit_procedures.csv. */
    private final java.util.Set<String> pairs = new java.util.HashSet<>();
    /** Share of fee-exempt dossiers of fee procedures whose fee list names the fee at Gia 0 (the rest list none). */
    static final double ZERO_FEE_LISTED = 0.75;

    /** @param horizon the last moment that may be exported (end of the last export day) */
    Lifecycle(Catalogue catalogue, Units units, People people, Calibration calibration, Exporter out, long horizon,
              SplittableRandom index766) {
        this.index766 = index766;
        this.catalogue = catalogue;
        this.units = units;
        this.people = people;
        this.calibration = calibration;
        this.out = out;
        this.horizon = horizon;
    }

    /** The day's dossiers in order of submission: procedure, channel and time of day. */
    List<Submission> submissions(long day, int count, SplittableRandom rng) {
        dailySequence.clear();
        Year year = calibration.year(LocalDate.ofEpochDay(day).getYear());
        List<Submission> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Procedure p = catalogue.pick(rng);
            boolean online = rng.nextDouble() < year.online()[p.index()];
            int channel = online ? 2 : rng.nextDouble() < Calibration.POSTAL ? 3 : 1;
            out.add(new Submission(p, channel, online ? onlineTime(day, rng) : Times.officeTime(day, rng)));
        }
        out.sort(Comparator.comparingLong(Submission::at));
        return out;
    }

    /** The (unit, procedure) pairs of the received dossiers so far, as "unit|procedure". */
    java.util.Set<String> pairs() {
        return pairs;
    }

    void run(Submission s, SplittableRandom rng) {
        Procedure p = s.procedure();
        Year year = calibration.year(Times.date(s.at()).getYear());
        boolean online = s.channel() == 2;
        Unit first = units.handler(p, Times.date(s.at()), rng);
        Dossier d = new Dossier();
        d.id = first.code() + "-" + Times.shortDate(s.at()) + "-"
                + Text.zeroPad(dailySequence.merge(first.code(), 1, Integer::sum), 4);
        d.procedure = p;
        d.unit = first;
        d.channel = s.channel();
        d.place = online ? 1 + Draws.weighted(rng, year.place()) : 0;
        d.applicant = applicant(p, online, year, rng);
        d.style = style(rng);
        documents(d, rng.nextDouble() < year.digitised().of(online), rng.nextDouble() < year.reused().of(online), rng);
        d.feeTotal = fee(p, rng);
        d.zeroFeeListed = p.hasFee() && d.feeTotal == 0 && index766.nextDouble() < ZERO_FEE_LISTED;
        boolean paysOnline = d.feeTotal > 0 && rng.nextDouble() < year.payment().of(online);
        int payment = paysOnline ? (online && rng.nextDouble() < 0.6 ? 1 : 2) : 0;
        d.vneid = online && rng.nextDouble() < (d.applicant.type() == 1 ? year.vneid() : 0.3 * year.vneid());
        boolean paper = online && rng.nextDouble() < (p.paperRequired() ? Calibration.PAPER_WHEN_REQUIRED
                : p.paperHotspot() ? Calibration.PAPER_HOTSPOT : year.paperBase());
        boolean electronicResult = rng.nextDouble() < (p.paperResult() ? year.eResult().of(online) : 0.95);
        boolean refused = rng.nextDouble() < Calibration.REFUSED;
        boolean late = rng.nextDouble() < year.late() * (p.sector().isLandConstructionInvestment() ? 2 : 1);
        boolean paysLater = paysOnline && online && rng.nextDouble() < PAID_AFTER_RECEPTION;
        long received = online ? reception(s.at(), rng) : s.at() + 2 * MINUTE + rng.nextInt(13 * MINUTE);
        pendingPaper = paper ? Times.officeMomentBetween(received, Times.day(Times.addWorkingDays(received, 2)), rng) : NONE;
        lastSync = NONE;

        d.submitted = s.at();
        if (online) {
            d.status = 1;
            d.payment = paysOnline && !paysLater ? payment : 0;
            if (!emit(d, s.at(), rng)) {
                return;
            }
        }
        if (refused) {
            d.status = 3;
            d.refused = received;
            emit(d, received, rng);
            return;
        }
        long last = process(d, received, payment, paysLater, late, electronicResult, rng);
        if (last != NONE && d.status == 10) {
            rate(d, last, year, rng);
        }
        if (rng.nextDouble() < FEEDBACK) {
            long end = last == NONE ? horizon : last;
            feedback(d, d.id, received, end + 5L * DAY, rng);
        }
        if (rng.nextDouble() < FEEDBACK_WITHOUT_DOSSIER) {
            feedback(d, "", s.at(), s.at() + 10L * DAY, rng);
        }
    }

    /** From reception to the result; returns the time of the last event written, NONE if cut by the horizon. */
    private long process(Dossier d, long received, int payment, boolean paysLater, boolean late,
                         boolean electronicResult, SplittableRandom rng) {
        Procedure p = d.procedure;
        boolean online = d.isOnline();
        d.unit = units.onDate(d.unit, Times.date(received));
        d.status = 2;
        d.received = received;
        d.due = Times.addWorkingDays(received, p.days());
        if (!online) {
            d.payment = payment;
        }
        if (!emit(d, received, rng)) {
            return NONE;
        }
        pairs.add(d.unit.code() + "|" + p.code());
        long t = received;
        if (paysLater) {
            t += 5 * MINUTE + rng.nextInt(2 * HOUR);
            d.status = 6;
            if (!emit(d, t, rng)) {
                return NONE;
            }
            t = Times.officeMomentBetween(t, Times.day(t) + 1, rng);
            d.payment = payment;
            d.status = 4;
            if (!emit(d, t, rng)) {
                return NONE;
            }
        } else if (online || p.days() > 1) {
            t += 5 * MINUTE + rng.nextInt(2 * HOUR);
            d.status = 4;
            if (!emit(d, t, rng)) {
                return NONE;
            }
        }
        if (rng.nextDouble() < WITHDRAWN) {
            t = Times.officeMomentBetween(t, Times.day(d.due), rng);
            d.status = 7;
            d.finished = t;
            return emit(d, t, rng) ? t : NONE;
        }
        boolean lci = p.sector().isLandConstructionInvestment();
        for (int k = 0; k < Dossier.MAX_SUPPLEMENTS; k++) {
            double chance = k == 0 && lci ? FIRST_SUPPLEMENT_LCI : SUPPLEMENT[k];
            if (rng.nextDouble() >= chance) {
                break;
            }
            long asked = Times.officeMomentBetween(t, (Times.day(t) + Times.day(d.due)) / 2, rng);
            d.supplementRequested[k] = asked;
            d.supplementReceived[k] = NONE;
            d.supplements = k + 1;
            d.status = 5;
            if (!emit(d, asked, rng)) {
                return NONE;
            }
            if (rng.nextDouble() < NO_REPLY_TO_SUPPLEMENT) {
                long stopped = Times.officeMomentBetween(asked + 30L * DAY, Times.day(asked) + 60, rng);
                d.status = 8;
                d.finished = stopped;
                return emit(d, stopped, rng) ? stopped : NONE;
            }
            long back = Times.officeMomentBetween(asked, Times.day(Times.addWorkingDays(asked, 1 + rng.nextInt(10))), rng);
            d.supplementReceived[k] = back;
            d.status = 4;
            // The source system restarts the legal time limit when the supplement comes in.
            d.due = Times.addWorkingDays(back, p.days());
            if (!emit(d, back, rng)) {
                return NONE;
            }
            t = back;
        }
        boolean atTheDesk = !online && p.days() <= 1 && d.supplements == 0 && !late;
        long done;
        if (atTheDesk) {
            done = t + 10 * MINUTE + rng.nextInt(50 * MINUTE);
        } else if (late) {
            long afterDue = (Times.day(d.due) + 1) * DAY;
            done = Times.officeMomentBetween(afterDue, Times.day(Times.addWorkingDays(d.due, 1 + rng.nextInt(10))), rng);
        } else {
            long span = Times.day(d.due) - Times.day(t);
            done = Times.officeMomentBetween(t, Times.day(t) + Math.round(span * rng.nextDouble()), rng);
        }
        d.status = 9;
        d.finished = done;
        d.resultLink = electronicResult ? SnapshotJson.RESULT_LINK_PREFIX + d.id + ".pdf" : "";
        if (pendingPaper != NONE && d.paper == NONE) {
            d.paper = Math.min(pendingPaper, done);
        }
        if (!emit(d, done, rng)) {
            return NONE;
        }
        long handed = atTheDesk ? done + 5 * MINUTE + rng.nextInt(25 * MINUTE)
                : online && electronicResult ? done + 10 * MINUTE + rng.nextInt(4 * HOUR)
                : Times.officeMomentBetween(done, Times.day(Times.addWorkingDays(done, 3)), rng);
        d.status = 10;
        d.returned = handed;
        return emit(d, handed, rng) ? handed : NONE;
    }

    /** Writes the dossier's state as synced a few minutes after {@code event}; false once past the horizon. */
    private boolean emit(Dossier d, long event, SplittableRandom rng) {
        if (pendingPaper != NONE && d.paper == NONE && pendingPaper <= event) {
            d.paper = pendingPaper;
        }
        long synced = Math.max(event + MINUTE + rng.nextInt(19 * MINUTE), lastSync + 1);
        if (synced > horizon) {
            return false;
        }
        out.snapshot(d, synced);
        lastSync = synced;
        return true;
    }

    private void rate(Dossier d, long returned, Year year, SplittableRandom rng) {
        if (rng.nextDouble() >= RATED) {
            return;
        }
        boolean late = d.supplements > 1 || Times.day(d.finished) > Times.day(d.due);
        double unsatisfied = (d.procedure.sector().isLandConstructionInvestment() ? year.unsatisfiedLci()
                : year.unsatisfied()) * (late ? 2 : 1);
        long at = returned + 10 * MINUTE + rng.nextLong(5L * DAY);
        int times = rng.nextDouble() < RATED_AGAIN ? 2 : 1;
        for (int i = 0; i < times && at <= horizon; i++) {
            int level = rng.nextDouble() < unsatisfied ? 1 : rng.nextDouble() < 0.6 ? 3 : 2;
            out.rating(d, at, level);
            at += DAY + rng.nextLong(9L * DAY);
        }
    }

    /** A feedback (PAKN) received between {@code from} and {@code to}, exported again once answered. */
    private void feedback(Dossier d, String dossierId, long from, long to, SplittableRandom rng) {
        long at = from + (long) (rng.nextDouble() * Math.max(1, to - from));
        if (at > horizon) {
            return;
        }
        String code = String.format(Locale.ROOT, "PAKN-52-%s-%05d", Times.shortDate(at), ++feedbackCount);
        String received = Times.format(at, d.style);
        String deadline = Times.format(Times.addWorkingDays(at, 10), d.style);
        String unit = d.unit.code();
        out.feedback(new String[]{code, dossierId, unit, received, deadline, "", "0", ""}, at);
        if (rng.nextDouble() < 0.8) {
            long endOfDay = (Times.day(at) + 1) * DAY;
            long answered = Times.officeMomentBetween(endOfDay,
                    Times.day(Times.addWorkingDays(at, 1 + rng.nextInt(12))), rng);
            String published = rng.nextDouble() < 0.85 ? "1" : "0";
            double v = rng.nextDouble();
            String verdict = v < 0.7 ? "1" : v < 0.9 ? "0" : "";
            if (answered <= horizon) {
                out.feedback(new String[]{code, dossierId, unit, received, deadline,
                        Times.format(answered, d.style), published, verdict}, answered);
            }
        }
    }

    private People.Applicant applicant(Procedure p, boolean online, Year year, SplittableRandom rng) {
        if (rng.nextDouble() < p.businessShare()) {
            return people.business(rng.nextLong(year.businessPool()));
        }
        if (online) {
            return people.citizen(People.ONLINE_POOL + rng.nextLong(year.onlinePool()));
        }
        if (p.offeredOnline() && rng.nextDouble() < Calibration.CIVIL_SERVANT) {
            return people.citizen(People.CIVIL_SERVANT_POOL + rng.nextInt(People.CIVIL_SERVANTS));
        }
        return people.citizen(People.IN_PERSON_POOL + rng.nextLong(year.inPersonPool()));
    }

    /** Most systems write the portal's format; some ISO-8601, with or without the offset. */
    private static Times.Style style(SplittableRandom rng) {
        double u = rng.nextDouble();
        return u < 0.90 ? Times.Style.PORTAL : u < 0.96 ? Times.Style.ISO_LOCAL : Times.Style.ISO_OFFSET;
    }

    private static void documents(Dossier d, boolean digitised, boolean reused, SplittableRandom rng) {
        int[] docs = new int[1 + rng.nextInt(4)];
        if (digitised) {
            d.digitisedFlag = rng.nextDouble() < 0.85 ? 1 : 0;
            for (int i = 0; i < docs.length; i++) {
                docs[i] |= rng.nextDouble() < 0.8 ? Dossier.DIGITISED : 0;
            }
            if (d.digitisedFlag == 0) {
                docs[0] |= Dossier.DIGITISED;
            }
        }
        if (reused) {
            double u = rng.nextDouble();
            docs[rng.nextInt(docs.length)] |= u < 0.55 ? Dossier.REUSED
                    : u < 0.9 ? Dossier.FROM_NATIONAL_STORE : Dossier.REUSED | Dossier.FROM_NATIONAL_STORE;
        }
        d.documents = docs;
    }

    private static long fee(Procedure p, SplittableRandom rng) {
        if (!p.hasFee() || rng.nextDouble() < Calibration.FEE_EXEMPT) {
            return 0;
        }
        return p.feePerPage() ? p.fee() * (1 + rng.nextInt(10)) : p.fee();
    }

    /** Staff receive online dossiers in office hours, mostly the same day, else within two working days. */
    private static long reception(long submitted, SplittableRandom rng) {
        long start = Times.nextOfficeMoment(submitted);
        long lastDay = rng.nextDouble() < 0.7 ? Times.day(start) : Times.day(Times.addWorkingDays(start, 2));
        return Times.officeMomentBetween(start, lastDay, rng);
    }

    /** Online filing peaks in office hours but goes on in the evening and, a little, at night. */
    private static long onlineTime(long day, SplittableRandom rng) {
        double u = rng.nextDouble();
        if (u < 0.65) {
            return Times.isWorkingDay(day) ? Times.officeTime(day, rng) : day * DAY + 7 * HOUR + rng.nextInt(15 * HOUR);
        }
        if (u < 0.95) {
            return day * DAY + 17 * HOUR + rng.nextInt(11 * HOUR / 2);
        }
        int night = rng.nextInt(9 * HOUR);
        return day * DAY + (night < 3 * HOUR / 2 ? 22 * HOUR + HOUR / 2 + night : night - 3 * HOUR / 2);
    }
}
