package dev.latch.audit.control;

import dev.latch.audit.entity.PublishedCheckpoint;
import dev.latch.platform.control.LatchException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The head of the log at one moment (how many events, the last id and its hash), sealed with the
 * chain key's HMAC. A client keeps one and presents it later: a log truncated or rewritten behind
 * it no longer holds that head, and nobody without the key can seal a false one.
 */
public record AuditCheckpoint(long count, long lastId, String hash) {

    private static final Pattern PLAIN =
            Pattern.compile("(\\d{1,18})\\.(\\d{1,18})\\.([0-9a-f]{64})");

    public static AuditCheckpoint of(PublishedCheckpoint published) {
        return new AuditCheckpoint(published.eventCount(), published.lastId(), published.hash());
    }

    public String seal(byte[] key) {
        String plain = count + "." + lastId + "." + hash;
        return base64(plain.getBytes(StandardCharsets.US_ASCII))
                + "."
                + base64(AuditChain.hmac(key, plain.getBytes(StandardCharsets.US_ASCII)));
    }

    /** A checkpoint this server sealed, or 400: a client's typo is not evidence of tampering. */
    public static AuditCheckpoint open(String sealed, byte[] key) {
        try {
            String[] parts = sealed.split("\\.", -1);
            byte[] plain = Base64.getUrlDecoder().decode(parts[0]);
            byte[] seal = Base64.getUrlDecoder().decode(parts[1]);
            Matcher m = PLAIN.matcher(new String(plain, StandardCharsets.US_ASCII));
            if (parts.length == 2
                    && MessageDigest.isEqual(seal, AuditChain.hmac(key, plain))
                    && m.matches()) {
                return new AuditCheckpoint(
                        Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), m.group(3));
            }
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            // falls through to the refusal
        }
        throw LatchException.invalidArgument("checkpoint is not one this server sealed");
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
