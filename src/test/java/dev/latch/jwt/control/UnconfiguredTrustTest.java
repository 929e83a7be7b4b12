package dev.latch.jwt.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.latch.platform.control.ErrorCode;
import dev.latch.platform.control.LatchException;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What the test server cannot show, because it has both configured: without an internal key file
 * internal issuing does not exist, and without an HS256 secret file no HS256 JWT is accepted.
 */
class UnconfiguredTrustTest {

    @Test
    void withoutAnInternalKeyFileInternalIssuingIsNotFound() {
        InternalIssuing issuing = new InternalIssuing();
        issuing.keyFile = Optional.empty();
        LatchException e =
                assertThrows(
                        LatchException.class,
                        () -> issuing.issue("any", "svc", "aud", "x:y", "1h"));
        assertEquals(ErrorCode.NOT_FOUND, e.code());
    }

    @Test
    void withoutAnHs256SecretFileHs256IsRefused() {
        JwtBearer bearer = new JwtBearer();
        bearer.hs256 = new Hs256Trust();
        bearer.hs256.secretFile = Optional.empty();
        bearer.issuer = "http://localhost:8080";
        bearer.audience = "latch";
        String jwt =
                Jwts.builder()
                        .issuer("http://localhost:8080")
                        .subject("local")
                        .audience()
                        .single("latch")
                        .signWith(
                                Keys.hmacShaKeyFor(
                                        "a-secret-a-secret-a-secret-a-secret!"
                                                .getBytes(StandardCharsets.UTF_8)),
                                Jwts.SIG.HS256)
                        .compact();
        LatchException e = assertThrows(LatchException.class, () -> bearer.authenticate(jwt));
        assertEquals(ErrorCode.UNAUTHENTICATED, e.code());
        assertEquals("HS256 JWTs are not accepted here", e.getMessage());
    }
}
