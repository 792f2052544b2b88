package vn.hoso.generate;

/**
 * The full state of one dossier as the source system holds it; every snapshot writes all of it. Times
 * are {@link Times} local seconds, {@link Times#NONE} when unset.
 */
final class Dossier {
    static final int MAX_SUPPLEMENTS = 3;

    String id;
    Procedure procedure;
    Unit unit;
    int channel;
    /** NoiNopHoSo, 0 for null. */
    int place;
    People.Applicant applicant;
    Times.Style style;
    int digitisedFlag;
    /** Per submitted document, bits {@link #DIGITISED}, {@link #REUSED}, {@link #FROM_NATIONAL_STORE}. */
    int[] documents;
    long feeTotal;
    /** A fee-exempt dossier of a fee procedure whose DanhSachLePhi lists the fee at Gia 0 (Decision 766, 3.6). */
    boolean zeroFeeListed;
    boolean vneid;
    int payment;

    int status;
    long submitted = Times.NONE;
    long received = Times.NONE;
    long due = Times.NONE;
    long finished = Times.NONE;
    long returned = Times.NONE;
    long refused = Times.NONE;
    long paper = Times.NONE;
    final long[] supplementRequested = new long[MAX_SUPPLEMENTS];
    final long[] supplementReceived = new long[MAX_SUPPLEMENTS];
    int supplements;
    /** Null while there is no result; empty for a paper-only result. */
    String resultLink;

    static final int DIGITISED = 1;
    static final int REUSED = 2;
    static final int FROM_NATIONAL_STORE = 4;

    boolean isOnline() {
        return channel == 2;
    }
}
