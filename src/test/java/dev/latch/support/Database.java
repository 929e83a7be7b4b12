package dev.latch.support;

import dev.latch.platform.control.SecretFile;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Direct access to the test database, for what only the database can show (what is stored,
 * tampering).
 */
public final class Database {

    private Database() {}

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(
                System.getProperty("latch.test.db.url"),
                System.getProperty("latch.test.db.user"),
                System.getProperty("latch.test.db.password"));
    }

    /** The one number a query answers, read as the schema owner. */
    public static long number(String query) throws SQLException {
        try (Connection db = connect();
                PreparedStatement q = db.prepareStatement(query);
                ResultSet rs = q.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** As the role Latch runs as, which may only insert into and read the audit tables. */
    public static Connection connectAsApplication() throws SQLException {
        return DriverManager.getConnection(
                System.getProperty("latch.test.db.url"),
                System.getProperty("latch.test.db.app.user"),
                System.getProperty("latch.test.db.app.password"));
    }

    /** The test server's audit chain key: what an attacker who stole it could seal with. */
    public static byte[] auditChainKey() {
        Path file = Path.of(System.getProperty("latch.test.data.dir"), "audit-chain.key");
        return SecretFile.key(Optional.of(file.toString()), file);
    }

    /** How many rows of these tables hold {@code text} anywhere, every column read as text. */
    public static int rowsContaining(List<String> tables, String text) throws SQLException {
        int found = 0;
        try (Connection db = connect()) {
            for (String table : tables) {
                try (PreparedStatement q =
                        db.prepareStatement(
                                "select count(*) from "
                                        + table
                                        + " t where strpos(cast(row_to_json(t) as text), ?) > 0")) {
                    q.setString(1, text);
                    try (ResultSet rs = q.executeQuery()) {
                        rs.next();
                        found += rs.getInt(1);
                    }
                }
            }
        }
        return found;
    }
}
