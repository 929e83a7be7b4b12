package dev.latch.tokens.control;

import dev.latch.platform.control.Sha256;
import dev.latch.tokens.entity.TokenKind;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * {@code <prefix>_<body><check>}: 32 random bytes in base62 (43 characters) and a 6-character
 * base62 CRC32 of everything before it, so scanners find leaked tokens and garbage is refused
 * without touching the database.
 */
public final class TokenFormat {

    private static final String ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int SECRET_BYTES = 32;
    private static final int BODY_LENGTH = 43;
    private static final int CHECK_LENGTH = 6;
    private static final Pattern SHAPE =
            Pattern.compile(
                    "([a-z]{3})_([0-9A-Za-z]{"
                            + BODY_LENGTH
                            + "})([0-9A-Za-z]{"
                            + CHECK_LENGTH
                            + "})");
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenFormat() {}

    public static String generate(TokenKind kind) {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        String head = kind.prefix() + "_" + base62(new BigInteger(1, secret), BODY_LENGTH);
        return head + checksum(head);
    }

    /** The kind of a well-formed token with a correct checksum; empty for anything else. */
    public static Optional<TokenKind> kindOf(String token) {
        Matcher m = token == null ? null : SHAPE.matcher(token);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        String head = token.substring(0, token.length() - CHECK_LENGTH);
        if (!checksum(head).equals(m.group(3))) {
            return Optional.empty();
        }
        return TokenKind.ofPrefix(m.group(1));
    }

    /** What the database stores: the hex SHA-256 of the whole token. */
    public static String hash(String token) {
        return Sha256.hex(token);
    }

    /** The last four characters, shown in lists so a person can tell tokens apart. */
    public static String hint(String token) {
        return token.substring(token.length() - 4);
    }

    private static String checksum(String head) {
        CRC32 crc = new CRC32();
        crc.update(head.getBytes(StandardCharsets.US_ASCII));
        return base62(BigInteger.valueOf(crc.getValue()), CHECK_LENGTH);
    }

    private static String base62(BigInteger value, int width) {
        StringBuilder digits = new StringBuilder();
        BigInteger base = BigInteger.valueOf(ALPHABET.length());
        while (value.signum() > 0) {
            BigInteger[] qr = value.divideAndRemainder(base);
            digits.append(ALPHABET.charAt(qr[1].intValue()));
            value = qr[0];
        }
        while (digits.length() < width) {
            digits.append('0');
        }
        return digits.reverse().toString();
    }
}
