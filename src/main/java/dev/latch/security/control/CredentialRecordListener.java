package dev.latch.security.control;

import jakarta.inject.Inject;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;

/**
 * On the entities credentials are verified from: a changed or removed record evicts, at the end of
 * its transaction, what this node cached from it. Bulk JPQL updates pass by it (see README).
 */
public class CredentialRecordListener {

    @Inject ValidatedCredentials credentials;

    @PostUpdate
    @PostRemove
    void changed(Object entity) {
        credentials.evictAfterCompletion(((CredentialRecord) entity).subject());
    }

    @PostPersist
    void stored(Object entity) {
        CredentialRecord record = (CredentialRecord) entity;
        if (record.revokesWhenStored()) {
            credentials.evictAfterCompletion(record.subject());
        }
    }
}
