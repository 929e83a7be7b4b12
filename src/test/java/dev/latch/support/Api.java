package dev.latch.support;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** A small HTTP client for Latch's API, as a script or another service would call it. */
public final class Api {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;
    private final HttpClient http;

    public Api(URL deployment) {
        this(URI.create(deployment.toString().replaceAll("/$", "") + "/"), HTTP);
    }

    /** Through a client of its own, e.g. one that presents a TLS client certificate. */
    public Api(URI base, HttpClient http) {
        this.base = base;
        this.http = http;
    }

    /** The bootstrap token written on the first start of the test database. */
    public static String bootstrapToken() {
        Path file = Path.of(System.getProperty("latch.test.data.dir"), "bootstrap.token");
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "no " + file + ": the tests need a fresh database (bin/latch-test makes one)",
                    e);
        }
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public Reply get(String path, String token) {
        return send(request(path, token).GET());
    }

    public Reply delete(String path, String token) {
        return send(request(path, token).DELETE());
    }

    public Reply post(String path, String token, String json) {
        return send(
                request(path, token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A login as if from {@code source}: the test client is a trusted proxy. */
    public Reply loginFrom(String username, String password, String source) {
        return send(
                request("api/v1/auth/login", null)
                        .header("Content-Type", "application/json")
                        .header("X-Forwarded-For", source)
                        .POST(
                                HttpRequest.BodyPublishers.ofString(
                                        "{\"username\":\""
                                                + username
                                                + "\",\"password\":\""
                                                + password
                                                + "\"}")));
    }

    public Reply form(String path, String token, String field, String value) {
        String body = field + "=" + java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
        return send(
                request(path, token)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Mints a JWT with the given JSON body and returns the response's JSON. */
    public JsonObject mint(String token, String body) {
        Reply reply = post("api/v1/jwt/mint", token, body);
        if (reply.status() != 200) {
            throw new AssertionError("mint answered " + reply.status() + ": " + reply.body());
        }
        return reply.json();
    }

    public Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response =
                    http.send(
                            request.build(),
                            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(response.statusCode(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(base.resolve(path.replaceFirst("^/", "")))
                        .timeout(Duration.ofSeconds(30))
                        .header("User-Agent", "latch-it");
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    /** Issues an operator token with the given body fields and returns the response's JSON. */
    public JsonObject issue(String token, String name, List<String> permissions) {
        var perms = Json.createArrayBuilder(permissions).build();
        Reply reply =
                post(
                        "api/v1/tokens",
                        token,
                        Json.createObjectBuilder()
                                .add("name", name)
                                .add("permissions", perms)
                                .build()
                                .toString());
        if (reply.status() != 201) {
            throw new AssertionError(
                    "issue " + name + " answered " + reply.status() + ": " + reply.body());
        }
        return reply.json();
    }

    /** Issues an operator token that lives {@code ttl}, with the caller's permissions. */
    public JsonObject issue(String token, String name, String ttl) {
        Reply reply =
                post(
                        "api/v1/tokens",
                        token,
                        Json.createObjectBuilder()
                                .add("name", name)
                                .add("ttl", ttl)
                                .build()
                                .toString());
        if (reply.status() != 201) {
            throw new AssertionError(
                    "issue " + name + " answered " + reply.status() + ": " + reply.body());
        }
        return reply.json();
    }

    public record Reply(int status, HttpResponse<String> response) {

        public String body() {
            return response.body();
        }

        public JsonObject json() {
            return Json.createReader(new StringReader(body())).readObject();
        }

        public JsonArray items() {
            return json().getJsonArray("items");
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        public String string(String field) {
            JsonValue value = json().get(field);
            return value == null || value == JsonValue.NULL ? null : json().getString(field);
        }
    }
}
