package dev.latch.security.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.latch.security.entity.MintScopes;
import dev.latch.security.entity.Permissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ValidatedCredentialsTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    /** A verifier that counts its calls and answers what it is told. */
    private static final class Counting implements BearerVerifier {
        int calls;
        Function<Caller, VerifiedCredential> answer =
                c -> VerifiedCredential.reusable(c, "token:a");
        Runnable during = () -> {};
        Instant expiresAt = NOW.plus(Duration.ofDays(1));

        @Override
        public boolean accepts(String token) {
            return true;
        }

        @Override
        public VerifiedCredential authenticate(String token) {
            calls++;
            during.run();
            return answer.apply(
                    new Caller(
                            token,
                            UUID.randomUUID(),
                            "operator",
                            Permissions.of(),
                            false,
                            expiresAt,
                            null,
                            MintScopes.NONE));
        }
    }

    private final Counting verifier = new Counting();

    private static ValidatedCredentials cache() {
        ValidatedCredentials cache = new ValidatedCredentials();
        cache.size = 100;
        cache.ttl = Duration.ofSeconds(10);
        cache.clock = Clock.fixed(NOW, java.time.ZoneOffset.UTC);
        cache.build();
        cache.resume();
        return cache;
    }

    @Test
    void anEntryLivesTheConfiguredTimeOrWhatTheCredentialHasLeftIfShorter() {
        Duration ttl = Duration.ofSeconds(10);
        assertEquals(ttl, ValidatedCredentials.lifetime(ttl, NOW, NOW.plusSeconds(3600)));
        assertEquals(
                Duration.ofSeconds(4), ValidatedCredentials.lifetime(ttl, NOW, NOW.plusSeconds(4)));
        assertEquals(
                Duration.ofSeconds(-1),
                ValidatedCredentials.lifetime(ttl, NOW, NOW.minusSeconds(1)));
    }

    @Test
    void aRepeatedCredentialIsServedFromCache() {
        ValidatedCredentials cache = cache();
        cache.authenticate("t1", verifier);
        cache.authenticate("t1", verifier);
        assertEquals(1, verifier.calls);
    }

    @Test
    void evictingASubjectSendsItsCredentialsBackToTheVerifier() {
        ValidatedCredentials cache = cache();
        cache.authenticate("t1", verifier);
        cache.evict(Set.of("token:other"));
        cache.authenticate("t1", verifier);
        cache.evict(Set.of("token:a"));
        cache.authenticate("t1", verifier);
        assertEquals(2, verifier.calls);
    }

    @Test
    void aVerificationThatAnEvictionOvertookIsNotCached() {
        ValidatedCredentials cache = cache();
        verifier.during = () -> cache.evict(Set.of("token:unrelated"));
        cache.authenticate("t1", verifier);
        verifier.during = () -> {};
        cache.authenticate("t1", verifier);
        assertEquals(2, verifier.calls);
    }

    @Test
    void aSuspendedCacheServesAndStoresNothing() {
        ValidatedCredentials cache = cache();
        cache.authenticate("t1", verifier);
        cache.suspend();
        cache.authenticate("t1", verifier);
        cache.authenticate("t1", verifier);
        assertEquals(3, verifier.calls);
        cache.resume();
        cache.authenticate("t1", verifier);
        cache.authenticate("t1", verifier);
        assertEquals(4, verifier.calls);
    }

    @Test
    void aCredentialVerifiedForOnceOrAboutToExpireIsNotCached() {
        ValidatedCredentials cache = cache();
        verifier.answer = VerifiedCredential::once;
        cache.authenticate("t1", verifier);
        cache.authenticate("t1", verifier);
        verifier.answer = c -> VerifiedCredential.reusable(c, "token:a");
        verifier.expiresAt = NOW;
        cache.authenticate("t2", verifier);
        cache.authenticate("t2", verifier);
        assertEquals(4, verifier.calls);
    }
}
