package dev.latch.support;

import com.sun.net.httpserver.HttpServer;
import dev.latch.platform.control.SecretFile;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook receiver of the test servers' {@code latch.webhooks.urls} (the pom sets it): records
 * every request and answers 200, or the statuses a test scripted for a credential.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as it arrived. */
    public record Received(String deliveryId, String signature, String body, Instant at) {

        public JsonObject json() {
            return Json.createReader(new StringReader(body)).readObject();
        }

        public String credentialId() {
            return json().getJsonObject("credential").getString("id");
        }

        public String credentialName() {
            return json().getJsonObject("credential").getString("name");
        }

        public String threshold() {
            return json().getString("threshold");
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Integer>> scripted = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private volatile Duration slowness = Duration.ZERO;

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    /** Listens where the test servers send their webhooks. */
    public static WebhookReceiver start() throws IOException {
        URI url = URI.create(System.getenv("LATCH_WEBHOOKS_URLS"));
        HttpServer server =
                HttpServer.create(new InetSocketAddress(url.getHost(), url.getPort()), 50);
        WebhookReceiver receiver = new WebhookReceiver(server);
        server.createContext(
                url.getPath(),
                exchange -> {
                    receiver.mostInFlight.accumulateAndGet(
                            receiver.inFlight.incrementAndGet(), Math::max);
                    String body =
                            new String(
                                    exchange.getRequestBody().readAllBytes(),
                                    StandardCharsets.UTF_8);
                    Received r =
                            new Received(
                                    exchange.getRequestHeaders().getFirst("Latch-Delivery"),
                                    exchange.getRequestHeaders().getFirst("Latch-Signature"),
                                    body,
                                    Instant.now());
                    receiver.received.add(r);
                    Deque<Integer> script = receiver.scripted.get(r.credentialName());
                    Integer status = script == null ? null : script.poll();
                    try {
                        Thread.sleep(receiver.slowness.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    receiver.inFlight.decrementAndGet();
                    exchange.sendResponseHeaders(status == null ? 200 : status, -1);
                    exchange.close();
                });
        // requests are answered side by side, so two senders at once show as two in flight
        server.setExecutor(receiver.threads);
        server.start();
        return receiver;
    }

    /**
     * The next requests warning of a credential of this name are answered with these statuses: set
     * before the credential exists, so no delivery comes first.
     */
    public void answer(String credentialName, Integer... statuses) {
        scripted.put(credentialName, new ArrayDeque<>(List.of(statuses)));
    }

    /** Every request is answered only after this long. */
    public void slow(Duration by) {
        slowness = by;
    }

    /** The most requests that were being answered at one time. */
    public int mostInFlight() {
        return mostInFlight.get();
    }

    /** The requests that warned of this credential, in the order they arrived. */
    public List<Received> of(String credentialId) {
        return received.stream().filter(r -> r.credentialId().equals(credentialId)).toList();
    }

    /** When each request warning of this credential arrived. */
    public List<Instant> arrivals(String credentialId) {
        return of(credentialId).stream().map(Received::at).toList();
    }

    /** {@code sha256=<hex HMAC-SHA256>} of the body under the test servers' webhook key. */
    public static String signatureOf(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            return "sha256="
                    + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key the test servers generated in their data directory. */
    public static byte[] key() {
        Path file = Path.of(System.getProperty("latch.test.data.dir"), "webhook-signing.key");
        return SecretFile.key(Optional.of(file.toString()), file);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
