package vn.hoso.contract;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Replaces ID numbers by {@code hex(HMAC-SHA256(secret, normalise(value)))}, the same function for the
 * dossier feed and civil_servants.csv, so one person has one key however the number was typed. The secret
 * is held as bytes and never printed; a {@link Mac} is made lazily per JVM because it is not serializable.
 */
public final class Pseudonymiser implements Serializable {
    /** Environment variable that holds the secret. */
    public static final String SECRET_ENV = "HOSO_PSEUDONYM_SECRET";
    /** The only secret the demo may use; its name says what it is. */
    public static final String DEMO_SECRET = "DEMO-SECRET-NOT-FOR-PRODUCTION";

    private final byte[] secret;
    private transient Mac mac;

    public Pseudonymiser(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("the pseudonymisation secret is empty: set " + SECRET_ENV);
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** What the fingerprint of the secret is computed over: a fixed label, so it says nothing about any ID. */
    static final String FINGERPRINT_LABEL = "hoso pseudonymisation secret fingerprint v1";

    /** @return the applicant key, or null for an ID that is null or has nothing but spaces and separators */
    public String key(String idNumber) {
        String id = normalise(idNumber);
        return id == null || id.isEmpty() ? null : hmac(id);
    }

    /**
     * The ID as it is keyed: Unicode NFKC (fullwidth digits become ASCII), without whitespace of any kind
     * (no-break spaces included) and the separators people type inside numbers ({@code . - _ /}), upper-cased.
     * This extends the contract's "trimmed upper-cased value": {@code 001234567890}, {@code 0012 3456 7890},
     * {@code 0012.3456.7890} and {@code ００１２３４５６７８９０} are one person.
     */
    public static String normalise(String idNumber) {
        if (idNumber == null) {
            return null;
        }
        String s = Normalizer.normalize(idNumber, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isWhitespace(c) && !Character.isSpaceChar(c) && c != '.' && c != '-' && c != '_' && c != '/') {
                out.append(c);
            }
        }
        return out.toString().toUpperCase(Locale.ROOT);
    }

    /**
     * A keyed fingerprint of the secret, {@code hex(HMAC-SHA256(secret, fixed label))}: two runs used the same
     * secret exactly when their fingerprints are equal, and the secret cannot be recovered from it.
     */
    public String fingerprint() {
        return hmac(FINGERPRINT_LABEL);
    }

    /** {@code hex(HMAC-SHA256(secret, text))} of any text, e.g. to key a marker on the secret. */
    public String hmac(String text) {
        return HexFormat.of().formatHex(mac().doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    private Mac mac() {
        if (mac == null) {
            try {
                mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
            }
        }
        return mac;
    }

    @Override
    public String toString() {
        return "Pseudonymiser[secret hidden]";
    }
}
