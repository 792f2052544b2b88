package vn.hoso.quality;

/** The gate found an ERROR: the run stops before the marts and the publish. Exit code 3. */
public final class QualityFailure extends RuntimeException {
    private final QualityGate.Verdict verdict;

    public QualityFailure(QualityGate.Verdict verdict) {
        super("the data-quality gate failed: nothing was published\n" + verdict.summary().stripTrailing());
        this.verdict = verdict;
    }

    public QualityGate.Verdict verdict() {
        return verdict;
    }
}
