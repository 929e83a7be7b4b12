package dev.latch.users.control;

import dev.latch.audit.control.AuditTrail;
import dev.latch.platform.control.AdvisoryLock;
import dev.latch.platform.control.LatchException;
import dev.latch.platform.control.Once;
import dev.latch.platform.control.RequestInfo;
import dev.latch.users.entity.AppUser;
import dev.latch.users.entity.Role;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** With LATCH_ADMIN_PASSWORD set, the first start creates the user {@code admin}, once ever. */
@Startup
@Singleton
@DependsOn("SchemaMigration")
public class BootstrapAdmin {

    private static final System.Logger LOG = System.getLogger(BootstrapAdmin.class.getName());
    static final String ACTION = "user.bootstrap";

    @PersistenceContext EntityManager em;

    @Inject Passwords passwords;

    @Inject AuditTrail audit;

    @Inject Once once;

    @Inject Clock clock;

    @Inject
    @ConfigProperty(name = "latch.admin-password")
    Optional<String> password;

    @PostConstruct
    void ensure() {
        if (password.isEmpty()) {
            return;
        }
        AdvisoryLock.BOOTSTRAP.acquire(em);
        if (!once.claim(ACTION)) {
            return;
        }
        AppUser admin =
                AppUser.person(
                        "admin", checkedHash(password.get()), Role.ADMIN, clock.instant(), "latch");
        em.persist(admin);
        audit.appendWithWork(
                new AuditTrail.Entry(
                        Optional.empty(),
                        ACTION,
                        "user:" + admin.id(),
                        201,
                        null,
                        RequestInfo.none(),
                        "from LATCH_ADMIN_PASSWORD"));
        LOG.log(System.Logger.Level.INFO, "User admin created from LATCH_ADMIN_PASSWORD");
    }

    /** A refused password fails the start, naming the setting, never the value. */
    private String checkedHash(String value) {
        try {
            return passwords.hash("admin", value);
        } catch (LatchException e) {
            throw new IllegalStateException(
                    "LATCH_ADMIN_PASSWORD (latch.admin-password) is refused: " + e.getMessage());
        }
    }
}
