package vn.hoso.ingest;

import vn.hoso.config.UserError;
import vn.hoso.contract.Pseudonymiser;
import vn.hoso.io.TableStore;

import java.util.Optional;

/**
 * Keeps a keyed fingerprint of the pseudonymisation secret under the warehouse's {@code ops/} folder (never
 * the secret), so that a run with another secret cannot silently mix two sets of applicant keys: with a
 * different secret the same person gets another key, and civil servants and repeat applicants stop matching.
 */
public final class SecretFingerprint {
    /** ops/ marker: hex(HMAC-SHA256(secret, fixed label)) of the secret the warehouse's keys were made with. */
    public static final String MARKER = "secret.fingerprint";

    private SecretFingerprint() {
    }

    /**
     * Stops a run whose secret is not the one the warehouse was built with, unless it is a full rebuild (which
     * remakes every key, and then records the new fingerprint). A warehouse without a fingerprint gets one.
     */
    public static void check(TableStore store, Pseudonymiser pseudonymiser, boolean fullRebuild) {
        String fingerprint = pseudonymiser.fingerprint();
        Optional<String> stored = store.markerText(MARKER).map(String::trim);
        if (!fullRebuild && stored.isPresent() && !stored.get().equals(fingerprint)) {
            throw new UserError("the pseudonymisation secret is not the one the warehouse " + store.root()
                    + " was built with (its applicant keys would no longer match): set " + Pseudonymiser.SECRET_ENV
                    + " to that secret, or rebuild every key with a full run (`hoso run --full`)");
        }
        if (stored.isEmpty() || !stored.get().equals(fingerprint)) {
            store.swapMarker(MARKER, fingerprint);
        }
    }
}
