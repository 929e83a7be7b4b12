package dev.latch.jwt.control;

import java.math.BigInteger;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Public keys as RFC 7517 JSON Web Keys. */
public final class Jwks {

    private Jwks() {}

    public static Map<String, String> jwk(String kid, String algorithm, PublicKey key) {
        Map<String, String> jwk = new LinkedHashMap<>();
        jwk.put("kid", kid);
        jwk.put("use", "sig");
        jwk.put("alg", algorithm);
        if (key instanceof RSAPublicKey rsa) {
            jwk.put("kty", "RSA");
            jwk.put("n", unsigned(rsa.getModulus(), 0));
            jwk.put("e", unsigned(rsa.getPublicExponent(), 0));
        } else if (key instanceof ECPublicKey ec) {
            jwk.put("kty", "EC");
            jwk.put("crv", "P-256");
            jwk.put("x", unsigned(ec.getW().getAffineX(), 32));
            jwk.put("y", unsigned(ec.getW().getAffineY(), 32));
        } else {
            throw new IllegalArgumentException("not an RSA or EC key: " + key.getAlgorithm());
        }
        return jwk;
    }

    /**
     * Big-endian without the sign byte, left-padded to {@code width} bytes when given (EC
     * coordinates).
     */
    private static String unsigned(BigInteger value, int width) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        if (bytes.length < width) {
            byte[] padded = new byte[width];
            System.arraycopy(bytes, 0, padded, width - bytes.length, bytes.length);
            bytes = padded;
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
