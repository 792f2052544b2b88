package vn.hoso.pipeline;

/** How a run chose its export dates. */
public enum RunMode {
    /** One export date: the night's. */
    NIGHTLY,
    /** A range of export dates in one pass. */
    BACKFILL,
    /** Every export date in the landing zone, into an emptied warehouse. */
    FULL;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
