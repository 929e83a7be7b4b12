package dev.latch.tokens.control;

import dev.latch.audit.control.AuditTrail;
import dev.latch.platform.control.AdvisoryLock;
import dev.latch.platform.control.Once;
import dev.latch.platform.control.RequestInfo;
import dev.latch.platform.control.SecretFile;
import dev.latch.security.entity.MintScopes;
import dev.latch.security.entity.Permission;
import dev.latch.security.entity.Permissions;
import dev.latch.tokens.entity.Token;
import dev.latch.tokens.entity.TokenKind;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The first start of an empty database creates the {@code bootstrap} operator token, once ever: a
 * {@link Once} claim marks that it happened, so purging every token does not bring it back.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
public class BootstrapToken {

    private static final System.Logger LOG = System.getLogger(BootstrapToken.class.getName());
    static final String ACTION = "token.bootstrap";

    @PersistenceContext EntityManager em;

    @Inject TokenIssuer issuer;

    @Inject AuditTrail audit;

    @Inject Once once;

    @Inject
    @ConfigProperty(name = "latch.bootstrap-token")
    Optional<String> configured;

    @Inject
    @ConfigProperty(name = "latch.data-dir")
    String dataDir;

    @Inject
    @ConfigProperty(name = "latch.tokens.max-ttl")
    Duration maxTtl;

    @PostConstruct
    void ensure() {
        AdvisoryLock.BOOTSTRAP.acquire(
                em); // two nodes starting on one empty database: one creates it
        if (!once.claim(ACTION)) {
            return;
        }
        String secret =
                configured
                        .map(BootstrapToken::checked)
                        .orElseGet(() -> TokenFormat.generate(TokenKind.OPERATOR));
        Token token =
                issuer.issue(
                                new TokenIssuer.Spec(
                                        TokenKind.OPERATOR,
                                        "bootstrap",
                                        "Created at first start",
                                        Permissions.of(Permission.ADMIN),
                                        false,
                                        maxTtl,
                                        "latch",
                                        null,
                                        MintScopes.NONE),
                                secret)
                        .token();
        audit.appendWithWork(
                new AuditTrail.Entry(
                        Optional.empty(),
                        ACTION,
                        "token:" + token.id(),
                        201,
                        null,
                        RequestInfo.none(),
                        configured.isPresent()
                                ? "from LATCH_BOOTSTRAP_TOKEN"
                                : "written to the data directory"));
        if (configured.isPresent()) {
            LOG.log(System.Logger.Level.INFO, "Bootstrap token created from LATCH_BOOTSTRAP_TOKEN");
        } else {
            LOG.log(System.Logger.Level.INFO, "Bootstrap token written to {0}", write(secret));
        }
    }

    static String checked(String secret) {
        if (TokenFormat.kindOf(secret).filter(TokenKind.OPERATOR::equals).isEmpty()) {
            // the value itself is never echoed
            throw new IllegalStateException(
                    "LATCH_BOOTSTRAP_TOKEN is not a Latch operator token (lop_…, with a valid checksum)");
        }
        return secret;
    }

    private Path write(String secret) {
        Path file = Path.of(dataDir).toAbsolutePath().resolve("bootstrap.token");
        SecretFile.write(file, secret);
        return file;
    }
}
