package dev.latch.jwt.boundary;

import dev.latch.jwt.control.SigningKeys;
import dev.latch.jwt.entity.SigningKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Once signing keys exist, a node is ready only while one of them is active: otherwise nothing can
 * be signed.
 */
@Readiness
@ApplicationScoped
public class SigningKeyReadiness implements HealthCheck {

    @Inject SigningKeys keys;

    @Inject Clock clock;

    @Override
    public HealthCheckResponse call() {
        Instant now = clock.instant();
        List<SigningKey> all = keys.all();
        boolean ready =
                all.isEmpty()
                        || all.stream().anyMatch(k -> k.statusAt(now) == SigningKey.Status.ACTIVE);
        return HealthCheckResponse.named("signing-key")
                .status(ready)
                .withData("keys", all.size())
                .build();
    }
}
