package dev.latch.audit.control;

import dev.latch.audit.entity.AuditEvent;
import dev.latch.audit.entity.AuditSeal;
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

/**
 * The hash chain: each event carries a MAC of its fields, and each seal covers its position, its
 * event's MAC and the previous seal's hash.
 */
public final class AuditChain {

    /** The {@code prev_hash} of the first event. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {}

    /**
     * The event that starts the keyed chain: events before it were chained by plain SHA-256 (an
     * older Latch), it and all after by HMAC-SHA256 under the chain key, which no database holds.
     */
    public static final String KEYED_FROM_HERE = "audit.chain_keyed";

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
     * The MAC an event is written with: its fields under the chain key, before it has a place in
     * the chain (the marker for a null previous hash keeps it apart from the older chained events).
     */
    public static String mac(AuditEvent e, byte[] key) {
        return hash(e, null, key);
    }

    /** A seal's hash: its position, the event and its MAC, and the previous seal's hash. */
    public static String seal(long position, AuditEvent e, String prevHash, byte[] key) {
        String canonical =
                String.join("\u001f", "seal", "" + position, "" + e.id(), e.hash(), prevHash);
        return HexFormat.of().formatHex(hmac(key, canonical.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Whether the event carries the MAC of its own fields under the key: what the sealer may seal.
     * Events chained by an older Latch (with a previous hash) are only ever sealed by the
     * migration.
     */
    public static boolean authentic(AuditEvent e, byte[] key) {
        return e.prevHash() == null && mac(e, key).equals(e.hash());
    }

    /**
     * Walks the seals in position order with their events; remembers the last good seal and the
     * first event that breaks the chain. The events an older Latch chained itself come first and
     * are checked the old way; once a sealed event appears, every later one must be sealed.
     */
    public static final class Verifier {
        private final byte[] key;
        private boolean keyed;
        private boolean sealing;
        private String expectedPrev = GENESIS;
        private long expectedPosition = 1;
        private long checked;
        private Long firstBadId;
        private AuditSeal last;

        /** Events from {@link #KEYED_FROM_HERE} on, and every sealed event, under {@code key}. */
        public Verifier(byte[] key) {
            this.key = key;
        }

        /**
         * The seals after an archived part, continuing from the checkpoint its last seal was named
         * in; checkpoints exist only on a keyed chain.
         */
        public Verifier(byte[] key, AuditCheckpoint anchor) {
            this(key);
            this.keyed = true;
            this.expectedPrev = anchor.hash();
            this.expectedPosition = anchor.count() + 1;
        }

        /** From the anchor when events were archived, else from the first seal. */
        public static Verifier from(byte[] key, Optional<AuditCheckpoint> anchor) {
            return anchor.map(a -> new Verifier(key, a)).orElseGet(() -> new Verifier(key));
        }

        /** The next seal, and its event: null when the event is gone. */
        public void accept(AuditSeal s, AuditEvent e) {
            if (firstBadId != null) {
                return;
            }
            checked++;
            if (!(s.position() == expectedPosition
                    && expectedPrev.equals(s.prevHash())
                    && e != null
                    && e.id() == s.eventId()
                    && (e.prevHash() == null ? sealed(s, e) : chainedTheOldWay(s, e)))) {
                firstBadId = s.eventId();
            }
            expectedPrev = s.hash();
            expectedPosition = s.position() + 1;
            last = s;
        }

        private boolean sealed(AuditSeal s, AuditEvent e) {
            sealing = true;
            return authentic(e, key) && seal(s.position(), e, s.prevHash(), key).equals(s.hash());
        }

        private boolean chainedTheOldWay(AuditSeal s, AuditEvent e) {
            keyed |= KEYED_FROM_HERE.equals(e.action());
            return !sealing
                    && e.prevHash().equals(s.prevHash())
                    && e.hash().equals(s.hash())
                    && hash(e, e.prevHash(), keyed ? key : null).equals(e.hash());
        }

        /** The last seal checked, the head a checkpoint names. */
        public AuditSeal last() {
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
