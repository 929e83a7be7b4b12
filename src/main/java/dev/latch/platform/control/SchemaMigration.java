package dev.latch.platform.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Brings the schema up to date from db-migrations/ before anything else touches the database, as
 * the schema owner (LatchMigrationDS); its afterMigrate script then grants the application's role
 * (LatchDS's user) what it may do, which on the audit tables is only insert and read.
 */
@Startup
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigration {

    private static final System.Logger LOG = System.getLogger(SchemaMigration.class.getName());

    /** A role name that needs no quoting in the grants' text. */
    private static final Pattern ROLE = Pattern.compile("[a-z_][a-z0-9_$]{0,62}");

    @Resource(lookup = "java:comp/env/jdbc/LatchMigrationDS")
    DataSource owner;

    @Resource(lookup = "java:comp/env/jdbc/LatchDS")
    DataSource application;

    @PostConstruct
    void migrate() {
        String role = applicationRole();
        var result =
                Flyway.configure(SchemaMigration.class.getClassLoader())
                        .dataSource(owner)
                        .locations("classpath:db/migration")
                        .placeholders(Map.of("application_role", role))
                        .load()
                        .migrate();
        LOG.log(
                System.Logger.Level.INFO,
                "Schema at version {0} ({1} migrations applied); the application runs as role {2}",
                result.targetSchemaVersion,
                result.migrationsExecuted,
                role);
    }

    private String applicationRole() {
        try (Connection c = application.getConnection();
                ResultSet rs = c.createStatement().executeQuery("select current_user")) {
            rs.next();
            String role = rs.getString(1);
            if (!ROLE.matcher(role).matches()) {
                throw new IllegalStateException(
                        "the database user of LatchDS must be a plain lower-case role name");
            }
            return role;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database: " + e.getMessage(), e);
        }
    }
}
