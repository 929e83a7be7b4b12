package dev.latch.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

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
