package dev.latch.security.control;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.latch.platform.control.AfterCompletion;
import dev.latch.platform.control.Sha256;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This node's cache of verified credentials, keyed by the SHA-256 of the presented string. An entry
 * lives at most {@code latch.auth.cache-ttl} and never past its credential's expiry; it is evicted
 * when a record it was verified from changes (here at commit, elsewhere by {@link
 * CredentialChanges}), and the whole cache is bypassed while that channel is down.
 */
@ApplicationScoped
public class ValidatedCredentials {

    private static final Object PENDING = ValidatedCredentials.class.getName() + ".pending";

    private record Entry(Caller caller, Set<String> subjects, Duration lifetime) {}

    @Inject
    @ConfigProperty(name = "latch.auth.cache-size")
    long size;

    @Inject
    @ConfigProperty(name = "latch.auth.cache-ttl")
    Duration ttl;

    @Inject Clock clock;

    @Resource(lookup = "java:comp/TransactionSynchronizationRegistry")
    TransactionSynchronizationRegistry transactions;

    private Cache<String, Entry> cache;

    /** Moves on with every eviction: a verification that saw it move stores nothing. */
    private final AtomicLong epoch = new AtomicLong();

    private volatile boolean enabled;

    @PostConstruct
    void build() {
        cache =
                Caffeine.newBuilder()
                        .maximumSize(size)
                        .expireAfter(Expiry.<String, Entry>writing((key, e) -> e.lifetime()))
                        .build();
    }

    /** The caller a credential stands for: from cache, or from the verifier and then cached. */
    public Caller authenticate(String presented, BearerVerifier verifier) {
        String key = Sha256.hex(presented);
        if (enabled) {
            Entry hit = cache.getIfPresent(key);
            if (hit != null) {
                return hit.caller();
            }
        }
        long ticket = epoch.get();
        VerifiedCredential verified = verifier.authenticate(presented);
        Duration lifetime = lifetime(ttl, clock.instant(), verified.caller().expiresAt());
        if (verified.reusable()
                && !lifetime.isNegative()
                && !lifetime.isZero()
                && isCurrent(ticket)) {
            Entry entry = new Entry(verified.caller(), verified.subjects(), lifetime);
            cache.put(key, entry);
            // an eviction between the check and the put may have scanned before the entry existed
            if (!isCurrent(ticket)) {
                cache.asMap().remove(key, entry);
            }
        }
        return verified.caller();
    }

    /** The shorter of the configured lifetime and the time the credential has left. */
    static Duration lifetime(Duration ttl, Instant now, Instant expiresAt) {
        Duration left = Duration.between(now, expiresAt);
        return left.compareTo(ttl) < 0 ? left : ttl;
    }

    /** Every entry verified from one of these records goes. */
    public void evict(Set<String> subjects) {
        // first the epoch, then the scan: a put racing this is caught by one or the other
        epoch.incrementAndGet();
        cache.asMap().values().removeIf(e -> !Collections.disjoint(e.subjects(), subjects));
    }

    /**
     * Evicts the record's subject once the current transaction has ended, so this node refuses a
     * revoked credential as soon as the revocation answers; the NOTIFY would come later.
     */
    public void evictAfterCompletion(String subject) {
        if (transactions.getTransactionKey() == null) {
            evict(Set.of(subject));
            return;
        }
        @SuppressWarnings("unchecked")
        Set<String> pending = (Set<String>) transactions.getResource(PENDING);
        if (pending == null) {
            Set<String> subjects = new HashSet<>();
            transactions.putResource(PENDING, subjects);
            AfterCompletion.register(transactions, status -> evict(subjects));
            pending = subjects;
        }
        pending.add(subject);
    }

    /** The channel is down: nothing is served or stored until {@link #resume()}. */
    public void suspend() {
        enabled = false;
        epoch.incrementAndGet();
        cache.invalidateAll();
    }

    /** The channel listens again: whatever it missed meanwhile is forgotten before use resumes. */
    public void resume() {
        epoch.incrementAndGet();
        cache.invalidateAll();
        enabled = true;
    }

    private boolean isCurrent(long ticket) {
        return enabled && epoch.get() == ticket;
    }
}
