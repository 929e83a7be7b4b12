package dev.latch.expiry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latch.support.Api;
import dev.latch.support.Database;
import dev.latch.support.LatchIT;
import dev.latch.support.Trees;
import dev.latch.support.WebhookReceiver;
import dev.latch.support.WebhookReceiver.Received;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one database, both checking every second and both sending to the same receiver:
 * every warning arrives once. The second node is the build's WildFly with a base directory of its
 * own (as bin/latch-server runs it), the same environment as the test server (database, data
 * directory and so the webhook key, settings), on the test's port offset + 50.
 */
class TwoNodeWarningsIT extends LatchIT {

    private static final int OFFSET = Integer.getInteger("latch.test.port.offset", 100) + 50;
    private static final Path HOME = Path.of(System.getProperty("jboss.home"));
    private static final Path BASE =
            Path.of(System.getProperty("latch.war")).getParent().resolve("second-node");

    private WebhookReceiver receiver;
    private Process second;

    @BeforeEach
    void startTheSecondNode() throws Exception {
        receiver = WebhookReceiver.start();
        Trees.delete(BASE);
        Files.createDirectories(BASE.resolve("deployments"));
        Trees.copy(HOME.resolve("standalone/configuration"), BASE.resolve("configuration"));
        Files.copy(
                Path.of(System.getProperty("latch.war")),
                BASE.resolve("deployments/ROOT.war"),
                StandardCopyOption.REPLACE_EXISTING);
        ProcessBuilder start =
                new ProcessBuilder(
                                HOME.resolve("bin/standalone.sh").toString(),
                                "-Djboss.server.base.dir=" + BASE,
                                "-Djboss.socket.binding.port-offset=" + OFFSET,
                                "-Djboss.node.name=latch-second",
                                "-Djboss.tx.node.id=latch-second")
                        .redirectErrorStream(true)
                        .redirectOutput(BASE.resolve("server-start.log").toFile());
        start.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
        second = start.start();
        Api node = secondNode();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (!answers(node)) {
            assertTrue(
                    second.isAlive() && Instant.now().isBefore(deadline),
                    "the second node did not start; see " + BASE);
            Thread.sleep(1000);
        }
    }

    @AfterEach
    void stopIt() throws Exception {
        receiver.close();
        second.destroy();
        if (!second.waitFor(60, TimeUnit.SECONDS)) {
            second.descendants().forEach(ProcessHandle::destroyForcibly);
            second.destroyForcibly();
        }
    }

    private static boolean answers(Api node) {
        try {
            return node.get("api/v1/whoami", admin()).status() == 200;
        } catch (UncheckedIOException notYetListening) {
            return false;
        }
    }

    private Api secondNode() throws Exception {
        return new Api(URI.create("http://127.0.0.1:" + (8080 + OFFSET) + "/").toURL());
    }

    @Test
    void everyWarningArrivesOnceWhileBothNodesWarnAndSend() throws Exception {
        // a slow receiver keeps one node sending while the other's check finds the rest due
        receiver.slow(Duration.ofMillis(300));
        List<Api> nodes = List.of(api(), secondNode());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            var reply =
                    nodes.get(i % 2)
                            .post(
                                    "api/v1/tokens",
                                    admin(),
                                    "{\"name\":\""
                                            + Api.unique("two-nodes")
                                            + "\",\"ttl\":\"12h\"}");
            assertEquals(201, reply.status(), reply.body());
            ids.add(reply.json().getString("token_id"));
        }
        WebhooksIT.await(
                "every warning",
                Duration.ofSeconds(60),
                () -> ids.stream().noneMatch(id -> receiver.of(id).isEmpty()));
        Thread.sleep(5000); // five more checks on each node

        for (String id : ids) {
            List<Received> received = receiver.of(id);
            assertEquals(1, received.size(), "requests warning of " + id);
            assertEquals("1d", received.get(0).threshold());
            assertEquals(
                    WebhookReceiver.signatureOf(received.get(0).body()),
                    received.get(0).signature());
        }
        assertEquals(
                ids.size(),
                Database.number(
                        "select count(*) from webhook_delivery where status = 'delivered'"
                                + " and attempts = 1 and credential_id in ('"
                                + String.join("', '", ids)
                                + "')"));
        // each node sends one delivery at a time: two at once were sent by both nodes
        assertTrue(receiver.mostInFlight() >= 2, "only one node sent");
    }
}
