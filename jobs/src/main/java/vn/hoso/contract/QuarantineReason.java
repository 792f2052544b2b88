package vn.hoso.contract;

/**
 * Why a landing record was quarantined. The code is stored in {@code quarantine.reason_code};
 * the human message in {@code quarantine.reason} names the field and the bad value (masked).
 */
public enum QuarantineReason {
    /** The bytes of the line are not valid UTF-8. */
    INVALID_UTF8,
    /** The line is not a JSON object, or a CSV row cannot be split into the header's columns. */
    MALFORMED,
    /**
     * A JSON object names the same key twice, or a catalogue file of the Decision 766 index (holidays.csv,
     * qd766_manual.csv, qd766_portal.csv) gives one key twice with different values: which value counts would
     * be a guess, so every such row is quarantined.
     */
    DUPLICATE_KEY,
    /** The line is longer than the line limit ({@code max_line_bytes}); it is skipped unread. */
    LINE_TOO_LONG,
    /** A CSV quote is not closed within the limits of a quoted field; the lines after it are read again. */
    UNTERMINATED_QUOTE,
    /** A gzip file is empty, truncated or not gzip: one row at the line where it breaks. */
    BROKEN_FILE,
    /** A required field is absent, null or empty. */
    MISSING_FIELD,
    /** A field has the wrong JSON type (e.g. text where a number is required). */
    BAD_TYPE,
    /** An enumerated field holds a value outside the contract. */
    BAD_ENUM,
    /** A timestamp or date is in neither accepted format. */
    BAD_TIMESTAMP,
    /** An integer outside the 32-bit range, a number that is not finite or negative, a year outside 1900..2100. */
    OUT_OF_RANGE,
    /** A code does not match its pattern (MaTTHC). */
    BAD_PATTERN,
    /** NgayKetThucXuLy is before NgayTiepNhan. */
    FINISHED_BEFORE_RECEIVED,
    /** The date of NgayHenTra is before the date of NgayTiepNhan (Vietnam time; the same day is valid). */
    DUE_BEFORE_RECEIVED,
    /** An event timestamp is more than a day after the run date. */
    FUTURE_TIMESTAMP
}
