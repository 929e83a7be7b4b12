package dev.latch.jwt.control;

import dev.latch.jwt.entity.SigningKey;
import dev.latch.platform.control.AdvisoryLock;
import dev.latch.platform.control.LatchException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The signing keys' life: created (and published) ahead of use, active, retired when a newer key
 * activates, deleted once every token they signed has expired. Safe when every node maintains at
 * once.
 */
@ApplicationScoped
public class SigningKeys {

    private static final System.Logger LOG = System.getLogger(SigningKeys.class.getName());

    /** Public keys by kid: they never change, so a node caches them for good. */
    private final Map<String, PublicKey> publicKeys = new ConcurrentHashMap<>();

    @PersistenceContext EntityManager em;

    @Inject Clock clock;

    @Inject KeyEncryption encryption;

    @Inject
    @ConfigProperty(name = "latch.jwt.algorithm")
    String algorithm;

    @Inject
    @ConfigProperty(name = "latch.jwt.key-rotation-age")
    Duration rotationAge;

    @Inject
    @ConfigProperty(name = "latch.jwt.key-publish-lead")
    Duration publishLead;

    /** The key that signs now: the newest one whose activation has come. */
    public SigningKey active() {
        return em.createQuery(
                        "select k from SigningKey k where k.activatesAt <= :now and k.retiredAt is null"
                                + " order by k.activatesAt desc",
                        SigningKey.class)
                .setParameter("now", clock.instant())
                .setMaxResults(1)
                .getResultStream()
                .findFirst()
                .orElseThrow(
                        () ->
                                new LatchException(
                                        dev.latch.platform.control.ErrorCode.UNAVAILABLE,
                                        "No signing key is active yet"));
    }

    /**
     * What the JWKS shows: pending, active, and retired keys whose tokens may still be alive. Read
     * by every verifier and changed rarely, so kept for a second; a change on this node shows at
     * once, one on another node within the second.
     */
    public List<SigningKey> published() {
        Instant now = clock.instant();
        Published kept = published;
        if (kept == null || !now.isBefore(kept.until())) {
            kept =
                    new Published(
                            now.plusSeconds(1),
                            all().stream().filter(k -> k.isPublishedAt(now)).toList());
            published = kept;
        }
        return kept.keys();
    }

    private record Published(Instant until, List<SigningKey> keys) {}

    private volatile Published published;

    public List<SigningKey> all() {
        return em.createQuery(
                        "select k from SigningKey k order by k.activatesAt desc", SigningKey.class)
                .getResultList();
    }

    public Optional<PublicKey> publicKey(String kid) {
        PublicKey known = publicKeys.get(kid);
        if (known != null) {
            return Optional.of(known);
        }
        return Optional.ofNullable(em.find(SigningKey.class, kid))
                .filter(key -> key.revokedAt() == null)
                .map(
                        key -> {
                            PublicKey decoded = decodePublic(key);
                            publicKeys.put(kid, decoded);
                            return decoded;
                        });
    }

    public PrivateKey privateKey(SigningKey key) {
        try {
            byte[] pkcs8 = encryption.open(key.sealedPrivateKey(), key.kid());
            return KeyFactory.getInstance(family(key.algorithm()))
                    .generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "signing key " + key.kid() + " is not a valid " + key.algorithm() + " key");
        }
    }

    /** Remembers the latest expiry a key vouched for, so it stays published until then. */
    public void signedUntil(String kid, Instant expiresAt) {
        em.createQuery(
                        "update SigningKey k set k.signedUntil = :exp where k.kid = :kid"
                                + " and (k.signedUntil is null or k.signedUntil < :exp)")
                .setParameter("exp", expiresAt)
                .setParameter("kid", kid)
                .executeUpdate();
    }

    /**
     * A compromised key: out of the JWKS, and every JWT it signed revoked, so none verifies again
     * on any node (each checks the record). A new key signs at once if this one was signing.
     */
    @Transactional
    public SigningKey revoke(String kid, String by) {
        AdvisoryLock.SIGNING_KEYS.acquire(em);
        SigningKey key = em.find(SigningKey.class, kid);
        if (key == null) {
            throw LatchException.notFound("No signing key with kid " + kid);
        }
        Instant now = clock.instant();
        boolean wasSigning = key.statusAt(now) == SigningKey.Status.ACTIVE;
        key.revoke(now);
        publicKeys.remove(kid);
        published = null;
        int revoked =
                em.createQuery(
                                "update MintedJwt m set m.revokedAt = :now, m.revokedBy = :by"
                                        + " where m.kid = :kid and m.revokedAt is null")
                        .setParameter("now", now)
                        .setParameter("by", by)
                        .setParameter("kid", kid)
                        .executeUpdate();
        if (wasSigning) {
            create(now, now);
        }
        LOG.log(
                System.Logger.Level.WARNING,
                "Signing key {0} revoked by {1}; {2} JWTs it signed revoked with it",
                kid,
                by,
                revoked);
        return key;
    }

    /** A new key signs at once; the one it replaces stays published while its tokens live. */
    @Transactional
    public SigningKey rotateNow() {
        AdvisoryLock.SIGNING_KEYS.acquire(em);
        Instant now = clock.instant();
        all().stream()
                .filter(k -> k.statusAt(now) != SigningKey.Status.RETIRED)
                .forEach(k -> k.retire(now));
        SigningKey fresh = create(now, now);
        LOG.log(
                System.Logger.Level.INFO,
                "Signing key rotated by request: {0} is active",
                fresh.kid());
        return fresh;
    }

    /**
     * The timer's work: a first key; the next key published {@code key-publish-lead} before the
     * active one reaches {@code key-rotation-age}; retirement when a newer key activates; deletion
     * once dead.
     */
    @Transactional
    public void maintain() {
        if (!AdvisoryLock.SIGNING_KEYS.tryAcquire(em)) {
            return;
        }
        Instant now = clock.instant();
        List<SigningKey> keys = all();
        Optional<SigningKey> newestActive =
                keys.stream().filter(k -> k.statusAt(now) == SigningKey.Status.ACTIVE).findFirst();
        if (newestActive.isEmpty()) {
            if (keys.stream().noneMatch(k -> k.statusAt(now) == SigningKey.Status.PENDING)) {
                LOG.log(
                        System.Logger.Level.INFO,
                        "First signing key {0} created",
                        create(now, now).kid());
            }
            return;
        }
        SigningKey active = newestActive.get();
        keys.stream()
                .filter(
                        k ->
                                k.statusAt(now) == SigningKey.Status.ACTIVE
                                        && k.activatesAt().isBefore(active.activatesAt()))
                .forEach(k -> k.retire(active.activatesAt()));
        Instant due = active.activatesAt().plus(rotationAge);
        Duration lead = publishLead;
        boolean successorPending =
                keys.stream().anyMatch(k -> k.statusAt(now) == SigningKey.Status.PENDING);
        if (!successorPending && !now.isBefore(due.minus(lead))) {
            SigningKey next = create(now, due.isAfter(now) ? due : now);
            LOG.log(
                    System.Logger.Level.INFO,
                    "Next signing key {0} published, signs from {1}",
                    next.kid(),
                    next.activatesAt());
        }
        keys.stream()
                .filter(k -> k.statusAt(now) == SigningKey.Status.RETIRED && !k.isPublishedAt(now))
                .forEach(
                        k -> {
                            em.remove(k);
                            LOG.log(
                                    System.Logger.Level.INFO,
                                    "Signing key {0} removed: every token it signed has expired",
                                    k.kid());
                        });
    }

    private SigningKey create(Instant now, Instant activatesAt) {
        published = null;
        String kid = UUID.randomUUID().toString();
        KeyPair pair = generate(algorithm);
        SigningKey key =
                new SigningKey(
                        kid,
                        algorithm,
                        Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()),
                        encryption.seal(pair.getPrivate().getEncoded(), kid),
                        now,
                        activatesAt);
        em.persist(key);
        return key;
    }

    static KeyPair generate(String algorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(family(algorithm));
            if (algorithm.equals("ES256")) {
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            } else {
                generator.initialize(2048);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + algorithm + " key", e);
        }
    }

    private static PublicKey decodePublic(SigningKey key) {
        try {
            return KeyFactory.getInstance(family(key.algorithm()))
                    .generatePublic(
                            new X509EncodedKeySpec(Base64.getDecoder().decode(key.publicKey())));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "signing key " + key.kid() + " has no valid public key");
        }
    }

    private static String family(String algorithm) {
        return switch (algorithm) {
            case "RS256" -> "RSA";
            case "ES256" -> "EC";
            default ->
                    throw new IllegalStateException(
                            "latch.jwt.algorithm must be RS256 or ES256, not " + algorithm);
        };
    }
}
