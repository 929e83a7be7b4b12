package dev.latch.audit.control;

import dev.latch.security.control.AuthenticationFailed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Every refused credential becomes an {@code auth.failed} event; the credential itself never does.
 */
@ApplicationScoped
public class FailedAuthentications {

    @Inject AuditTrail trail;

    void record(@Observes AuthenticationFailed failed) {
        trail.append(
                new AuditTrail.Entry(
                        Optional.empty(),
                        "auth.failed",
                        failed.path(),
                        failed.failure().status(),
                        failed.failure().code().code(),
                        failed.request(),
                        failed.failure().getMessage()));
    }
}
