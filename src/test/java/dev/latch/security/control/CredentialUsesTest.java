package dev.latch.security.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latch.platform.control.RequestInfo;
import dev.latch.security.entity.MintScopes;
import dev.latch.security.entity.Permissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CredentialUsesTest {

    private static final Instant NOON = Instant.parse("2026-12-02T12:00:00Z");

    private Instant now = NOON;

    private final CredentialUses uses = uses();

    private CredentialUses uses() {
        CredentialUses uses = new CredentialUses();
        uses.resolution = Duration.ofSeconds(60);
        uses.configuredNode = Optional.of("node-a");
        uses.clock =
                new Clock() {
                    @Override
                    public ZoneId getZone() {
                        return ZoneOffset.UTC;
                    }

                    @Override
                    public Clock withZone(ZoneId zone) {
                        return this;
                    }

                    @Override
                    public Instant instant() {
                        return now;
                    }
                };
        return uses;
    }

    private static Caller caller(UUID id, String kind) {
        return new Caller(
                "someone",
                id,
                kind,
                Permissions.of(),
                false,
                NOON.plusSeconds(86_400),
                null,
                MintScopes.NONE);
    }

    @Test
    void everyUseIsCountedButItsDetailsAreNotedOncePerResolution() {
        UUID id = UUID.randomUUID();
        uses.note(caller(id, "operator"), new RequestInfo("r1", "10.0.0.1", "first"));
        now = NOON.plusSeconds(30);
        uses.note(caller(id, "operator"), new RequestInfo("r2", "10.0.0.2", "second"));

        CredentialUses.Batch batch = uses.drain();

        assertEquals(1, batch.latest().size());
        assertEquals("first", batch.latest().get(id).userAgent());
        assertEquals(2L, batch.counts().values().iterator().next());
        assertTrue(uses.drain().isEmpty());
    }

    @Test
    void afterTheResolutionTheNextUseIsNotedAgain() {
        UUID id = UUID.randomUUID();
        uses.note(caller(id, "operator"), new RequestInfo("r1", "10.0.0.1", "first"));
        uses.drain();
        now = NOON.plusSeconds(61);
        uses.note(caller(id, "operator"), new RequestInfo("r2", "10.0.0.2", "second"));

        assertEquals("second", uses.drain().latest().get(id).userAgent());
    }

    @Test
    void aBatchThatFailedToWriteComesBackMergedWithNewerUses() {
        UUID id = UUID.randomUUID();
        uses.note(caller(id, "session"), new RequestInfo("r1", "10.0.0.1", "old"));
        CredentialUses.Batch failed = uses.drain();
        now = NOON.plusSeconds(120);
        uses.note(caller(id, "session"), new RequestInfo("r2", "10.0.0.2", "new"));

        uses.restore(failed);
        CredentialUses.Batch next = uses.drain();

        assertEquals("new", next.latest().get(id).userAgent());
        assertEquals(2L, next.counts().values().iterator().next());
    }

    @Test
    void sessionsAndJwtRecordsAreKeptWithMintedJwtsAndOpaqueKindsWithTokens() {
        assertEquals("minted_jwt", CredentialUses.tableOf(caller(UUID.randomUUID(), "session")));
        assertEquals("minted_jwt", CredentialUses.tableOf(caller(UUID.randomUUID(), "jwt")));
        assertEquals("token", CredentialUses.tableOf(caller(UUID.randomUUID(), "service_key")));
    }

    @Test
    void aJwtWithoutARecordIsNotCounted() {
        uses.note(caller(null, "jwt"), new RequestInfo("r", "10.0.0.1", "x"));
        assertTrue(uses.drain().isEmpty());
    }

    @Test
    void usesOnTwoDaysAreCountedApart() {
        UUID id = UUID.randomUUID();
        now = Instant.parse("2026-12-02T23:59:59Z");
        uses.note(caller(id, "node"), new RequestInfo("r", "10.0.0.1", "x"));
        now = Instant.parse("2026-12-03T00:00:01Z");
        uses.note(caller(id, "node"), new RequestInfo("r", "10.0.0.1", "x"));

        assertEquals(2, uses.drain().counts().size());
    }
}
