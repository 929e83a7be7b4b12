package dev.latch.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.latch.jwt.control.AudienceInference;
import java.util.List;
import org.junit.jupiter.api.Test;

/** parachute's audience rules, case by case. */
class AudienceInferenceTest {

    @Test
    void aNamedVaultScopeGivesTheVaultsAudience() {
        assertEquals("vault.work", AudienceInference.infer(List.of("vault:work:read")));
        assertEquals("vault.home", AudienceInference.infer(List.of("vault:home:write")));
        assertEquals("vault.ops", AudienceInference.infer(List.of("vault:ops:admin")));
    }

    @Test
    void aNamedVaultScopeWinsOverAnEarlierNamespacedScope() {
        assertEquals(
                "vault.work",
                AudienceInference.infer(List.of("scribe:transcribe", "vault:work:read")));
    }

    @Test
    void otherwiseTheFirstNamespacedScopeGivesItsNamespace() {
        assertEquals("scribe", AudienceInference.infer(List.of("scribe:transcribe")));
        assertEquals(
                "billing",
                AudienceInference.infer(
                        List.of("plain", "billing:entitlement:check", "usage:read")));
    }

    @Test
    void anUnknownVaultVerbOrUnnamedVaultIsJustANamespace() {
        assertEquals("vault", AudienceInference.infer(List.of("vault:work:delete")));
        assertEquals("vault", AudienceInference.infer(List.of("vault::read")));
        assertEquals("vault", AudienceInference.infer(List.of("vault:read")));
    }

    @Test
    void withoutANamespaceTheAudienceIsHub() {
        assertEquals("hub", AudienceInference.infer(List.of("plain")));
        assertEquals("hub", AudienceInference.infer(List.of(":leading-colon")));
    }
}
