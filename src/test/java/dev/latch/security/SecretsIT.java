package dev.latch.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.latch.support.Api;
import dev.latch.support.Database;
import dev.latch.support.LatchIT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A plaintext token reaches its client once and nowhere else: not the database, not the server log.
 */
class SecretsIT extends LatchIT {

    @Test
    void noPlaintextTokenReachesTheDatabaseOrTheServerLog() throws Exception {
        Api api = api();
        String admin = admin();
        String token =
                api.issue(admin, Api.unique("secret"), List.of("tokens.read")).getString("token");
        String tokenId = api.get("api/v1/whoami", token).json().getString("token_id");
        api.post("api/v1/tokens/" + tokenId + "/rotate", admin, "{\"grace\":\"1m\"}");
        String unknown = "lop_" + "B".repeat(49);
        api.get("api/v1/whoami", unknown);
        api.get("api/v1/whoami", token + "x");

        for (String secret : List.of(token, admin, unknown)) {
            assertEquals(
                    0,
                    Database.rowsContaining(
                            List.of("token", "audit_event", "minted_jwt", "flyway_schema_history"),
                            secret.substring(4)),
                    "a plaintext token is stored");
        }
        String log = Files.readString(Path.of(System.getProperty("latch.test.server.log")));
        for (String secret : List.of(token, admin, unknown)) {
            assertFalse(log.contains(secret), "a plaintext token is in the server log");
            assertFalse(
                    log.contains(secret.substring(4, 30)),
                    "part of a plaintext token is in the server log");
        }
    }
}
