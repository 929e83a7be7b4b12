package dev.latch.audit.control;

import dev.latch.audit.entity.AuditEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The hash chain: each event's hash covers its fields and the previous event's hash. */
public final class AuditChain {

    /** The {@code prev_hash} of the first event. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {}

    public static String hash(AuditEvent e, String prevHash) {
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
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of()
                    .formatHex(sha256.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e1) {
            throw new IllegalStateException("every Java platform has SHA-256", e1);
        }
    }

    /**
     * Walks events in id order; remembers the last good hash and the first event that breaks the
     * chain.
     */
    public static final class Verifier {
        private String expectedPrev = GENESIS;
        private long checked;
        private Long firstBadId;

        public void accept(AuditEvent e) {
            if (firstBadId != null) {
                return;
            }
            checked++;
            if (!expectedPrev.equals(e.prevHash()) || !hash(e, e.prevHash()).equals(e.hash())) {
                firstBadId = e.id();
            }
            expectedPrev = e.hash();
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
