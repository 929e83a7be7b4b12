package dev.latch.platform;

import static dev.latch.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.latch.support.Api;
import dev.latch.support.Endpoints;
import dev.latch.support.Endpoints.Endpoint;
import dev.latch.support.LatchIT;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Bodies are small documents: on every endpoint that reads one, more than the limit (64 KiB) is
 * refused with 413 whether it comes as JSON or a form, announced by Content-Length or chunked.
 */
class BodyLimitIT extends LatchIT {

    private static final int TOO_MANY = 70 * 1024;

    private Api.Reply send(
            Endpoint endpoint, String token, String contentType, HttpRequest.BodyPublisher body) {
        String path =
                endpoint.path()
                        .replaceAll("\\{[a-z_]+\\}", UUID.randomUUID().toString())
                        .substring(1);
        // HTTP/1.1, where Content-Length and chunked are what they say (HTTP/2 frames either way)
        return api().send(
                        api().request(path, token)
                                .version(HttpClient.Version.HTTP_1_1)
                                .header("Content-Type", contentType)
                                .method(endpoint.method(), body));
    }

    private static String json() {
        return "{\"name\":\"" + "x".repeat(TOO_MANY) + "\"}";
    }

    private static String form() {
        return "token=" + "x".repeat(TOO_MANY);
    }

    @Test
    void everyBodyOverTheLimitIsRefusedWith413() {
        String admin =
                api().issue(admin(), Api.unique("bodies"), List.of("admin")).getString("token");
        Set<Endpoint> forms = Endpoints.readingForms();
        for (Endpoint endpoint : Endpoints.readingBodies()) {
            // announced by Content-Length: refused before any resource is chosen, whatever the kind
            for (String[] kind :
                    new String[][] {
                        {"application/json", json()}, {"application/x-www-form-urlencoded", form()}
                    }) {
                var reply =
                        send(
                                endpoint,
                                admin,
                                kind[0],
                                HttpRequest.BodyPublishers.ofString(kind[1]));
                assertEquals(
                        413, reply.status(), endpoint + " as " + kind[0] + ": " + reply.body());
                assertProblem(reply, 413, "invalid_argument");
            }
            // chunked, of the endpoint's own kind: refused while it is being read
            boolean form = forms.contains(endpoint);
            byte[] bytes = ((form ? form() : json()) + " ".repeat(2 * 1024 * 1024)).getBytes();
            var chunked =
                    send(
                            endpoint,
                            admin,
                            form ? "application/x-www-form-urlencoded" : "application/json",
                            HttpRequest.BodyPublishers.ofInputStream(
                                    () -> new ByteArrayInputStream(bytes)));
            assertEquals(413, chunked.status(), endpoint + " chunked: " + chunked.body());
            assertProblem(chunked, 413, "invalid_argument");
        }
    }
}
