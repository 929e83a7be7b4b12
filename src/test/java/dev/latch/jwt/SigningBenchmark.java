package dev.latch.jwt;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.SignatureAlgorithm;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Signing and verification cost of RS256 (2048-bit) and ES256 (P-256) with jjwt, as Latch signs. A
 * benchmark, not a test: run it with {@code mvn -q test-compile exec:java
 * -Dexec.mainClass=dev.latch.jwt.SigningBenchmark -Dexec.classpathScope=test}.
 */
public final class SigningBenchmark {

    private static final int WARMUP = 2_000;
    private static final int ROUNDS = 5_000;

    private SigningBenchmark() {}

    public static void main(String[] args) throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        System.out.printf("%-6s %12s %12s%n", "alg", "sign µs/op", "verify µs/op");
        measure("RS256", Jwts.SIG.RS256, rsa.generateKeyPair());
        measure("ES256", Jwts.SIG.ES256, ec.generateKeyPair());
    }

    private static void measure(String name, SignatureAlgorithm algorithm, KeyPair keys) {
        String token = sign(algorithm, keys);
        for (int i = 0; i < WARMUP; i++) {
            verify(sign(algorithm, keys), keys);
        }
        long start = System.nanoTime();
        for (int i = 0; i < ROUNDS; i++) {
            token = sign(algorithm, keys);
        }
        long signed = System.nanoTime();
        for (int i = 0; i < ROUNDS; i++) {
            verify(token, keys);
        }
        long verified = System.nanoTime();
        System.out.printf(
                "%-6s %12.1f %12.1f%n",
                name, (signed - start) / 1e3 / ROUNDS, (verified - signed) / 1e3 / ROUNDS);
    }

    private static String sign(SignatureAlgorithm algorithm, KeyPair keys) {
        Instant now = Instant.now();
        return Jwts.builder()
                .header()
                .keyId("bench")
                .and()
                .issuer("http://localhost:8080")
                .subject("bench")
                .audience()
                .single("latch")
                .claim("scope", "tokens.read")
                .id(UUID.randomUUID().toString())
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plusSeconds(3600)))
                .signWith(keys.getPrivate(), algorithm)
                .compact();
    }

    private static void verify(String token, KeyPair keys) {
        Jwts.parser().verifyWith(keys.getPublic()).build().parseSignedClaims(token);
    }
}
