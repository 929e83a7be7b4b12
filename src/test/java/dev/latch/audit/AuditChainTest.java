package dev.latch.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latch.audit.control.AuditChain;
import dev.latch.audit.control.AuditCheckpoint;
import dev.latch.audit.entity.AuditEvent;
import dev.latch.audit.entity.AuditSeal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuditChainTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00.123456Z");

    private static final byte[] KEY = "a chain key of thirty-two bytes!".getBytes();

    /** An event and its seal, as the verifier walks them. */
    private record Link(AuditSeal seal, AuditEvent event) {}

    @Test
    void anUntouchedSealedChainVerifies() {
        AuditChain.Verifier verifier = verify(sealed(written(1, 5), 0, AuditChain.GENESIS));
        assertTrue(verifier.ok());
        assertEquals(5, verifier.checked());
        assertNull(verifier.firstBadId());
        assertEquals(5, verifier.last().position());
    }

    @Test
    void theFirstSealFollowsTheGenesisHash() {
        assertEquals(
                AuditChain.GENESIS,
                sealed(written(1, 1), 0, AuditChain.GENESIS).get(0).seal().prevHash());
    }

    @Test
    void anEditedFieldIsFoundAtItsEvent() {
        List<Link> chain = sealed(written(1, 5), 0, AuditChain.GENESIS);
        AuditEvent original = chain.get(2).event();
        AuditEvent edited = event(original.id(), "mallory");
        edited.authenticate(original.hash()); // keeps the stored MAC, as an editor of the row would
        chain.set(2, new Link(chain.get(2).seal(), edited));
        assertEquals(3L, verify(chain).firstBadId());
    }

    @Test
    void anEventGoneFromUnderItsSealIsFound() {
        List<Link> chain = sealed(written(1, 5), 0, AuditChain.GENESIS);
        chain.set(1, new Link(chain.get(1).seal(), null));
        assertEquals(2L, verify(chain).firstBadId());
    }

    @Test
    void aRemovedSealLeavesAGapInThePositions() {
        List<Link> chain = sealed(written(1, 5), 0, AuditChain.GENESIS);
        chain.remove(1);
        AuditChain.Verifier verifier = verify(chain);
        assertFalse(verifier.ok());
        assertEquals(3L, verifier.firstBadId());
    }

    @Test
    void twoEventsSwappedBetweenTheirSealsAreFound() {
        List<Link> chain = sealed(written(1, 4), 0, AuditChain.GENESIS);
        AuditEvent second = chain.get(1).event();
        chain.set(1, new Link(chain.get(1).seal(), chain.get(2).event()));
        chain.set(2, new Link(chain.get(2).seal(), second));
        assertFalse(verify(chain).ok());
    }

    @Test
    void anEventWithoutTheKeysMacIsNotAuthentic() {
        AuditEvent forged = event(7, "mallory");
        forged.authenticate(AuditChain.mac(forged, "not the chain key, but 32 bytes!".getBytes()));
        assertFalse(AuditChain.authentic(forged, KEY));
        AuditEvent genuine = event(7, "alice");
        genuine.authenticate(AuditChain.mac(genuine, KEY));
        assertTrue(AuditChain.authentic(genuine, KEY));
    }

    @Test
    void everyFieldIsCoveredByTheMac() {
        AuditEvent a = withDetail(null, T0);
        AuditEvent b = withDetail("", T0);
        AuditEvent c = withDetail(null, T0.plusNanos(1000));
        assertNotEquals(AuditChain.mac(a, KEY), AuditChain.mac(b, KEY));
        assertNotEquals(AuditChain.mac(a, KEY), AuditChain.mac(c, KEY));
    }

    @Test
    void theChainGoesOnFromAnAnchorAtItsPosition() {
        AuditCheckpoint anchor = new AuditCheckpoint(40, 40, "a".repeat(64));
        List<Link> rest = sealed(written(41, 3), 40, anchor.hash());
        AuditChain.Verifier verifier = AuditChain.Verifier.from(KEY, java.util.Optional.of(anchor));
        rest.forEach(l -> verifier.accept(l.seal(), l.event()));
        assertTrue(verifier.ok());
        assertEquals(43, verifier.last().position());
        AuditChain.Verifier fromStart = verify(rest);
        assertFalse(fromStart.ok(), "the first seal after an anchor is not position 1");
    }

    @Test
    void eventsChainedTheOldWayAreCheckedTheOldWayAndOnlyBeforeTheFirstSealedOne() {
        List<Link> chain = oldChain(4);
        List<Link> sealed = sealed(written(5, 2), 4, chain.get(chain.size() - 1).seal().hash());
        chain.addAll(sealed);
        assertTrue(verify(chain).ok(), "the migration's seals, then the sealer's");

        // an old-style event after a sealed one was not written by any Latch
        List<Link> late = new ArrayList<>(chain);
        AuditEvent forged = event(7, "mallory");
        String prev = late.get(late.size() - 1).seal().hash();
        forged.chainAfter(prev, AuditChain.hash(forged, prev, KEY));
        late.add(new Link(new AuditSeal(7, 7, prev, forged.hash()), forged));
        assertEquals(7L, verify(late).firstBadId());
    }

    @Test
    void fromItsMarkerTheOldChainIsKeyedAndAPlainRecomputationIsFound() {
        List<Link> chain = oldChain(4);
        assertTrue(verify(chain).ok(), "unkeyed before the marker, keyed from it");
        // whoever edits row 3 without the key can only recompute a plain hash
        String prev = chain.get(1).event().hash();
        AuditEvent forged = event(3, "mallory");
        forged.chainAfter(prev, AuditChain.hash(forged, prev, null));
        chain.set(2, new Link(new AuditSeal(3, 3, prev, forged.hash()), forged));
        assertEquals(3L, verify(chain).firstBadId());
    }

    private static AuditChain.Verifier verify(List<Link> chain) {
        AuditChain.Verifier verifier = new AuditChain.Verifier(KEY);
        chain.forEach(l -> verifier.accept(l.seal(), l.event()));
        return verifier;
    }

    /** Events as Latch writes them now: each with its MAC, not yet chained. */
    private static List<AuditEvent> written(long firstId, int count) {
        List<AuditEvent> events = new ArrayList<>();
        for (long id = firstId; id < firstId + count; id++) {
            AuditEvent e = event(id, "alice");
            e.authenticate(AuditChain.mac(e, KEY));
            events.add(e);
        }
        return events;
    }

    /** What the sealer makes of them after {@code position}. */
    private static List<Link> sealed(List<AuditEvent> events, long position, String prev) {
        List<Link> chain = new ArrayList<>();
        for (AuditEvent e : events) {
            position++;
            String hash = AuditChain.seal(position, e, prev, KEY);
            chain.add(new Link(new AuditSeal(position, e.id(), prev, hash), e));
            prev = hash;
        }
        return chain;
    }

    /**
     * Events an older Latch chained itself, the second its marker of the keyed chain, each given
     * its seal by the migration with the hashes it has.
     */
    private static List<Link> oldChain(int length) {
        List<Link> chain = new ArrayList<>();
        String prev = AuditChain.GENESIS;
        for (int id = 1; id <= length; id++) {
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
                            : event(id, "alice");
            e.chainAfter(prev, AuditChain.hash(e, prev, id >= 2 ? KEY : null));
            chain.add(new Link(new AuditSeal(id, id, prev, e.hash()), e));
            prev = e.hash();
        }
        return chain;
    }

    private static AuditEvent withDetail(String detail, Instant at) {
        return new AuditEvent(
                1,
                at,
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
                detail);
    }

    private static AuditEvent event(long id, String actor) {
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
