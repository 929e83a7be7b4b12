package dev.latch.audit.control;

import dev.latch.audit.entity.AuditEvent;
import dev.latch.audit.entity.Outcome;
import dev.latch.platform.control.RequestInfo;
import dev.latch.security.control.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Writes events, each with the MAC of its fields and without any lock shared across requests: the
 * sealer gives them their place in the chain afterwards.
 */
@ApplicationScoped
public class AuditTrail {

    /** The shapes of Latch's secrets (prefix, body and check) and of JWTs, in any case. */
    private static final Pattern OPAQUE_SECRET =
            Pattern.compile("(?i)\\b(lop|lsk|ljn|lnd)_[0-9a-z]{49}");

    private static final Pattern JWT =
            Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*");

    /** What happened, by whom; the trail adds the time and the chain. */
    public record Entry(
            String actor,
            UUID actorTokenId,
            String action,
            String target,
            int status,
            String code,
            RequestInfo request,
            String detail) {

        /** By the caller, when there is one. */
        public Entry(
                Optional<Caller> caller,
                String action,
                String target,
                int status,
                String code,
                RequestInfo request,
                String detail) {
            this(
                    caller.map(Caller::identity).orElse(null),
                    caller.map(Caller::tokenId).orElse(null),
                    action,
                    target,
                    status,
                    code,
                    request,
                    detail);
        }
    }

    /** The answer of {@code GET /api/v1/audit/verify}. */
    public record Verification(
            boolean ok,
            long checked,
            Long firstBadId,
            String checkpoint,
            Boolean checkpointOk,
            Boolean publishedCheckpointOk,
            long archived,
            long unsealed,
            String problem) {}

    @PersistenceContext EntityManager em;

    @Inject Clock clock;

    @Inject AuditChainKey chainKey;

    @Inject AuditCheckpoints checkpoints;

    @Inject AuditSeals seals;

    @Inject AuditFigures figures;

    /** In a transaction of its own: the event stays even when the work it records rolls back. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void append(Entry entry) {
        write(List.of(entry));
    }

    /**
     * Within the work's transaction (or its own when there is none): the event commits or rolls
     * back with the work it records, so no change stands without its event.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public void appendWithWork(Entry entry) {
        write(List.of(entry));
    }

    /** As {@link #appendWithWork(Entry)} for many at once, flushed together. */
    @Transactional(Transactional.TxType.REQUIRED)
    public void appendWithWork(List<Entry> entries) {
        write(entries);
    }

    private void write(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<Long> ids = ids(entries.size());
        List<AuditEvent> events = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            events.add(persist(ids.get(i), entries.get(i)));
        }
        // a refused event fails here, inside the work, not later in its commit
        em.flush();
        events.forEach(event -> figures.written(event.action(), event.outcome()));
    }

    /**
     * The events' ids in one round trip, in order; without the automatic flush a native query
     * makes, which would check every entity the work holds once per event.
     */
    private List<Long> ids(int count) {
        List<?> ids =
                em.createNativeQuery(
                                "select nextval('audit_event_seq') from generate_series(1, ?1)")
                        .setParameter(1, count)
                        .setFlushMode(FlushModeType.COMMIT)
                        .getResultList();
        return ids.stream().map(id -> ((Number) id).longValue()).sorted().toList();
    }

    private AuditEvent persist(long id, Entry entry) {
        AuditEvent event =
                new AuditEvent(
                        id,
                        clock.instant(),
                        field(entry.actor(), 100),
                        entry.actorTokenId(),
                        field(entry.action(), 64),
                        field(entry.target(), 200),
                        Outcome.ofStatus(entry.status()).wireName(),
                        entry.status(),
                        field(entry.code(), 32),
                        field(entry.request().sourceIp(), 64),
                        field(entry.request().userAgent(), 256),
                        field(entry.request().requestId(), 64),
                        field(entry.detail(), 1000));
        event.authenticate(AuditChain.mac(event, chainKey.bytes()));
        em.persist(event);
        return event;
    }

    /**
     * Walks the chain from the anchor (or its start) and checks the events still waiting for their
     * seal, then the checkpoints: the one a client kept, the newest published, and all of them.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Verification verify(String keptCheckpoint) {
        Optional<AuditCheckpoint> anchor = checkpoints.anchor().map(AuditCheckpoint::of);
        AuditChain.Verifier verifier = AuditChain.Verifier.from(chainKey.bytes(), anchor);
        seals.walk(
                anchor.map(AuditCheckpoint::count).orElse(0L),
                Long.MAX_VALUE,
                (seal, event) -> {
                    verifier.accept(seal, event);
                    return verifier.ok();
                });
        AuditSeals.Unsealed unsealed = seals.unsealed();
        Boolean keptOk =
                keptCheckpoint == null
                        ? null
                        : checkpoints.holds(AuditCheckpoint.open(keptCheckpoint, chainKey.bytes()));
        Boolean publishedOk =
                checkpoints.latest().map(AuditCheckpoint::of).map(checkpoints::holds).orElse(null);
        Optional<String> problem =
                checkpoints.problem().or(() -> Optional.ofNullable(unsealed.problem()));
        long archived = anchor.map(AuditCheckpoint::count).orElse(0L);
        Optional<AuditCheckpoint> head =
                verifier.last() == null
                        ? anchor
                        : Optional.of(
                                new AuditCheckpoint(
                                        verifier.last().position(),
                                        verifier.last().eventId(),
                                        verifier.last().hash()));
        boolean ok =
                verifier.ok()
                        && problem.isEmpty()
                        && !Boolean.FALSE.equals(keptOk)
                        && !Boolean.FALSE.equals(publishedOk);
        return new Verification(
                ok,
                verifier.checked(),
                verifier.ok() ? unsealed.firstBadId() : verifier.firstBadId(),
                ok ? head.map(h -> h.seal(chainKey.bytes())).orElse(null) : null,
                keptOk,
                publishedOk,
                archived,
                unsealed.count(),
                problem.orElse(null));
    }

    /**
     * What a client sent never breaks an event: control characters are escaped (no log injection,
     * no NUL that PostgreSQL refuses) and the value is clipped to its column.
     */
    static String field(String value, int max) {
        if (value == null) {
            return null;
        }
        // a secret pasted into another field (a name, a kid, a grace) is kept out all the same
        value = OPAQUE_SECRET.matcher(value).replaceAll("$1_[redacted]");
        value = JWT.matcher(value).replaceAll("[redacted JWT]");
        StringBuilder safe = new StringBuilder(Math.min(value.length(), max));
        for (int i = 0; i < value.length() && safe.length() < max; i++) {
            char c = value.charAt(i);
            int type = Character.getType(c);
            if (Character.isISOControl(c)
                    || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR
                    || type == Character.FORMAT) {
                safe.append(String.format("\\u%04x", (int) c));
            } else {
                safe.append(c);
            }
        }
        return safe.length() <= max ? safe.toString() : safe.substring(0, max);
    }
}
