package dev.latch.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latch.audit.control.AuditChain;
import dev.latch.audit.entity.AuditEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuditChainTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00.123456Z");

    @Test
    void anUntouchedChainVerifies() {
        AuditChain.Verifier verifier = verify(chain(5));
        assertTrue(verifier.ok());
        assertEquals(5, verifier.checked());
        assertNull(verifier.firstBadId());
    }

    @Test
    void theFirstEventFollowsTheGenesisHash() {
        assertEquals(AuditChain.GENESIS, chain(1).get(0).prevHash());
    }

    @Test
    void anEditedFieldIsFoundAtItsRow() {
        List<AuditEvent> events = chain(5);
        AuditEvent original = events.get(2);
        AuditEvent edited = event(original.id(), "mallory", original.prevHash());
        edited.chainAfter(
                original.prevHash(),
                original.hash()); // keeps the stored hash, as an editor of the row would
        events.set(2, edited);
        assertEquals(3L, verify(events).firstBadId());
    }

    @Test
    void aDeletedRowBreaksTheNextLink() {
        List<AuditEvent> events = chain(5);
        events.remove(1);
        AuditChain.Verifier verifier = verify(events);
        assertFalse(verifier.ok());
        assertEquals(3L, verifier.firstBadId());
    }

    @Test
    void anInsertedRowIsFound() {
        List<AuditEvent> events = chain(5);
        AuditEvent forged = event(99, "mallory", events.get(1).hash());
        forged.chainAfter(events.get(1).hash(), AuditChain.hash(forged, events.get(1).hash()));
        events.add(2, forged);
        // the forged row links correctly, but the row after it no longer does
        assertEquals(3L, verify(events).firstBadId());
    }

    @Test
    void everyFieldIsCoveredByTheHash() {
        AuditEvent a =
                new AuditEvent(
                        1,
                        T0,
                        "alice",
                        null,
                        "token.issue",
                        "token:x",
                        "success",
                        201,
                        null,
                        null,
                        null,
                        null,
                        null);
        AuditEvent b =
                new AuditEvent(
                        1,
                        T0,
                        "alice",
                        null,
                        "token.issue",
                        "token:x",
                        "success",
                        201,
                        null,
                        null,
                        null,
                        null,
                        "");
        assertNotEquals(
                AuditChain.hash(a, AuditChain.GENESIS), AuditChain.hash(b, AuditChain.GENESIS));
        AuditEvent c =
                new AuditEvent(
                        1,
                        T0.plusNanos(1000),
                        "alice",
                        null,
                        "token.issue",
                        "token:x",
                        "success",
                        201,
                        null,
                        null,
                        null,
                        null,
                        null);
        assertNotEquals(
                AuditChain.hash(a, AuditChain.GENESIS), AuditChain.hash(c, AuditChain.GENESIS));
    }

    @Test
    void fromItsMarkerOnTheChainIsKeyedAndAPlainRecomputationIsFound() {
        byte[] key = "a chain key of thirty-two bytes!".getBytes();
        List<AuditEvent> events = new ArrayList<>();
        String prev = AuditChain.GENESIS;
        for (int id = 1; id <= 4; id++) {
            AuditEvent e =
                    id == 2
                            ? new AuditEvent(
                                    id,
                                    T0.plusSeconds(id),
                                    "latch",
                                    null,
                                    AuditChain.KEYED_FROM_HERE,
                                    null,
                                    "success",
                                    200,
                                    null,
                                    null,
                                    null,
                                    null,
                                    "keyed from here")
                            : event(id, "alice", prev);
            e.chainAfter(prev, AuditChain.hash(e, prev, id >= 2 ? key : null));
            events.add(e);
            prev = e.hash();
        }
        AuditChain.Verifier keyed = new AuditChain.Verifier(key);
        events.forEach(keyed::accept);
        assertTrue(keyed.ok(), "unkeyed before the marker, keyed from it");
        // whoever edits row 3 without the key can only recompute a plain hash
        AuditEvent forged = event(3, "mallory", events.get(1).hash());
        forged.chainAfter(events.get(1).hash(), AuditChain.hash(forged, events.get(1).hash()));
        AuditChain.Verifier check = new AuditChain.Verifier(key);
        List.of(events.get(0), events.get(1), forged).forEach(check::accept);
        assertEquals(3L, check.firstBadId());
    }

    private static AuditChain.Verifier verify(List<AuditEvent> events) {
        AuditChain.Verifier verifier = new AuditChain.Verifier();
        events.forEach(verifier::accept);
        return verifier;
    }

    private static List<AuditEvent> chain(int length) {
        List<AuditEvent> events = new ArrayList<>();
        String prev = AuditChain.GENESIS;
        for (int id = 1; id <= length; id++) {
            AuditEvent e = event(id, "alice", prev);
            e.chainAfter(prev, AuditChain.hash(e, prev));
            events.add(e);
            prev = e.hash();
        }
        return events;
    }

    private static AuditEvent event(long id, String actor, String prev) {
        return new AuditEvent(
                id,
                T0.plusSeconds(id),
                actor,
                UUID.nameUUIDFromBytes(actor.getBytes()),
                "token.issue",
                "token:" + id,
                "success",
                201,
                null,
                "127.0.0.1",
                "curl",
                "req-" + id,
                null);
    }
}
