package dev.latch.security.control;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;

/**
 * On the entities credentials are verified from: a changed or removed record evicts, at the end of
 * its transaction, what this node cached from it. JPQL bulk updates pass it by: SigningKeys revokes
 * a key's JWTs in bulk along with the key's own update (key:<kid>), and the others touch no live
 * cached credential (last use, released names, join-token uses, purges of dead rows).
 */
public class CredentialRecordListener {

    @PostUpdate
    @PostRemove
    void changed(Object entity) {
        credentials().evictAfterCompletion(((CredentialRecord) entity).subject());
    }

    @PostPersist
    void stored(Object entity) {
        CredentialRecord record = (CredentialRecord) entity;
        if (record.revokesWhenStored()) {
            credentials().evictAfterCompletion(record.subject());
        }
    }

    /**
     * Looked up, not injected: whether a listener is injected depends on how the runtime hands CDI
     * to its JPA provider (WildFly does, Payara does not for a bundled Hibernate).
     */
    private static ValidatedCredentials credentials() {
        return CDI.current().select(ValidatedCredentials.class).get();
    }
}
