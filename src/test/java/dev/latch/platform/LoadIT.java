package dev.latch.platform;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latch.support.Api;
import dev.latch.support.LatchIT;
import dev.latch.users.SessionsIT;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * 200 concurrent clients mix issue, list, authenticate, introspect, login with right and wrong
 * passwords, and revoke: no answer is a 5xx other than a 503 with Retry-After. The run lasts
 * latch.test.load.seconds (10 in bin/latch-test; docs/load.sh runs it for 60).
 */
class LoadIT extends LatchIT {

    private static final int CLIENTS = 200;

    @Test
    void twoHundredClientsMixingEveryKindOfCallGetNo5xx() throws Exception {
        int seconds = Integer.getInteger("latch.test.load.seconds", 10);
        String operator =
                api().issue(admin(), Api.unique("load"), List.of("tokens.read", "tokens.manage"))
                        .getString("token");
        JsonObject user = SessionsIT.user(api(), "viewer");
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        List<String> wrong = new CopyOnWriteArrayList<>();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int c = 0; c < CLIENTS; c++) {
            Random random = new Random(c);
            clients.submit(
                    () -> {
                        List<String> mine = new ArrayList<>();
                        while (System.nanoTime() < end) {
                            Api.Reply reply =
                                    switch (random.nextInt(8)) {
                                        case 0 -> {
                                            var issued =
                                                    api().post(
                                                                    "api/v1/tokens",
                                                                    operator,
                                                                    "{\"name\":\""
                                                                            + Api.unique("l")
                                                                            + "\",\"permissions\":[\"tokens.read\"]}");
                                            if (issued.status() == 201) {
                                                mine.add(issued.string("token_id"));
                                            }
                                            yield issued;
                                        }
                                        case 1 -> api().get("api/v1/tokens?limit=20", operator);
                                        case 2 -> api().get("api/v1/whoami", operator);
                                        case 3 ->
                                                api().form(
                                                                "api/v1/introspect",
                                                                operator,
                                                                "token",
                                                                operator);
                                        case 4 ->
                                                mine.isEmpty()
                                                        ? api().get("api/v1/audit/verify", operator)
                                                        : api().delete(
                                                                        "api/v1/tokens/"
                                                                                + mine.remove(0),
                                                                        operator);
                                        case 5 ->
                                                api().post(
                                                                "api/v1/auth/login",
                                                                null,
                                                                "{\"username\":\""
                                                                        + user.getString("username")
                                                                        + "\",\"password\":\""
                                                                        + (random.nextBoolean()
                                                                                ? SessionsIT
                                                                                        .PASSWORD
                                                                                : "wrong password")
                                                                        + "\"}");
                                        case 6 ->
                                                api().get("api/v1/whoami", "lop_" + "Z".repeat(49));
                                        default -> api().get(".well-known/jwks.json", null);
                                    };
                            statuses.merge(reply.status(), 1, Integer::sum);
                            boolean retryable =
                                    reply.status() == 503 && reply.header("Retry-After") != null;
                            if (reply.status() >= 500 && !retryable) {
                                wrong.add(reply.status() + ": " + reply.body());
                            }
                        }
                        return null;
                    });
        }
        clients.shutdown();
        assertTrue(clients.awaitTermination(seconds + 120L, TimeUnit.SECONDS));
        System.out.printf("load: %d clients for %d s: %s%n", CLIENTS, seconds, statuses);
        assertTrue(
                wrong.isEmpty(),
                wrong.size()
                        + " server errors, e.g. "
                        + wrong.subList(0, Math.min(5, wrong.size())));
    }
}
