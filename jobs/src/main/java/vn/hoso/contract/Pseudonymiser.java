package vn.hoso.contract;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Replaces ID numbers by {@code hex(HMAC-SHA256(secret, trimmed upper-cased value))}. The secret is
 * held as bytes and never printed; a {@link Mac} is made lazily per JVM because it is not serializable.
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

    /** @return the applicant key, or null for a null or blank ID */
    public String key(String idNumber) {
        if (idNumber == null || idNumber.isBlank()) {
            return null;
        }
        byte[] digest = mac().doFinal(idNumber.trim().toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest);
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
