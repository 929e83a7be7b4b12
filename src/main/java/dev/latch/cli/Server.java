package dev.latch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

/**
 * Latch's REST API over the JDK's HTTP client: JSON in, JSON out, problem+json as {@link Refused}.
 */
final class Server {

    static final ObjectMapper JSON =
            new ObjectMapper()
                    .enable(
                            com.fasterxml.jackson.databind.DeserializationFeature
                                    .FAIL_ON_TRAILING_TOKENS);

    private final URI base;
    private final String bearer;
    private final Duration timeout;
    private final HttpClient http;

    Server(URI base, String bearer, Duration timeout, Path caCert) {
        this.base = base;
        this.bearer = bearer;
        this.timeout = timeout;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout);
        if (caCert != null) {
            builder.sslContext(trusting(caCert));
        }
        this.http = builder.build();
    }

    URI base() {
        return base;
    }

    JsonNode get(String path, Map<String, String> query) {
        return send("GET", path + queryString(query), null);
    }

    JsonNode post(String path, Object body) {
        return send("POST", path, body);
    }

    JsonNode delete(String path) {
        return send("DELETE", path, null);
    }

    /** Every page of a keyset-paged list, following {@code next_cursor}. */
    JsonNode all(String path, Map<String, String> query, String itemsField) {
        var items = JSON.createArrayNode();
        var params = new java.util.LinkedHashMap<>(query);
        params.put("limit", "500");
        while (true) {
            JsonNode page = get(path, params);
            page.path(itemsField).forEach(items::add);
            String next = page.path("next_cursor").textValue();
            if (next == null) {
                return items;
            }
            params.put("cursor", next);
        }
    }

    JsonNode send(String method, String path, Object body) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(base.resolve(path))
                        .timeout(timeout)
                        .header("Accept", "application/json")
                        .header("User-Agent", "latch-cli/" + Latch.VERSION);
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new Refused(
                    0, null, "no answer from " + base + " within " + timeout.toSeconds() + "s");
        } catch (ConnectException e) {
            throw new Refused(0, null, "cannot reach " + base + " (connection refused)");
        } catch (SSLHandshakeException e) {
            throw new Refused(
                    0, null, "the certificate of " + base + " is not trusted; pass --ca-cert");
        } catch (IOException e) {
            throw new Refused(0, null, "cannot reach " + base + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused(0, null, "interrupted");
        }
        int status = response.statusCode();
        if (status >= 300 && status < 400) {
            throw new Refused(
                    status,
                    null,
                    "the server answered HTTP "
                            + status
                            + " (to "
                            + response.headers().firstValue("Location").orElse("nowhere")
                            + "); give that URL as --server");
        }
        JsonNode answer = parse(response.body());
        if (status < 300 && status != 204 && !answer.isContainerNode()) {
            throw new Refused(status, null, "the answer from " + base + " is not Latch's JSON");
        }
        if (status >= 400) {
            throw Refused.of(
                    response.statusCode(),
                    answer.path("code").asText("http_" + response.statusCode()),
                    answer.path("reason").textValue(),
                    answer.path("detail").asText("HTTP " + response.statusCode()));
        }
        return answer;
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    private static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String queryString(Map<String, String> query) {
        StringJoiner joined = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach(
                (name, value) -> {
                    if (value != null) {
                        joined.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
                    }
                });
        return joined.toString();
    }

    /** Trusts the certificates in a PEM file (a private CA), and no other. */
    private static SSLContext trusting(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate cert :
                    CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, cert);
            }
            if (i == 0) {
                throw new Usage("--ca-cert " + pem + " holds no certificate");
            }
            TrustManagerFactory trust =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new Usage("--ca-cert " + pem + " is not a readable PEM certificate");
        }
    }
}
