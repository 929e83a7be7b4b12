package dev.latch.platform;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latch.platform.control.Constraints;
import jakarta.resource.ResourceException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class ConstraintsTest {

    @Test
    void aLostConnectionAnExhaustedPoolAndAShuttingDownServerAreUnavailability() {
        assertTrue(
                Constraints.isUnavailable(new RuntimeException(new SQLException("gone", "08006"))));
        assertTrue(
                Constraints.isUnavailable(
                        new RuntimeException(
                                new ResourceException("IJ000453: no managed connection"))));
        assertTrue(Constraints.isUnavailable(new SQLException("terminating connection", "57P01")));
    }

    @Test
    void aCommitThatFailsBecauseTheDatabaseWentAwayIsUnavailability() {
        // Narayana reports the resource's failure as suppressed, not as the cause
        var rollback = new IllegalStateException("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(
                new ResourceException(
                        "SQLException", new SQLException("terminating connection", "57P01")));
        assertTrue(Constraints.isUnavailable(rollback));
    }

    @Test
    void aRefusedStatementIsNot() {
        assertFalse(
                Constraints.isUnavailable(
                        new RuntimeException(new SQLException("duplicate", "23505"))));
        assertFalse(Constraints.isUnavailable(new IllegalStateException("bug")));
    }
}
