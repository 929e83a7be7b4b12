package dev.latch.platform.control;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;

/** Reads what the database said when it refused a write. */
public final class Constraints {

    private static final String UNIQUE_VIOLATION = "23505";

    private Constraints() {}

    /**
     * The database cannot be reached or has no connection to spare (connection exceptions, a server
     * shutting down or starting, an exhausted pool): the client should retry, not despair.
     */
    public static boolean isUnavailable(Throwable failure) {
        return causes(failure)
                .anyMatch(
                        t ->
                                t instanceof jakarta.resource.ResourceException
                                        || t instanceof java.sql.SQLTransientConnectionException
                                        || (t instanceof SQLException sql
                                                && sql.getSQLState() != null
                                                && (sql.getSQLState().startsWith("08")
                                                        || sql.getSQLState().startsWith("57P"))));
    }

    /**
     * A failure, its causes and what was suppressed along the way: a commit that fails reports its
     * resource's SQLException as suppressed by the RollbackException, not as its cause.
     */
    private static Stream<Throwable> causes(Throwable failure) {
        List<Throwable> seen = new ArrayList<>();
        Deque<Throwable> next = new ArrayDeque<>();
        next.add(failure);
        while (!next.isEmpty()) {
            Throwable t = next.poll();
            if (seen.stream().anyMatch(s -> s == t)) {
                continue;
            }
            seen.add(t);
            if (t.getCause() != null) {
                next.add(t.getCause());
            }
            next.addAll(List.of(t.getSuppressed()));
        }
        return seen.stream();
    }

    /** PostgreSQL refused a value itself (SQLSTATE class 22: data exception), e.g. a NUL byte. */
    public static boolean isClientData(Throwable failure) {
        return causes(failure)
                .anyMatch(
                        t ->
                                t instanceof SQLException sql
                                        && sql.getSQLState() != null
                                        && sql.getSQLState().startsWith("22"));
    }

    public static boolean isUniqueViolation(Throwable failure) {
        return causes(failure)
                .anyMatch(
                        t ->
                                t instanceof SQLException sql
                                        && UNIQUE_VIOLATION.equals(sql.getSQLState()));
    }
}
