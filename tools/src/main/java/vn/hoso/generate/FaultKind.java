package vn.hoso.generate;

import vn.hoso.contract.QuarantineReason;

import java.util.Locale;

/** A kind of faulty line the generator injects, and the quarantine reason the ingest must give it. */
enum FaultKind {
    TRUNCATED_JSON(Feed.DOSSIERS, QuarantineReason.MALFORMED),
    MISSING_MA_HO_SO(Feed.DOSSIERS, QuarantineReason.MISSING_FIELD),
    MISSING_TRANG_THAI_HO_SO(Feed.DOSSIERS, QuarantineReason.MISSING_FIELD),
    MISSING_DON_VI_XU_LY(Feed.DOSSIERS, QuarantineReason.MISSING_FIELD),
    MISSING_MA_TTHC(Feed.DOSSIERS, QuarantineReason.MISSING_FIELD),
    MISSING_THOI_DIEM_DONG_BO(Feed.DOSSIERS, QuarantineReason.MISSING_FIELD),
    BAD_MA_TTHC(Feed.DOSSIERS, QuarantineReason.BAD_PATTERN),
    UNKNOWN_STATUS(Feed.DOSSIERS, QuarantineReason.BAD_ENUM),
    UNKNOWN_CHANNEL(Feed.DOSSIERS, QuarantineReason.BAD_ENUM),
    TEXT_IN_STATUS(Feed.DOSSIERS, QuarantineReason.BAD_TYPE),
    UNPARSEABLE_TIMESTAMP(Feed.DOSSIERS, QuarantineReason.BAD_TIMESTAMP),
    FINISHED_BEFORE_RECEIVED(Feed.DOSSIERS, QuarantineReason.FINISHED_BEFORE_RECEIVED),
    SYNCED_AFTER_EXPORT(Feed.DOSSIERS, QuarantineReason.FUTURE_TIMESTAMP),
    INVALID_UTF8_IN_NAME(Feed.DOSSIERS, QuarantineReason.INVALID_UTF8),
    RATING_UNKNOWN_LEVEL(Feed.RATINGS, QuarantineReason.BAD_ENUM),
    RATING_UNPARSEABLE_TIMESTAMP(Feed.RATINGS, QuarantineReason.BAD_TIMESTAMP);

    final Feed feed;
    final QuarantineReason expected;

    FaultKind(Feed feed, QuarantineReason expected) {
        this.feed = feed;
        this.expected = expected;
    }

    /** The name in faults.csv and summary.json. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
