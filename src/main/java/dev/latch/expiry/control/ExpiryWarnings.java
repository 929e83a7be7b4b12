package dev.latch.expiry.control;

import dev.latch.expiry.entity.ExpiryWarning;
import dev.latch.jwt.entity.MintedJwt;
import dev.latch.platform.control.AdvisoryLock;
import dev.latch.platform.control.WireJson;
import dev.latch.tokens.entity.TokenKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Finds the active credentials of the warned kinds that crossed a threshold, warns each once per
 * threshold, and queues one webhook delivery per warning and URL. The primary key of expiry_warning
 * decides what was warned, so a node that runs this at the same time as another cannot warn twice;
 * the lock only spares it the work.
 */
@ApplicationScoped
public class ExpiryWarnings {

    private static final System.Logger LOG = System.getLogger(ExpiryWarnings.class.getName());

    @PersistenceContext EntityManager em;

    @Inject Clock clock;

    @Inject Webhooks webhooks;

    @Inject
    @ConfigProperty(name = "latch.expiry.thresholds")
    List<Duration> thresholds;

    @Inject
    @ConfigProperty(name = "latch.expiry.kinds")
    List<String> kinds;

    /** Warnings and their delivery log go with the records they name. */
    @Inject
    @ConfigProperty(name = "latch.tokens.purge-after")
    Duration purgeAfter;

    public Thresholds thresholds() {
        return new Thresholds(thresholds);
    }

    /** Fails the deployment on a threshold or a kind that cannot be. */
    public void check() {
        thresholds();
        List<String> known =
                Stream.concat(
                                Arrays.stream(TokenKind.values()).map(TokenKind::wireName),
                                MintedJwt.KINDS.stream())
                        .toList();
        for (String kind : kinds) {
            if (!known.contains(kind)) {
                throw new IllegalArgumentException(
                        "latch.expiry.kinds: \"" + kind + "\" is none of " + known);
            }
        }
    }

    /** The JSON body of a delivery; its fields are the webhook's contract (README). */
    public record Body(
            String type,
            UUID deliveryId,
            Credential credential,
            String threshold,
            Instant warnedAt) {}

    public record Credential(UUID id, String kind, String name, UUID ownerId, Instant expiresAt) {}

    @Transactional
    public void run() {
        if (!AdvisoryLock.EXPIRY_WARNINGS.tryAcquire(em)) {
            return;
        }
        Instant now = clock.instant();
        int warned = warn(now);
        if (warned > 0) {
            List<URI> urls = webhooks.urls();
            // the rows this run inserted carry its time; those it found already there keep theirs
            for (ExpiryWarning warning :
                    em.createQuery(
                                    "select w from ExpiryWarning w where w.warnedAt = :now",
                                    ExpiryWarning.class)
                            .setParameter("now", now)
                            .getResultList()) {
                urls.forEach(url -> queue(warning, url, now));
            }
            LOG.log(
                    System.Logger.Level.INFO,
                    "Expiry warnings: {0} credentials crossed a threshold, {1} webhook deliveries"
                            + " queued",
                    warned,
                    warned * urls.size());
        }
        em.createNativeQuery("delete from expiry_warning where expires_at < ?1")
                .setParameter(1, now.minus(purgeAfter))
                .executeUpdate();
    }

    /**
     * Inserts the warnings due at {@code now}; those already there are left alone. Each credential
     * gets the tightest threshold it has crossed.
     */
    private int warn(Instant now) {
        Thresholds of = thresholds();
        StringBuilder tightest = new StringBuilder("case");
        int parameter = 4;
        for (int i = 0; i < of.tightestFirst().size(); i++) {
            tightest.append(" when expires_at <= ?").append(parameter++);
            tightest.append(" then cast(?").append(parameter++).append(" as varchar)");
        }
        tightest.append(" end");
        String active = " where revoked_at is null and expires_at > ?1 and expires_at <= ?2";
        String sameKind = " and kind = any(string_to_array(?3, ','))";
        Query insert =
                em.createNativeQuery(
                        "insert into expiry_warning"
                                + " (credential_id, threshold, kind, name, owner_id, expires_at,"
                                + " warned_at)"
                                + " select id, "
                                + tightest
                                + ", kind, name, owner_id, expires_at, ?1 from ("
                                + " select id, kind, name, owner_id, expires_at from token"
                                + active
                                + sameKind
                                + " union all"
                                + " select jti, kind, sub, owner_id, expires_at from minted_jwt"
                                + active
                                + sameKind
                                + ") crossed on conflict do nothing");
        insert.setParameter(1, now);
        insert.setParameter(2, now.plus(of.widest()));
        insert.setParameter(3, String.join(",", kinds));
        parameter = 4;
        for (Duration threshold : of.tightestFirst()) {
            insert.setParameter(parameter++, now.plus(threshold));
            insert.setParameter(parameter++, Thresholds.label(threshold));
        }
        return insert.executeUpdate();
    }

    private void queue(ExpiryWarning warning, URI url, Instant now) {
        UUID id = UUID.randomUUID();
        String body =
                WireJson.JSONB.toJson(
                        new Body(
                                "credential.expiring",
                                id,
                                new Credential(
                                        warning.credentialId(),
                                        warning.kind(),
                                        warning.name(),
                                        warning.ownerId(),
                                        warning.expiresAt()),
                                warning.threshold(),
                                warning.warnedAt()));
        em.createNativeQuery(
                        "insert into webhook_delivery (id, credential_id, threshold, url, body,"
                                + " status, created_at, next_attempt_at)"
                                + " values (?1, ?2, ?3, ?4, ?5, 'pending', ?6, ?6)"
                                + " on conflict do nothing")
                .setParameter(1, id)
                .setParameter(2, warning.credentialId())
                .setParameter(3, warning.threshold())
                .setParameter(4, url.toString())
                .setParameter(5, body)
                .setParameter(6, now)
                .executeUpdate();
    }
}
