package dev.latch.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.latch.support.Api;
import dev.latch.support.LatchIT;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The timer sweeps expired tokens. The test server runs it every 2s with a 10s retention
 * (LATCH_TOKENS_SWEEP_INTERVAL, LATCH_TOKENS_PURGE_AFTER in the pom), so MicroProfile Config drives
 * it.
 */
class ExpirySweepIT extends LatchIT {

    @Test
    void tokensExpiredLongerThanTheRetentionArePurged() throws Exception {
        Api api = api();
        var issued =
                api.post(
                                "api/v1/tokens",
                                admin(),
                                "{\"name\":\""
                                        + Api.unique("sweep")
                                        + "\",\"permissions\":[\"tokens.read\"],\"ttl\":\"1s\"}")
                        .json();
        String path = "api/v1/tokens/" + issued.getString("token_id");
        assertEquals(200, api.get(path, admin()).status(), "kept while within the retention");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(40));
        int status = 200;
        while (status == 200 && Instant.now().isBefore(deadline)) {
            Thread.sleep(1000);
            status = api.get(path, admin()).status();
        }
        assertEquals(404, status, "purged by the sweep");
    }

    @Test
    void revokedTokensWithinTheRetentionAreKept() throws Exception {
        Api api = api();
        var issued = api.issue(admin(), Api.unique("kept"), java.util.List.of("tokens.read"));
        String path = "api/v1/tokens/" + issued.getString("token_id");
        api.delete(path, admin());
        Thread.sleep(4000); // two sweeps
        assertEquals(200, api.get(path, admin()).status());
    }

    @Test
    void recordsOfExpiredJwtsAndOldLoginFailuresArePurged() throws Exception {
        String jti = api().mint(admin(), "{\"scope\":\"x:y\",\"ttl\":\"1s\"}").getString("jti");
        String stale = Api.unique("stale");
        try (java.sql.Connection db = dev.latch.support.Database.connect();
                var insert =
                        db.prepareStatement(
                                "insert into login_failure (username, source_ip, at) values (?, '10.1.1.1', now() - interval '1 day')")) {
            insert.setString(1, stale);
            insert.executeUpdate();
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(40));
        boolean gone = false;
        while (!gone && Instant.now().isBefore(deadline)) {
            Thread.sleep(1000);
            gone = !api().get("api/v1/jwt/minted?limit=500", admin()).body().contains(jti);
        }
        assertEquals(true, gone, "the expired JWT's record is purged");
        assertEquals(
                0,
                dev.latch.support.Database.rowsContaining(
                        java.util.List.of("login_failure"), stale));
    }
}
