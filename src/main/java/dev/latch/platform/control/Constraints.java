package dev.latch.platform.control;

import java.sql.SQLException;

/** Reads what the database said when it refused a write. */
public final class Constraints {

    private static final String UNIQUE_VIOLATION = "23505";

    private Constraints() {}

    /**
     * The database cannot be reached or has no connection to spare (connection exceptions, a server
     * shutting down or starting, an exhausted pool): the client should retry, not despair.
     */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof jakarta.resource.ResourceException
                    || t instanceof java.sql.SQLTransientConnectionException
                    || (t instanceof SQLException sql
                            && sql.getSQLState() != null
                            && (sql.getSQLState().startsWith("08")
                                    || sql.getSQLState().startsWith("57P")))) {
                return true;
            }
        }
        return false;
    }

    /** PostgreSQL refused a value itself (SQLSTATE class 22: data exception), e.g. a NUL byte. */
    public static boolean isClientData(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("22")) {
                return true;
            }
        }
        return false;
    }

    public static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
