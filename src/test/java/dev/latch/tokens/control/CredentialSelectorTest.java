package dev.latch.tokens.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latch.platform.control.ErrorCode;
import dev.latch.platform.control.LatchException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CredentialSelectorTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final UUID OWNER = UUID.fromString("00000000-0000-0000-0000-00000000000a");

    private static CredentialSelector kind(String kind) {
        return new CredentialSelector(null, kind, null, null, null, null, null, null);
    }

    @Test
    void anEmptySelectorWouldMeanEverythingAndIsRefused() {
        LatchException e =
                assertThrows(
                        LatchException.class,
                        () ->
                                new CredentialSelector(
                                        null, null, null, null, null, null, null, null));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    }

    @Test
    void anUnknownKindIsRefused() {
        assertEquals(
                ErrorCode.INVALID_ARGUMENT,
                assertThrows(LatchException.class, () -> kind("cookie")).code());
    }

    @Test
    void eachKindIsLookedForInItsOwnTable() {
        assertEquals(List.of(CredentialSelector.Source.TOKEN), kind("service_key").sources());
        assertEquals(List.of(CredentialSelector.Source.JWT), kind("session").sources());
        assertEquals(
                List.of(CredentialSelector.Source.TOKEN, CredentialSelector.Source.JWT),
                new CredentialSelector(OWNER, null, null, null, null, null, null, null).sources());
    }

    @Test
    void aNodeIdNeverMatchesAJwt() {
        var node = new CredentialSelector(null, null, null, "web-1", null, null, null, null);
        assertEquals(List.of(CredentialSelector.Source.TOKEN), node.sources());
        var impossible =
                new CredentialSelector(null, "minted", null, "web-1", null, null, null, null);
        assertTrue(impossible.sources().isEmpty());
        assertTrue(impossible.count(NOW).text().contains("where false"));
    }

    @Test
    void onlyLiveCredentialsAndEveryGivenCriterionInBothTables() {
        var selector =
                new CredentialSelector(
                        OWNER,
                        null,
                        "ci-",
                        null,
                        Instant.parse("2026-11-01T00:00:00Z"),
                        Instant.parse("2026-01-01T00:00:00Z"),
                        null,
                        "alice");
        CredentialSelector.Sql sql = selector.count(NOW);
        String text = sql.text();
        assertEquals(2, text.split("revoked_at is null and expires_at > \\?").length - 1);
        assertTrue(text.contains("starts_with(name, ?"), text);
        assertTrue(text.contains("starts_with(sub, ?"), text);
        assertTrue(text.contains("created_by = ?") && text.contains("minted_by = ?"), text);
        assertTrue(text.contains("issued_at < ?") && text.contains("issued_at >= ?"), text);
        assertTrue(sql.parameters().contains(OWNER.toString()));
        assertTrue(sql.parameters().contains("ci-") && sql.parameters().contains("alice"));
        assertEquals(count(text, '?'), sql.parameters().size(), "one value for each placeholder");
    }

    @Test
    void unusedForNeedsAnOldEnoughIssueAndNoRecentUse() {
        var selector =
                new CredentialSelector(
                        null, "operator", null, null, null, null, Duration.ofDays(30), null);
        CredentialSelector.Sql sql = selector.count(NOW);
        assertTrue(sql.text().contains("issued_at < ?3"), sql.text());
        assertTrue(sql.text().contains("(last_used_at is null or last_used_at < ?3)"), sql.text());
        assertEquals(NOW.minus(Duration.ofDays(30)), sql.parameters().get(2));
    }

    @Test
    void candidatesComeOldestFirstAfterTheLastPosition() {
        var position =
                new CredentialSelector.Position(
                        Instant.parse("2026-11-30T00:00:00Z"),
                        UUID.fromString("00000000-0000-0000-0000-000000000001"));
        CredentialSelector.Sql sql = kind("join").candidates(NOW, position, 500);
        assertTrue(sql.text().contains("(c.issued_at, c.id) > (?"), sql.text());
        assertTrue(sql.text().endsWith("order by c.issued_at, c.id limit ?5"), sql.text());
        assertEquals(500, sql.parameters().get(4));
        assertFalse(kind("join").candidates(NOW, null, 10).text().contains("c.issued_at, c.id) >"));
    }

    @Test
    void theAuditLogNamesTheGivenCriteriaInWireWords() {
        assertEquals(
                "{kind=session name_prefix=ci- unused_for=30d}",
                new CredentialSelector(
                                null, "session", "ci-", null, null, null, Duration.ofDays(30), null)
                        .describe());
    }

    private static long count(String text, char c) {
        return text.chars().filter(x -> x == c).count();
    }
}
