package dev.latch.platform.control;

import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.function.IntConsumer;

/**
 * Work for when the current transaction has ended, told its status (jakarta.transaction.Status).
 */
public final class AfterCompletion {

    private AfterCompletion() {}

    public static void register(TransactionSynchronizationRegistry transactions, IntConsumer work) {
        transactions.registerInterposedSynchronization(
                new Synchronization() {
                    @Override
                    public void beforeCompletion() {}

                    @Override
                    public void afterCompletion(int status) {
                        work.accept(status);
                    }
                });
    }
}
