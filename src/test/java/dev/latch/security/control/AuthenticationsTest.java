package dev.latch.security.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.latch.platform.control.ErrorCode;
import dev.latch.security.entity.MintScopes;
import dev.latch.security.entity.Permissions;
import dev.latch.support.Scrape;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuthenticationsTest {

    private final PrometheusMeterRegistry registry =
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    private Authentications authentications() {
        Authentications authentications = new Authentications();
        authentications.registry = registry;
        authentications.register();
        return authentications;
    }

    private static Caller caller(String identity, String kind) {
        return new Caller(
                identity,
                UUID.randomUUID(),
                kind,
                Permissions.of(),
                false,
                Instant.now().plusSeconds(60),
                null,
                MintScopes.NONE);
    }

    @Test
    void anAcceptedCredentialCountsByTheKindTheTokenListsUse() {
        assertEquals("operator", Authentications.kindOf(caller("ci", "operator")));
        assertEquals("service_key", Authentications.kindOf(caller("runner", "service_key")));
        assertEquals("node", Authentications.kindOf(caller("node:web-1", "node")));
        assertEquals("session", Authentications.kindOf(caller("alice", "session")));
        assertEquals("minted", Authentications.kindOf(caller("alice", "jwt")));
        assertEquals("hs256", Authentications.kindOf(caller("hs256:bus", "jwt")));
    }

    @Test
    void aRefusalCountsAsItsErrorCodeSays() {
        assertEquals("expired", Authentications.outcomeOf(ErrorCode.TOKEN_EXPIRED));
        assertEquals("revoked", Authentications.outcomeOf(ErrorCode.TOKEN_REVOKED));
        assertEquals("invalid", Authentications.outcomeOf(ErrorCode.UNAUTHENTICATED));
        assertEquals("unavailable", Authentications.outcomeOf(ErrorCode.UNAVAILABLE));
    }

    @Test
    void eachAuthenticationIsOneCountAndOneTimingInPrometheusNames() {
        Authentications authentications = authentications();
        long started = System.nanoTime();
        authentications.accepted(caller("ci", "operator"), started);
        authentications.accepted(caller("ci", "operator"), started);
        authentications.refused("jwt", ErrorCode.TOKEN_EXPIRED, started);
        authentications.failed("node", started);
        Scrape scrape = Scrape.of(registry.scrape());
        String total = "latch_authentications_total";
        assertEquals(2, scrape.value(total, "kind", "operator", "outcome", "ok"));
        assertEquals(1, scrape.value(total, "kind", "jwt", "outcome", "expired"));
        assertEquals(1, scrape.value(total, "kind", "node", "outcome", "error"));
        String duration = "latch_authentication_duration_seconds";
        assertEquals(2, scrape.value(duration + "_count", "kind", "operator"));
        assertEquals(1, scrape.value(duration + "_bucket", "kind", "jwt", "le", "+Inf"));
        // the fixed buckets, from 50 microseconds to a second
        scrape.value(duration + "_bucket", "kind", "jwt", "le", "5.0E-5");
        scrape.value(duration + "_bucket", "kind", "jwt", "le", "1.0");
    }
}
