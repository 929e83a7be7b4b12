package dev.latch.platform.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/** Secrets live in files named by configuration, never in configuration values. */
public final class SecretFile {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretFile() {}

    /**
     * The file's content without a trailing newline; the error names the file, never the content.
     */
    public static String read(Path file) {
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (content.isEmpty()) {
                throw new IllegalStateException("secret file " + file + " is empty");
            }
            return content;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read secret file " + file, e);
        }
    }

    /**
     * As {@link #read}, refusing fewer than {@code minBytes}: a short shared secret is guessable.
     */
    public static String readAtLeast(Path file, int minBytes) {
        String content = read(file);
        if (content.getBytes(StandardCharsets.UTF_8).length < minBytes) {
            throw new IllegalStateException(
                    "secret file " + file + " holds fewer than " + minBytes + " bytes");
        }
        return content;
    }

    /**
     * A 32-byte key in base64: from the configured file, or generated once at {@code generated};
     * owner-only either way, since whoever reads it holds what the key protects.
     */
    public static byte[] key(Optional<String> configured, Path generated) {
        Path path = configured.map(Path::of).orElse(generated);
        if (configured.isEmpty()) {
            byte[] fresh = new byte[32];
            RANDOM.nextBytes(fresh);
            readOrCreate(path, Base64.getEncoder().encodeToString(fresh));
        }
        return Base64.getDecoder().decode(readOwnerOnly(path));
    }

    /** As {@link #read}, refusing a file that its group or others may read or write. */
    public static String readOwnerOnly(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            permissions.removeAll(
                    Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
            if (!permissions.isEmpty()) {
                throw new IllegalStateException(
                        "secret file "
                                + file
                                + " may be used by others than its owner: chmod 600 it");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read secret file " + file, e);
        }
        return read(file);
    }

    /**
     * Writes {@code content} owner-only (0600) from the moment the file exists, then moves it into
     * place.
     */
    public static void write(Path file, String content) {
        try {
            Path dir = Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp =
                    Files.createTempFile(
                            dir,
                            file.getFileName().toString(),
                            ".tmp",
                            PosixFilePermissions.asFileAttribute(
                                    PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, content + "\n", StandardCharsets.UTF_8);
            Files.move(
                    temp,
                    file,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write secret file " + file, e);
        }
    }

    /**
     * Creates the file with {@code content} unless it exists; either way returns what the file
     * holds.
     */
    public static String readOrCreate(Path file, String content) {
        if (!Files.exists(file)) {
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Path created =
                        Files.createFile(
                                file,
                                PosixFilePermissions.asFileAttribute(
                                        PosixFilePermissions.fromString("rw-------")));
                Files.writeString(created, content + "\n", StandardCharsets.UTF_8);
            } catch (FileAlreadyExistsException raced) {
                // another start created it first: use theirs
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create secret file " + file, e);
            }
        }
        return read(file);
    }
}
