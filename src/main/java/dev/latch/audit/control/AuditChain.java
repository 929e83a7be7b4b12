package dev.latch.audit.control;

import dev.latch.audit.entity.AuditEvent;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The hash chain: each event's hash covers its fields and the previous event's hash. */
public final class AuditChain {

    /** The {@code prev_hash} of the first event. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {}

    /**
     * The event that starts the keyed chain: events before it were chained by plain SHA-256 (an
     * older Latch), it and all after by HMAC-SHA256 under the chain key, which no database holds.
     */
    public static final String KEYED_FROM_HERE = "audit.chain_keyed";

    /** Plain SHA-256, for the events written before the chain was keyed. */
    public static String hash(AuditEvent e, String prevHash) {
        return hash(e, prevHash, null);
    }

    /** HMAC-SHA256 under {@code key}, or plain SHA-256 when there is none. */
    public static String hash(AuditEvent e, String prevHash, byte[] key) {
        // unit separator between fields and an explicit marker for null, so no two rows encode
        // alike
        String canonical =
                Stream.of(
                                e.id(),
                                ChronoUnit.MICROS.between(Instant.EPOCH, e.at()),
                                e.actor(),
                                e.actorTokenId(),
                                e.action(),
                                e.target(),
                                e.outcome(),
                                e.status(),
                                e.code(),
                                e.sourceIp(),
                                e.userAgent(),
                                e.requestId(),
                                e.detail(),
                                prevHash)
                        .map(field -> field == null ? "\u2400" : Objects.toString(field))
                        .collect(Collectors.joining("\u001f"));
        byte[] bytes = canonical.getBytes(StandardCharsets.UTF_8);
        return HexFormat.of().formatHex(key == null ? sha256(bytes) : hmac(key, bytes));
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    static byte[] hmac(byte[] key, byte[] bytes) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has HmacSHA256", e);
        }
    }

    /**
     * Walks events in id order; remembers the last good hash and the first event that breaks the
     * chain.
     */
    public static final class Verifier {
        private final byte[] key;
        private boolean keyed;
        private String expectedPrev = GENESIS;
        private long checked;
        private Long firstBadId;
        private AuditEvent last;

        /** Without a key: the unkeyed chain only (tests of the chain's shape). */
        public Verifier() {
            this(null);
        }

        /** Events from {@link #KEYED_FROM_HERE} on are checked under {@code key}. */
        public Verifier(byte[] key) {
            this.key = key;
        }

        /**
         * The events after an archived part, continuing from the checkpoint its last event was
         * sealed in; checkpoints exist only on a keyed chain.
         */
        public Verifier(byte[] key, AuditCheckpoint anchor) {
            this(key);
            this.keyed = true;
            this.expectedPrev = anchor.hash();
        }

        /** From the anchor when events were archived, else from the first event. */
        public static Verifier from(byte[] key, Optional<AuditCheckpoint> anchor) {
            return anchor.map(a -> new Verifier(key, a)).orElseGet(() -> new Verifier(key));
        }

        public void accept(AuditEvent e) {
            if (firstBadId != null) {
                return;
            }
            checked++;
            keyed |= key != null && KEYED_FROM_HERE.equals(e.action());
            String expected = hash(e, e.prevHash(), keyed ? key : null);
            if (!expectedPrev.equals(e.prevHash()) || !expected.equals(e.hash())) {
                firstBadId = e.id();
            }
            expectedPrev = e.hash();
            last = e;
        }

        /** The last event checked, the head a checkpoint names. */
        public AuditEvent last() {
            return last;
        }

        public boolean ok() {
            return firstBadId == null;
        }

        public long checked() {
            return checked;
        }

        public Long firstBadId() {
            return firstBadId;
        }
    }
}
