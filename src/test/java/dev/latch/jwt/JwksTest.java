package dev.latch.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.latch.jwt.control.Jwks;
import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JwksTest {

    private static BigInteger unsigned(String base64url) {
        return new BigInteger(1, Base64.getUrlDecoder().decode(base64url));
    }

    @Test
    void anRsaKeyBecomesModulusAndExponent() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        RSAPublicKey key = (RSAPublicKey) generator.generateKeyPair().getPublic();
        Map<String, String> jwk = Jwks.jwk("k1", "RS256", key);
        assertEquals("RSA", jwk.get("kty"));
        assertEquals("k1", jwk.get("kid"));
        assertEquals("sig", jwk.get("use"));
        assertEquals(key.getModulus(), unsigned(jwk.get("n")));
        assertEquals(key.getPublicExponent(), unsigned(jwk.get("e")));
        assertEquals(256, Base64.getUrlDecoder().decode(jwk.get("n")).length, "no sign byte");
        assertFalse(jwk.containsKey("d"));
    }

    @Test
    void anEcKeyBecomesFixedWidthCoordinatesOnP256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        for (int i = 0;
                i < 20;
                i++) { // some coordinates have leading zero bytes: the width must not vary
            ECPublicKey key = (ECPublicKey) generator.generateKeyPair().getPublic();
            Map<String, String> jwk = Jwks.jwk("k2", "ES256", key);
            assertEquals("EC", jwk.get("kty"));
            assertEquals("P-256", jwk.get("crv"));
            assertEquals(32, Base64.getUrlDecoder().decode(jwk.get("x")).length);
            assertEquals(32, Base64.getUrlDecoder().decode(jwk.get("y")).length);
            assertEquals(key.getW().getAffineX(), unsigned(jwk.get("x")));
            assertEquals(key.getW().getAffineY(), unsigned(jwk.get("y")));
        }
    }
}
