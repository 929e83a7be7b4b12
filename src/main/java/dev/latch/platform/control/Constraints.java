package dev.latch.platform.control;

import java.sql.SQLException;

/** Reads what the database said when it refused a write. */
public final class Constraints {

    private static final String UNIQUE_VIOLATION = "23505";

    private Constraints() {}

    public static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
