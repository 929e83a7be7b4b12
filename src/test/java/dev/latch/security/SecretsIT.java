package dev.latch.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.latch.support.Api;
import dev.latch.support.Database;
import dev.latch.support.LatchIT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A plaintext token reaches its client once and nowhere else: not the database, not the server log. */
class SecretsIT extends LatchIT {

    @Test
    void noPlaintextTokenReachesTheDatabaseOrTheServerLog() throws Exception {
        Api api = api();
        String admin = admin();
        String token = api.issue(admin, Api.unique("secret"), List.of("tokens.read")).getString("token");
        String tokenId = api.get("api/v1/whoami", token).json().getString("token_id");
        api.post("api/v1/tokens/" + tokenId + "/rotate", admin, "{\"grace\":\"1m\"}");
        String unknown = "lop_" + "B".repeat(49);
        api.get("api/v1/whoami", unknown);
        api.get("api/v1/whoami", token + "x");

        try (Connection db = Database.connect()) {
            for (String secret : List.of(token, admin, unknown)) {
                assertEquals(0, rowsContaining(db, secret), "a plaintext token is stored");
            }
        }
        String log = Files.readString(Path.of(System.getProperty("latch.test.server.log")));
        for (String secret : List.of(token, admin, unknown)) {
            assertFalse(log.contains(secret), "a plaintext token is in the server log");
            assertFalse(log.contains(secret.substring(4, 30)), "part of a plaintext token is in the server log");
        }
    }

    /** Searches every row of every table of the schema, as text. */
    private static int rowsContaining(Connection db, String secret) throws Exception {
        int found = 0;
        List<String> tables = List.of("token", "audit_event", "flyway_schema_history");
        for (String table : tables) {
            try (PreparedStatement q = db.prepareStatement(
                    "select count(*) from " + table + " t where strpos(cast(row_to_json(t) as text), ?) > 0")) {
                q.setString(1, secret.substring(4));
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    found += rs.getInt(1);
                }
            }
        }
        return found;
    }
}
