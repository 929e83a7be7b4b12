package dev.latch.expiry.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Sends what is due, claim after claim, until nothing is: POST of the stored body with its
 * signature and its delivery id, so a receiver can verify it and drop a repeat. 2xx is delivered;
 * any other answer, a timeout or no connection is a failed attempt.
 */
@ApplicationScoped
public class WebhookSender {

    public static final String DELIVERY_HEADER = "Latch-Delivery";

    private static final System.Logger LOG = System.getLogger(WebhookSender.class.getName());

    @Inject DeliveryQueue queue;

    @Inject Webhooks webhooks;

    @Inject WebhookKey key;

    private HttpClient http;

    @PostConstruct
    void open() {
        http =
                HttpClient.newBuilder()
                        .connectTimeout(webhooks.requestTimeout())
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
    }

    public void sendDue() {
        List<DeliveryQueue.Claimed> claimed;
        do {
            claimed = queue.claim();
            claimed.forEach(this::send);
        } while (claimed.size() == DeliveryQueue.BATCH);
    }

    private void send(DeliveryQueue.Claimed delivery) {
        byte[] body = delivery.body().getBytes(StandardCharsets.UTF_8);
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(delivery.url()))
                        .timeout(webhooks.requestTimeout())
                        .header("Content-Type", "application/json")
                        .header("User-Agent", "Latch-Webhook")
                        .header(WebhookSignature.HEADER, WebhookSignature.of(key.bytes(), body))
                        .header(DELIVERY_HEADER, delivery.id().toString())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 == 2) {
                queue.delivered(delivery.id(), status);
            } else {
                queue.failed(delivery.id(), delivery.attempt(), status, "HTTP " + status);
            }
        } catch (IOException e) {
            queue.failed(delivery.id(), delivery.attempt(), null, noAnswer(e));
            LOG.log(
                    System.Logger.Level.DEBUG,
                    "Webhook delivery {0} attempt {1} failed: {2}",
                    delivery.id(),
                    delivery.attempt(),
                    e.toString());
        } catch (InterruptedException e) {
            // shutting down: the lease runs out and another node (or this one, later) sends it
            Thread.currentThread().interrupt();
        }
    }

    /** Why a receiver gave no answer, in words for the delivery log (no exception text). */
    static String noAnswer(IOException e) {
        if (e instanceof java.net.http.HttpTimeoutException) {
            return "timed out";
        }
        if (e instanceof java.net.ConnectException) {
            return "connection refused or unreachable";
        }
        return "no answer: the connection failed";
    }
}
