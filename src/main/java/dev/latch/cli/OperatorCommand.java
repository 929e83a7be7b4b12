package dev.latch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import io.jsonwebtoken.security.WeakKeyException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * bus's {@code operator token issue}: a service JWT from the internal issuing endpoint, or with
 * --local an HS256 JWT signed here. Secrets only from files or the environment, never as flags.
 */
@Command(
        name = "operator",
        description = "Operator service tokens (bus).",
        subcommands = OperatorCommand.Token.class)
final class OperatorCommand {

    @Command(name = "token", description = "Issue service JWTs with the internal key (bus).")
    static final class Token {

        private final Latch latch;

        @Option(
                names = "--api-url",
                scope = ScopeType.INHERIT,
                paramLabel = "URL",
                description = "the server (default --server)")
        String apiUrl;

        @Option(
                names = "--internal-key-file",
                scope = ScopeType.INHERIT,
                paramLabel = "FILE",
                description = "the internal shared key (or env BUS_OPERATOR_INTERNAL_KEY)")
        Path internalKeyFile;

        Token(Latch latch) {
            this.latch = latch;
        }

        @PrintsCredential
        @Command(name = "issue", description = "Print one bearer JWT for --subject.")
        int issue(
                @Option(names = "--subject", required = true, paramLabel = "ID") String subject,
                @Option(
                                names = "--audience",
                                paramLabel = "AUD",
                                description = "required unless --local (default there: latch)")
                        String audience,
                @Option(
                                names = "--scope",
                                required = true,
                                paramLabel = "SCOPES",
                                description = "space-separated")
                        String scope,
                @Option(names = "--ttl", paramLabel = "DURATION", description = "lifetime (1h)")
                        String ttl,
                @Option(names = "--local", description = "sign here with the HS256 secret")
                        boolean local,
                @Option(
                                names = "--hs256-secret-file",
                                paramLabel = "FILE",
                                description = "with --local (or env BUS_AUTH_HS256_SECRET)")
                        Path secretFile,
                @Option(
                                names = "--issuer",
                                paramLabel = "ISS",
                                description =
                                        "with --local: the iss Latch expects (default the server URL)")
                        String issuer) {
            String lifetime = ttl == null ? "1h" : ttl;
            Duration duration = Latch.duration("--ttl", lifetime, Duration.ofDays(365));
            URI base = apiUrl == null ? latch.serverUrl() : Latch.url(apiUrl, "--api-url");
            scope = String.join(" ", scope.strip().split("\\s+"));
            if (local) {
                String jwt =
                        signLocally(base, subject, audience, scope, duration, secretFile, issuer);
                latch.result(
                        Server.JSON
                                .createObjectNode()
                                .put("access_token", jwt)
                                .put("token_type", "Bearer")
                                .put("expires_in", duration.toSeconds()),
                        () -> jwt + "\n",
                        jwt);
                return 0;
            }
            if (audience == null) {
                throw new Usage("--audience is required (Latch mints for a named audience)");
            }
            String key =
                    internalKeyFile != null
                            ? Latch.readSecret(internalKeyFile, "--internal-key-file")
                            : latch.env.get("BUS_OPERATOR_INTERNAL_KEY");
            if (key == null || key.isBlank()) {
                throw new Usage("missing --internal-key-file or BUS_OPERATOR_INTERNAL_KEY");
            }
            Map<String, String> body = new LinkedHashMap<>();
            body.put("subject", subject);
            body.put("audience", audience);
            body.put("scope", scope);
            body.put("ttl", lifetime);
            JsonNode issued =
                    new Server(base, key.strip(), latch.timeout(), latch.caCert)
                            .post("api/internal/auth/token", body);
            String jwt = issued.path("access_token").asText();
            latch.result(issued, () -> jwt + "\n", jwt);
            return 0;
        }

        /** bus's HS256 claim shape: iss, sub, aud, scope, jti, iat, exp. */
        private String signLocally(
                URI base,
                String subject,
                String audience,
                String scope,
                Duration ttl,
                Path secretFile,
                String issuer) {
            String secret =
                    secretFile != null
                            ? Latch.readSecret(secretFile, "--hs256-secret-file")
                            : latch.env.get("BUS_AUTH_HS256_SECRET");
            if (secret == null || secret.isBlank()) {
                throw new Usage("--local needs --hs256-secret-file or BUS_AUTH_HS256_SECRET");
            }
            Instant now = Instant.now();
            try {
                return Jwts.builder()
                        .issuer(issuer != null ? issuer : base.toString().replaceAll("/$", ""))
                        .subject(subject)
                        .audience()
                        .add(audience == null ? "latch" : audience)
                        .and()
                        .claim("scope", scope)
                        .id(UUID.randomUUID().toString())
                        .issuedAt(Date.from(now))
                        .expiration(Date.from(now.plus(ttl)))
                        .signWith(
                                Keys.hmacShaKeyFor(secret.strip().getBytes(StandardCharsets.UTF_8)),
                                Jwts.SIG.HS256)
                        .compact();
            } catch (WeakKeyException e) {
                throw new Usage("the HS256 secret must hold at least 32 bytes");
            }
        }
    }
}
