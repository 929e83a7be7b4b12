package dev.latch.jwt.control;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals private keys at rest with AES-256-GCM under the key-encryption key. The kid is bound in as
 * associated data, so a sealed key copied onto another row does not open.
 */
public final class KeyEncryption {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec kek;

    public KeyEncryption(byte[] kek) {
        if (kek.length != 32) {
            throw new IllegalArgumentException(
                    "the key-encryption key must be 32 bytes (base64 in its file)");
        }
        this.kek = new SecretKeySpec(kek, "AES");
    }

    public String seal(byte[] plain, String kid) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, iv, plain, kid);
        return Base64.getEncoder()
                .encodeToString(
                        ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
    }

    public byte[] open(String sealed, String kid) {
        byte[] all = Base64.getDecoder().decode(sealed);
        byte[] iv = java.util.Arrays.copyOfRange(all, 0, IV_BYTES);
        return crypt(
                Cipher.DECRYPT_MODE,
                iv,
                java.util.Arrays.copyOfRange(all, IV_BYTES, all.length),
                kid);
    }

    private byte[] crypt(int mode, byte[] iv, byte[] input, String kid) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, kek, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            // wrong key-encryption key, or a tampered row; never the key material in the message
            throw new IllegalStateException(
                    "cannot open signing key " + kid + " with this key-encryption key");
        }
    }
}
