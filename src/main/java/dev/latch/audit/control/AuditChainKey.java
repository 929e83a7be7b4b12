package dev.latch.audit.control;

import dev.latch.platform.control.SecretFile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The key of the audit chain's HMAC, from {@code latch.audit.chain-key-file} or generated once into
 * the data directory; never in the database, so whoever edits the database cannot re-chain it.
 * Nodes sharing a database must share this file.
 */
@ApplicationScoped
public class AuditChainKey {

    @Inject
    @ConfigProperty(name = "latch.audit.chain-key-file")
    Optional<String> file;

    @Inject
    @ConfigProperty(name = "latch.data-dir")
    String dataDir;

    private byte[] key;

    public synchronized byte[] bytes() {
        if (key == null) {
            key = SecretFile.key(file, Path.of(dataDir, "audit-chain.key"));
        }
        return key;
    }
}
