package dev.latch.jwt.control;

import dev.latch.platform.control.SecretFile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Path;
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
        return new KeyEncryption(SecretFile.key(file, Path.of(dataDir, "key-encryption.key")));
    }
}
