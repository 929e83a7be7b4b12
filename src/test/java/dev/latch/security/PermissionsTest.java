package dev.latch.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latch.security.entity.Permission;
import dev.latch.security.entity.Permissions;
import java.util.List;
import org.junit.jupiter.api.Test;

class PermissionsTest {

    @Test
    void adminCoversEveryPermission() {
        Permissions admin = Permissions.of(Permission.ADMIN);
        for (Permission p : Permission.values()) {
            assertTrue(admin.allows(p), p.wireName());
        }
        assertTrue(admin.covers(Permissions.of(Permission.KEYS_MANAGE, Permission.AUDIT_READ)));
    }

    @Test
    void aSubsetIsCoveredAndASupersetIsNot() {
        Permissions operator =
                Permissions.of(
                        Permission.TOKENS_READ, Permission.TOKENS_MANAGE, Permission.JWT_MINT);
        assertTrue(operator.covers(Permissions.of(Permission.TOKENS_READ)));
        assertTrue(operator.covers(Permissions.of()));
        assertFalse(operator.covers(Permissions.of(Permission.AUDIT_READ)));
        assertFalse(operator.covers(Permissions.of(Permission.ADMIN)));
    }

    @Test
    void onlyAdminCoversAdmin() {
        Permissions everythingButAdmin = Permissions.of(Permission.ADMIN).withoutAdmin();
        assertFalse(everythingButAdmin.covers(Permissions.of(Permission.ADMIN)));
        assertTrue(everythingButAdmin.covers(everythingButAdmin));
    }

    @Test
    void theDefaultForANewTokenIsTheIssuersPermissionsWithoutAdmin() {
        assertEquals(
                List.of(
                        "tokens.read",
                        "tokens.manage",
                        "users.manage",
                        "keys.manage",
                        "jwt.mint",
                        "audit.read",
                        "metrics.read"),
                Permissions.of(Permission.ADMIN).withoutAdmin().wireNames());
        assertEquals(
                List.of("tokens.read"),
                Permissions.of(Permission.TOKENS_READ).withoutAdmin().wireNames());
    }

    @Test
    void groupsAreTheEffectivePermissionsPlusAuthenticated() {
        assertEquals(
                java.util.Set.of("tokens.read", "authenticated"),
                Permissions.of(Permission.TOKENS_READ).groups());
        assertTrue(
                Permissions.of(Permission.ADMIN)
                        .groups()
                        .containsAll(List.of("admin", "audit.read", "keys.manage")));
    }

    @Test
    void unknownNamesAreReportedNotDropped() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Permissions.parse(List.of("tokens.read", "root")));
        assertEquals("unknown permission \"root\"", e.getMessage());
    }

    @Test
    void wireNamesRoundTrip() {
        Permissions some = Permissions.parse(List.of("audit.read", "tokens.read", "tokens.read"));
        assertEquals(List.of("tokens.read", "audit.read"), some.wireNames());
        assertEquals(some, Permissions.parse(some.wireNames()));
    }
}
