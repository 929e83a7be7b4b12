package dev.latch.support;

import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/** JWTs as a bus --local signer makes them, with the HS256 secret the test server trusts. */
public final class Hs256Jwts {

    private Hs256Jwts() {}

    /** Claims for Latch's audience, living {@code lifetimeSeconds} from now. */
    public static JwtBuilder claims(String scope, long lifetimeSeconds) {
        Instant now = Instant.now();
        return Jwts.builder()
                .issuer("http://localhost:8080")
                .subject("local")
                .audience()
                .add("latch")
                .and()
                .claim("scope", scope)
                .id(UUID.randomUUID().toString())
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plusSeconds(lifetimeSeconds)));
    }

    public static String sign(JwtBuilder jwt) {
        try {
            Path file = Path.of(System.getProperty("latch.test.resources"), "hs256-secret.txt");
            byte[] secret = Files.readString(file).strip().getBytes(StandardCharsets.UTF_8);
            return jwt.signWith(Keys.hmacShaKeyFor(secret), Jwts.SIG.HS256).compact();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
