package dev.latch.platform.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Brings the schema up to date from db-migrations/ before anything else touches the database. */
@Startup
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigration {

    private static final System.Logger LOG = System.getLogger(SchemaMigration.class.getName());

    @Resource(lookup = "java:jboss/datasources/LatchDS")
    DataSource dataSource;

    @PostConstruct
    void migrate() {
        var result =
                Flyway.configure(SchemaMigration.class.getClassLoader())
                        .dataSource(dataSource)
                        .locations("classpath:db/migration")
                        .load()
                        .migrate();
        LOG.log(
                System.Logger.Level.INFO,
                "Schema at version {0} ({1} migrations applied)",
                result.targetSchemaVersion,
                result.migrationsExecuted);
    }
}
