package dev.latch.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latch.support.Database;
import dev.latch.support.LatchIT;
import dev.latch.tokens.control.TokenFormat;
import dev.latch.tokens.entity.TokenKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The first start writes one bootstrap token, owner-only, and no later start writes another. */
class BootstrapIT extends LatchIT {

    @Test
    void theBootstrapTokenFileIsOwnerOnlyAndHoldsAnOperatorToken() throws Exception {
        Path file = Path.of(System.getProperty("latch.test.data.dir"), "bootstrap.token");
        assertEquals(
                "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(
                Optional.of(TokenKind.OPERATOR), TokenFormat.kindOf(Files.readString(file).trim()));
    }

    @Test
    void theBootstrapTokenIsCreatedOnceAcrossRestarts() throws Exception {
        // every *IT class redeploys Latch, so by now it has started several times on this database
        try (Connection db = Database.connect();
                Statement sql = db.createStatement()) {
            ResultSet claims =
                    sql.executeQuery(
                            "select count(*) from done_once where what = 'token.bootstrap'");
            claims.next();
            assertEquals(1, claims.getInt(1));
            // one event, unless AuditRetentionIT archived it already
            ResultSet events =
                    sql.executeQuery(
                            "select count(*) from audit_event where action = 'token.bootstrap'");
            events.next();
            assertTrue(events.getInt(1) <= 1);
            ResultSet tokens =
                    sql.executeQuery("select count(*) from token where name = 'bootstrap'");
            tokens.next();
            assertEquals(1, tokens.getInt(1));
        }
        assertTrue(api().get("api/v1/whoami", admin()).status() == 200);
    }
}
