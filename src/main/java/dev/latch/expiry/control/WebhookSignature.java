package dev.latch.expiry.control;

import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Latch-Signature} header: {@code sha256=} and the hex HMAC-SHA256 of the body's bytes
 * under the webhook key, what {@code openssl dgst -sha256 -mac HMAC} prints for the same key.
 */
public final class WebhookSignature {

    public static final String HEADER = "Latch-Signature";

    private WebhookSignature() {}

    public static String of(byte[] key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
