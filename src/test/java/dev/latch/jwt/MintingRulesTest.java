package dev.latch.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.latch.jwt.control.Minting;
import dev.latch.platform.control.LatchException;
import java.util.List;
import org.junit.jupiter.api.Test;

class MintingRulesTest {

    @Test
    void scopesAreSpaceSeparatedAndKeptInOrder() {
        assertEquals(
                List.of("vault:work:read", "scribe:transcribe"),
                Minting.scopes(" vault:work:read   scribe:transcribe "));
    }

    @Test
    void aMissingOrBlankScopeIsRefused() {
        assertEquals(
                "scope is required",
                assertThrows(LatchException.class, () -> Minting.scopes(null)).getMessage());
        assertEquals(
                "scope is required",
                assertThrows(LatchException.class, () -> Minting.scopes("   ")).getMessage());
    }

    @Test
    void onlyScopesNamingLatchPermissionsBecomePermissions() {
        assertEquals(
                List.of("tokens.read", "audit.read"),
                Minting.latchPermissions(List.of("audit.read", "vault:work:read", "tokens.read"))
                        .wireNames());
    }
}
