package dev.latch.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Direct access to the test database, for what only the database can show (what is stored, tampering). */
public final class Database {

    private Database() {
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(System.getProperty("latch.test.db.url"),
                System.getProperty("latch.test.db.user"), System.getProperty("latch.test.db.password"));
    }
}
