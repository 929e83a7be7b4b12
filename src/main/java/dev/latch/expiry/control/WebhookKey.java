package dev.latch.expiry.control;

import dev.latch.platform.control.SecretFile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The HMAC key webhook bodies are signed with, from {@code latch.webhooks.secret-file} or generated
 * once into the data directory, owner-only. Nodes sharing a database must share it: any node may
 * send any delivery.
 */
@ApplicationScoped
public class WebhookKey {

    @Inject
    @ConfigProperty(name = "latch.webhooks.secret-file")
    Optional<String> file;

    @Inject
    @ConfigProperty(name = "latch.data-dir")
    String dataDir;

    private byte[] key;

    public synchronized byte[] bytes() {
        if (key == null) {
            key = SecretFile.key(file, Path.of(dataDir, "webhook-signing.key"));
        }
        return key;
    }
}
