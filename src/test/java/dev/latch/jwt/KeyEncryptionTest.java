package dev.latch.jwt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.latch.jwt.control.KeyEncryption;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class KeyEncryptionTest {

    /** A fresh key-encryption key, as SecretFile.key generates one. */
    private static byte[] newKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return key;
    }

    private static final byte[] SECRET =
            "a private key, PKCS#8 bytes".getBytes(StandardCharsets.UTF_8);

    @Test
    void aSealedKeyOpensWithTheSameKeyAndKid() {
        KeyEncryption encryption = new KeyEncryption(newKey());
        assertArrayEquals(SECRET, encryption.open(encryption.seal(SECRET, "k1"), "k1"));
    }

    @Test
    void theSealedFormHidesTheKeyAndDiffersEachTime() {
        KeyEncryption encryption = new KeyEncryption(newKey());
        String once = encryption.seal(SECRET, "k1");
        assertNotEquals(once, encryption.seal(SECRET, "k1"));
        assertFalse(
                new String(Base64.getDecoder().decode(once), StandardCharsets.ISO_8859_1)
                        .contains("private key"));
    }

    @Test
    void anotherKeyEncryptionKeyCannotOpenIt() {
        String sealed = new KeyEncryption(newKey()).seal(SECRET, "k1");
        var e =
                assertThrows(
                        IllegalStateException.class,
                        () -> new KeyEncryption(newKey()).open(sealed, "k1"));
        assertEquals("cannot open signing key k1 with this key-encryption key", e.getMessage());
    }

    @Test
    void aSealedKeyMovedToAnotherKidDoesNotOpen() {
        KeyEncryption encryption = new KeyEncryption(newKey());
        String sealed = encryption.seal(SECRET, "k1");
        assertThrows(IllegalStateException.class, () -> encryption.open(sealed, "k2"));
    }

    @Test
    void aTamperedSealedKeyDoesNotOpen() {
        KeyEncryption encryption = new KeyEncryption(newKey());
        byte[] sealed = Base64.getDecoder().decode(encryption.seal(SECRET, "k1"));
        sealed[sealed.length - 1] ^= 1;
        assertThrows(
                IllegalStateException.class,
                () -> encryption.open(Base64.getEncoder().encodeToString(sealed), "k1"));
    }

    @Test
    void onlyA256BitKeyIsAccepted() {
        assertThrows(IllegalArgumentException.class, () -> new KeyEncryption(new byte[16]));
    }
}
