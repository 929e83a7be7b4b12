package dev.latch.jwt.control;

import dev.latch.platform.control.SecretFile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The key-encryption key: read from {@code latch.jwt.key-encryption-key-file}, or generated once
 * into the data directory. Nodes sharing a database must share this file.
 */
@ApplicationScoped
public class KeyEncryptionKey {

    @Inject
    @ConfigProperty(name = "latch.jwt.key-encryption-key-file")
    Optional<String> file;

    @Inject
    @ConfigProperty(name = "latch.data-dir")
    String dataDir;

    @Produces
    @Singleton
    KeyEncryption keyEncryption() {
        String encoded =
                file.isPresent()
                        ? SecretFile.read(Path.of(file.get()))
                        : SecretFile.readOrCreate(
                                Path.of(dataDir, "key-encryption.key"),
                                Base64.getEncoder().encodeToString(KeyEncryption.newKey()));
        return new KeyEncryption(Base64.getDecoder().decode(encoded));
    }
}
