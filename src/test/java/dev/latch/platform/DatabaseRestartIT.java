package dev.latch.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latch.support.Api;
import dev.latch.support.LatchIT;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stops and starts while clients issue, authenticate, introspect and read the JWKS:
 * during the outage every answer is a prompt 503 with Retry-After, afterwards every acknowledged
 * write is there, and the server recovers by itself within 5 s.
 */
class DatabaseRestartIT extends LatchIT {

    private static void pgctl(String action) throws Exception {
        String[] cluster = System.getProperty("latch.test.pg.cluster", "").split(" ");
        Process p =
                new ProcessBuilder(
                                "pg_ctlcluster",
                                "--skip-systemctl-redirect",
                                cluster[0],
                                cluster[1],
                                action,
                                "-m",
                                "fast")
                        .inheritIO()
                        .start();
        assertTrue(
                p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "pg_ctlcluster " + action);
    }

    @Test
    void aRestartUnderLoadLosesNothingAcknowledgedAndOnlyAnswers503() throws Exception {
        Assumptions.assumeTrue(
                System.getProperty("latch.test.pg.cluster", "").matches("[0-9.]+ \\S+"),
                "bin/latch-test names the PostgreSQL cluster it prepared (LATCH_TEST_PG_CLUSTER)");
        String operator =
                api().issue(admin(), Api.unique("restart"), List.of("tokens.read", "tokens.manage"))
                        .getString("token");
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        List<String> wrong = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(6);
        for (int c = 0; c < 6; c++) {
            int client = c;
            clients.submit(
                    () -> {
                        while (running.get()) {
                            Api.Reply reply;
                            long started = System.nanoTime();
                            try {
                                reply =
                                        switch (client % 4) {
                                            case 0 ->
                                                    api().post(
                                                                    "api/v1/tokens",
                                                                    operator,
                                                                    "{\"name\":\""
                                                                            + Api.unique("r")
                                                                            + "\",\"permissions\":[\"tokens.read\"]}");
                                            case 1 -> api().get("api/v1/whoami", operator);
                                            case 3 -> api().get(".well-known/jwks.json", null);
                                            default ->
                                                    api().form(
                                                                    "api/v1/introspect",
                                                                    operator,
                                                                    "token",
                                                                    operator);
                                        };
                            } catch (RuntimeException e) {
                                wrong.add("no answer: " + e);
                                continue;
                            }
                            long millis = (System.nanoTime() - started) / 1_000_000;
                            statuses.merge(reply.status(), 1, Integer::sum);
                            if (reply.status() == 201) {
                                acknowledged.put(reply.string("token_id"), reply.string("name"));
                            } else if (reply.status() == 503) {
                                if (reply.header("Retry-After") == null
                                        || !"unavailable".equals(reply.string("code"))) {
                                    wrong.add("503 without Retry-After or code: " + reply.body());
                                }
                            } else if (reply.status() != 200) {
                                wrong.add(reply.status() + ": " + reply.body());
                            }
                            if (millis > 10_000) {
                                wrong.add("an answer took " + millis + " ms");
                            }
                        }
                        return null;
                    });
        }
        Thread.sleep(3000);
        pgctl("stop");
        Thread.sleep(3000);
        pgctl("start");
        Instant back = Instant.now();
        Duration recovery = null;
        while (recovery == null && Duration.between(back, Instant.now()).toSeconds() < 30) {
            if (api().get("api/v1/whoami", operator).status() == 200) {
                recovery = Duration.between(back, Instant.now());
            } else {
                Thread.sleep(100);
            }
        }
        Thread.sleep(2000);
        running.set(false);
        clients.shutdown();
        assertTrue(clients.awaitTermination(60, TimeUnit.SECONDS));
        System.out.printf(
                "restart under load: %s, recovered %s after the database was back%n",
                statuses, recovery);
        assertTrue(
                wrong.isEmpty(), String.join("\n", wrong.subList(0, Math.min(20, wrong.size()))));
        assertTrue(
                recovery != null && recovery.toMillis() <= 5000,
                "recovered within 5 s: " + recovery);
        assertTrue(statuses.getOrDefault(503, 0) > 0, "the outage was seen: " + statuses);
        for (String id : acknowledged.keySet()) {
            assertEquals(
                    200,
                    api().get("api/v1/tokens/" + id, admin()).status(),
                    "acknowledged token " + id);
        }
    }
}
