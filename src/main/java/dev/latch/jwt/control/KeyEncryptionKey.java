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
        Path path = file.map(Path::of).orElse(Path.of(dataDir, "key-encryption.key"));
        if (file.isEmpty()) {
            SecretFile.readOrCreate(
                    path, Base64.getEncoder().encodeToString(KeyEncryption.newKey()));
        }
        // whoever reads this file can open every signing key: its owner only
        String encoded = SecretFile.readOwnerOnly(path);
        return new KeyEncryption(Base64.getDecoder().decode(encoded));
    }
}
