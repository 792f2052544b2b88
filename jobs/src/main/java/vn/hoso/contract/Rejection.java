package vn.hoso.contract;

/** A record that breaks the contract: the reason code and a message naming the field and value. */
public final class Rejection extends Exception {
    private final QuarantineReason code;

    public Rejection(QuarantineReason code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public QuarantineReason code() {
        return code;
    }
}
