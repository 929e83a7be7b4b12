package dev.latch.audit.control;

import dev.latch.platform.control.SecretFile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
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
            Path path = file.map(Path::of).orElse(Path.of(dataDir, "audit-chain.key"));
            if (file.isEmpty()) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                SecretFile.readOrCreate(path, Base64.getEncoder().encodeToString(fresh));
            }
            key = Base64.getDecoder().decode(SecretFile.readOwnerOnly(path));
        }
        return key;
    }
}
