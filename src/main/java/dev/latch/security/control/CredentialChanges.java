package dev.latch.security.control;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Listens on PostgreSQL's {@code latch_credentials} channel, where the triggers of db-migrations/V9
 * announce every change that can end a credential, and evicts what this node cached from those
 * records. While the channel is down the cache is suspended: a revocation on another node is then
 * refused at once, as without a cache.
 */
@ApplicationScoped
public class CredentialChanges {

    private static final System.Logger LOG = System.getLogger(CredentialChanges.class.getName());

    static final String CHANNEL = "latch_credentials";

    /** What pg_stat_activity shows for the listening connection. */
    static final String APPLICATION_NAME = "latch-credential-changes";

    /** Waiting for notifications, then a liveness check: a dead channel shows within ~0.5 s. */
    private static final int WAIT_MILLIS = 250;

    private static final int LIVENESS_TIMEOUT_SECONDS = 1;
    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration LAST_RETRY = Duration.ofSeconds(5);

    // not a JTA datasource: the listening connection lives outside any transaction
    @Resource(lookup = "java:comp/env/jdbc/LatchMigrationDS")
    DataSource database;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    @Inject ValidatedCredentials credentials;

    private volatile boolean running;
    private Duration retry = FIRST_RETRY;
    private Thread listener;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        running = true;
        listener = threads.newThread(this::listen);
        listener.setName(APPLICATION_NAME);
        listener.start();
    }

    /** Not by interrupting: the listener hands its connection back to the pool on its own. */
    @PreDestroy
    void stop() {
        synchronized (this) {
            running = false;
            notifyAll();
        }
        try {
            if (listener != null) {
                listener.join(Duration.ofSeconds(2).toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void listen() {
        while (running) {
            try {
                listenUntilFailure();
            } catch (SQLException | RuntimeException e) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "Credential change channel down, the validation cache is off until it is"
                                + " back (retry in {0} ms): {1}",
                        retry.toMillis(),
                        e.getMessage());
                pause(retry);
                Duration doubled = retry.multipliedBy(2);
                retry = doubled.compareTo(LAST_RETRY) < 0 ? doubled : LAST_RETRY;
            }
        }
    }

    private void listenUntilFailure() throws SQLException {
        try (Connection connection = database.getConnection()) {
            PGConnection channel = connection.unwrap(PGConnection.class);
            try {
                execute(connection, "set application_name = '" + APPLICATION_NAME + "'");
                execute(connection, "listen " + CHANNEL);
                // only now is every later change announced to this node: what came before is
                // dropped
                credentials.resume();
                retry = FIRST_RETRY;
                LOG.log(System.Logger.Level.INFO, "Validation cache on, listening on {0}", CHANNEL);
                while (running) {
                    receive(connection, channel);
                }
            } finally {
                credentials.suspend();
            }
            // back to the pool as it came: a pooled connection must not keep listening
            execute(connection, "discard all");
        }
    }

    private void receive(Connection connection, PGConnection channel) throws SQLException {
        PGNotification[] arrived = channel.getNotifications(WAIT_MILLIS);
        if (arrived == null || arrived.length == 0) {
            if (!connection.isValid(LIVENESS_TIMEOUT_SECONDS)) {
                throw new SQLException("the listening connection no longer answers");
            }
            return;
        }
        Set<String> subjects = new HashSet<>();
        for (PGNotification notification : arrived) {
            subjects.add(notification.getParameter());
        }
        credentials.evict(subjects);
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Cut short when the node shuts down. */
    private synchronized void pause(Duration time) {
        try {
            if (running) {
                wait(time.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
