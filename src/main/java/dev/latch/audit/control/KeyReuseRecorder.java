package dev.latch.audit.control;

import dev.latch.platform.control.RequestInfo;
import dev.latch.security.control.KeyReuse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;

/** Records {@code key.reuse_after_rotation}: a rotated-out API key came back after its grace. */
@ApplicationScoped
public class KeyReuseRecorder {

    @Inject
    AuditTrail trail;

    void record(@Observes KeyReuse.Detected reuse) {
        trail.append(new AuditTrail.Entry(Optional.empty(), "key.reuse_after_rotation", "token:" + reuse.reusedKey(), 401,
                "token_revoked", RequestInfo.none(), "old key of " + reuse.name() + " used after its grace; "
                        + reuse.successorsRevoked() + " successor key(s) revoked"));
    }
}
