package dev.latch.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * Things done once per database (the bootstrap token, the first admin): the first caller claims
 * one, in the transaction that does it, so a rollback gives the claim back.
 */
@ApplicationScoped
public class Once {

    @PersistenceContext EntityManager em;

    /** True for the one caller that should do {@code what}; false once it is done. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean claim(String what) {
        return em.createNativeQuery(
                                "insert into done_once (what, at) values (?1, now())"
                                        + " on conflict do nothing")
                        .setParameter(1, what)
                        .executeUpdate()
                == 1;
    }
}
