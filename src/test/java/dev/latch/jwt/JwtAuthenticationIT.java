package dev.latch.jwt;

import static dev.latch.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.latch.support.LatchIT;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import jakarta.json.JsonObject;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;

/** JWTs on Latch's own API, and the attacks a verifier must refuse. */
class JwtAuthenticationIT extends LatchIT {

    private static final String ISSUER = "http://localhost:8080";

    private static SecretKey hs256Secret() throws Exception {
        Path file = Path.of(System.getProperty("latch.test.resources"), "hs256-secret.txt");
        return Keys.hmacShaKeyFor(Files.readString(file).strip().getBytes(StandardCharsets.UTF_8));
    }

    private JsonObject activeJwk() {
        String kid = api().mint(admin(), "{\"scope\":\"x:y\"}").getString("kid");
        return api()
                .get(".well-known/jwks.json", null)
                .json()
                .getJsonArray("keys")
                .getValuesAs(JsonObject.class)
                .stream()
                .filter(k -> k.getString("kid").equals(kid))
                .findFirst()
                .orElseThrow();
    }

    private static io.jsonwebtoken.JwtBuilder claims(String aud) {
        Instant now = Instant.now();
        return Jwts.builder()
                .issuer(ISSUER)
                .subject("mallory")
                .audience()
                .add(aud)
                .and()
                .claim("scope", "tokens.read")
                .id(UUID.randomUUID().toString())
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plusSeconds(3600)));
    }

    @Test
    void aMintedJwtForLatchAuthenticatesWithItsScopeAsPermissions() {
        JsonObject minted =
                api().mint(
                                admin(),
                                "{\"scope\":\"tokens.read vault:work:read\",\"aud\":\"latch\"}");
        JsonObject me = api().get("api/v1/whoami", minted.getString("token")).json();
        assertEquals("bootstrap", me.getString("identity"));
        assertEquals("jwt", me.getString("kind"));
        assertEquals(minted.getString("jti"), me.getString("token_id"));
        assertEquals(
                List.of("tokens.read"),
                me.getJsonArray("permissions").getValuesAs(jakarta.json.JsonString::getString));
    }

    @Test
    void aJwtForAnotherAudienceIsRefused() {
        String jwt =
                api().mint(admin(), "{\"scope\":\"tokens.read\",\"aud\":\"vault.work\"}")
                        .getString("token");
        assertProblem(api().get("api/v1/whoami", jwt), 401, "unauthenticated");
    }

    @Test
    void algNoneIsRefused() {
        String kid = activeJwk().getString("kid");
        String header = b64("{\"alg\":\"none\",\"kid\":\"" + kid + "\"}");
        String payload =
                b64(
                        "{\"iss\":\""
                                + ISSUER
                                + "\",\"sub\":\"mallory\",\"aud\":\"latch\",\"scope\":\"admin\",\"exp\":"
                                + Instant.now().plusSeconds(3600).getEpochSecond()
                                + "}");
        assertProblem(
                api().get("api/v1/whoami", header + "." + payload + "."), 401, "unauthenticated");
    }

    @Test
    void anHmacSignatureMadeFromThePublicKeyIsRefused() throws Exception {
        JsonObject jwk = activeJwk();
        PublicKey publicKey =
                KeyFactory.getInstance("RSA")
                        .generatePublic(
                                new RSAPublicKeySpec(
                                        new BigInteger(
                                                1,
                                                Base64.getUrlDecoder().decode(jwk.getString("n"))),
                                        new BigInteger(
                                                1,
                                                Base64.getUrlDecoder()
                                                        .decode(jwk.getString("e")))));
        String pem =
                "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder().encodeToString(publicKey.getEncoded())
                        + "\n-----END PUBLIC KEY-----\n";
        for (byte[] material :
                List.of(publicKey.getEncoded(), pem.getBytes(StandardCharsets.US_ASCII))) {
            String forged =
                    claims("latch")
                            .header()
                            .keyId(jwk.getString("kid"))
                            .and()
                            .signWith(Keys.hmacShaKeyFor(material), Jwts.SIG.HS256)
                            .compact();
            assertProblem(api().get("api/v1/whoami", forged), 401, "unauthenticated");
        }
    }

    @Test
    void anUnknownKidIsRefused() throws Exception {
        KeyPair attacker = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        String forged =
                claims("latch")
                        .header()
                        .keyId(UUID.randomUUID().toString())
                        .and()
                        .signWith(attacker.getPrivate(), Jwts.SIG.RS256)
                        .compact();
        assertProblem(api().get("api/v1/whoami", forged), 401, "unauthenticated");
    }

    @Test
    void aKnownKidWithAnotherKeysSignatureIsRefused() throws Exception {
        KeyPair attacker = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        String forged =
                claims("latch")
                        .header()
                        .keyId(activeJwk().getString("kid"))
                        .and()
                        .signWith(attacker.getPrivate(), Jwts.SIG.RS256)
                        .compact();
        assertProblem(api().get("api/v1/whoami", forged), 401, "unauthenticated");
    }

    @Test
    void aTamperedPayloadIsRefused() {
        String jwt =
                api().mint(admin(), "{\"scope\":\"tokens.read\",\"aud\":\"latch\"}")
                        .getString("token");
        String[] parts = jwt.split("\\.");
        String widened =
                b64(
                        new String(Base64.getUrlDecoder().decode(parts[1]))
                                .replace("tokens.read", "admin"));
        assertProblem(
                api().get("api/v1/whoami", parts[0] + "." + widened + "." + parts[2]),
                401,
                "unauthenticated");
    }

    @Test
    void hs256WithTheConfiguredSecretIsAccepted() throws Exception {
        String jwt =
                claims("latch")
                        .subject("local-codex")
                        .signWith(hs256Secret(), Jwts.SIG.HS256)
                        .compact();
        JsonObject me = api().get("api/v1/whoami", jwt).json();
        assertEquals("hs256:local-codex", me.getString("identity"));
        assertEquals(
                List.of("tokens.read"),
                me.getJsonArray("permissions").getValuesAs(jakarta.json.JsonString::getString));
    }

    @Test
    void hs256WithAnotherSecretIsRefused() {
        SecretKey other =
                Keys.hmacShaKeyFor(
                        "another-secret-another-secret-another!!".getBytes(StandardCharsets.UTF_8));
        assertProblem(
                api().get(
                                "api/v1/whoami",
                                claims("latch").signWith(other, Jwts.SIG.HS256).compact()),
                401,
                "unauthenticated");
    }

    @Test
    void aJwtNotYetValidIsRefused() throws Exception {
        String jwt =
                claims("latch")
                        .notBefore(Date.from(Instant.now().plusSeconds(600)))
                        .signWith(hs256Secret(), Jwts.SIG.HS256)
                        .compact();
        assertProblem(api().get("api/v1/whoami", jwt), 401, "unauthenticated");
    }

    @Test
    void aJwtFromAnotherIssuerIsRefused() throws Exception {
        String jwt =
                claims("latch")
                        .issuer("https://evil.example")
                        .signWith(hs256Secret(), Jwts.SIG.HS256)
                        .compact();
        assertProblem(api().get("api/v1/whoami", jwt), 401, "unauthenticated");
    }

    @Test
    void anExpiredHs256JwtIsRefusedAsExpired() throws Exception {
        Instant past = Instant.now().minusSeconds(60);
        String jwt =
                claims("latch")
                        .issuedAt(Date.from(past.minusSeconds(60)))
                        .expiration(Date.from(past))
                        .signWith(hs256Secret(), Jwts.SIG.HS256)
                        .compact();
        assertProblem(api().get("api/v1/whoami", jwt), 401, "token_expired");
    }

    @Test
    void garbageWithTwoDotsIsRefused() {
        assertProblem(api().get("api/v1/whoami", "a.b.c"), 401, "unauthenticated");
        assertProblem(api().get("api/v1/whoami", "..."), 401, "unauthenticated");
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
