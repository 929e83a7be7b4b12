package dev.latch.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latch.security.control.TokenFormat;
import dev.latch.security.entity.TokenKind;
import dev.latch.support.Api;
import dev.latch.support.Database;
import dev.latch.support.LatchDeployment;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The first start writes one bootstrap token, owner-only, and no later start writes another. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BootstrapIT {

    @Deployment(testable = false)
    static WebArchive latch() {
        return LatchDeployment.war();
    }

    @ArquillianResource
    URL base;

    @Test
    void theBootstrapTokenFileIsOwnerOnlyAndHoldsAnOperatorToken() throws Exception {
        Path file = Path.of(System.getProperty("latch.test.data.dir"), "bootstrap.token");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(Optional.of(TokenKind.OPERATOR), TokenFormat.kindOf(Files.readString(file).trim()));
    }

    @Test
    void theBootstrapTokenIsCreatedOnceAcrossRestarts() throws Exception {
        // every *IT class redeploys Latch, so by now it has started several times on this database
        try (Connection db = Database.connect(); Statement sql = db.createStatement()) {
            ResultSet events = sql.executeQuery("select count(*) from audit_event where action = 'token.bootstrap'");
            events.next();
            assertEquals(1, events.getInt(1));
            ResultSet tokens = sql.executeQuery("select count(*) from token where name = 'bootstrap'");
            tokens.next();
            assertEquals(1, tokens.getInt(1));
        }
        assertTrue(new Api(base).get("api/v1/whoami", Api.bootstrapToken()).status() == 200);
    }
}
