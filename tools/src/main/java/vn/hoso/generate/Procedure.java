package vn.hoso.generate;

import java.time.LocalDate;

/**
 * One administrative procedure (thủ tục hành chính) of the catalogue and what drives its dossiers.
 *
 * @param index          position in the catalogue, for per-procedure arrays
 * @param level          service level on {@link Catalogue#COUNT_DATE}
 * @param upgradedOn     when set, the procedure was MOT_PHAN before this date and TOAN_TRINH from it (two rows)
 * @param fee            fee in VND, per page when {@code feePerPage}; 0 = free
 * @param weight         share of all dossiers (the weights of the catalogue sum to 1)
 * @param onlineDelta    log-odds of filing online relative to the province's yearly level
 * @param businessShare  probability that a dossier's applicant is a business
 * @param paperHotspot   online dossiers often come with a parallel paper copy
 */
record Procedure(int index, String code, String name, Sector sector, Cap cap, Level level, LocalDate upgradedOn,
                 boolean eligible, boolean paperRequired, long fee, boolean feePerPage, boolean paperResult, int days,
                 LocalDate reengineered, double weight, double onlineDelta, double businessShare,
                 boolean paperHotspot) {

    /** CapThucHien. */
    enum Cap { TINH, HUYEN, XA }

    /** MucDoDVC. */
    enum Level { TOAN_TRINH, MOT_PHAN, KHONG }

    boolean offeredOnline() {
        return level != Level.KHONG;
    }

    /**
     * ChoCongDan (CONTRACT.md, Decision 766 indicator 4.5a): the procedure's applicants include citizens, i.e.
     * not only businesses file it.
     */
    boolean forCitizens() {
        return businessShare < 1;
    }

    boolean hasFee() {
        return fee > 0;
    }
}
