package dev.latch.users.control;

import dev.latch.audit.control.AuditContext;
import dev.latch.jwt.control.JwtIssuer;
import dev.latch.jwt.entity.MintedJwt;
import dev.latch.platform.control.ErrorCode;
import dev.latch.platform.control.LatchException;
import dev.latch.platform.control.RateLimited;
import dev.latch.security.control.Caller;
import dev.latch.tokens.entity.Token;
import dev.latch.users.entity.AppUser;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Login sessions: a password for a session JWT, and logout for any kind of token. */
@ApplicationScoped
public class Sessions {

    @PersistenceContext EntityManager em;

    @Inject Clock clock;

    @Inject Passwords passwords;

    @Inject LoginThrottle throttle;

    @Inject JwtIssuer issuer;

    @Inject AuditContext audit;

    @Inject MeterRegistry registry;

    @Inject
    @ConfigProperty(name = "latch.sessions.ttl")
    Duration ttl;

    @Inject
    @ConfigProperty(name = "latch.jwt.audience")
    String latchAudience;

    /** This node's password logins by outcome: ok, failed, throttled (the login throttle's 429). */
    private Meter.MeterProvider<Counter> logins;

    @PostConstruct
    void register() {
        logins =
                Counter.builder("latch.logins")
                        .description("Password logins on this node, by outcome")
                        .withRegistry(registry);
    }

    /**
     * Unknown user, disabled user and wrong password fail alike, after the same PBKDF2 work. The
     * attempt is counted first; no database connection is held while the password is hashed.
     */
    public JwtIssuer.Signed login(String username, String password, String sourceIp) {
        audit.target("user-name:" + username);
        Optional<AppUser> user = attempt(username, sourceIp).filter(u -> !u.isService());
        boolean matches = passwords.matches(password, user.flatMap(AppUser::passwordHash));
        if (!matches || user.get().isDisabled()) {
            logins.withTag("outcome", "failed").increment();
            throw new LatchException(ErrorCode.UNAUTHENTICATED, "Invalid username or password");
        }
        throttle.succeed(username, sourceIp);
        AppUser person = user.get();
        JwtIssuer.Signed session =
                issuer.sign(
                        "session",
                        person.username(),
                        latchAudience,
                        String.join(" ", person.role().permissions().wireNames()),
                        ttl,
                        person.username(),
                        person.id());
        audit.target("session:" + session.record().jti());
        audit.actor(person.username());
        audit.detail("session of " + person.username() + " role " + person.role().wireName());
        logins.withTag("outcome", "ok").increment();
        return session;
    }

    /** Counted here, not in the throttle: it also guards password changes, which are no logins. */
    private Optional<AppUser> attempt(String username, String sourceIp) {
        try {
            return throttle.attempt(username, sourceIp);
        } catch (RateLimited throttled) {
            logins.withTag("outcome", "throttled").increment();
            throw throttled;
        }
    }

    /** Revokes the credential that made the request, whatever its kind. */
    public void logout(Caller caller) {
        if (caller.tokenId() == null) {
            throw LatchException.invalidArgument(
                    "This credential has no id to revoke; rotate its secret instead");
        }
        MintedJwt jwt = em.find(MintedJwt.class, caller.tokenId());
        if (jwt != null) {
            audit.target((jwt.kind().equals("session") ? "session:" : "jwt:") + jwt.jti());
            jwt.revoke(caller.identity(), clock.instant());
        } else {
            audit.target("token:" + caller.tokenId());
            em.find(Token.class, caller.tokenId()).revoke(caller.identity(), clock.instant());
        }
    }
}
