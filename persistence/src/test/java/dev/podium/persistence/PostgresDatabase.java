package dev.podium.persistence;

import dev.podium.persistence.db.DatabaseProfile;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static org.assertj.core.api.Assertions.fail;

/**
 * A fresh PostgreSQL database for one test, dropped when closed: on the server named by
 * PODIUM_TEST_PG_URL (a JDBC URL of any database on it) or the local one on 127.0.0.1:5432.
 */
public final class PostgresDatabase implements AutoCloseable {
    private static final String ADMIN_URL = System.getenv().getOrDefault("PODIUM_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String USER = System.getenv().getOrDefault("PODIUM_DB_USER", "postgres");
    private static final String PASSWORD = System.getenv().getOrDefault("PODIUM_DB_PASSWORD", "");
    private final String name;
    public final DatabaseProfile profile;

    private PostgresDatabase(String name, DatabaseProfile profile) {
        this.name = name;
        this.profile = profile;
    }

    public static PostgresDatabase create(String prefix) {
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, PASSWORD); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            fail("PostgreSQL is needed for this test but " + ADMIN_URL + " (user " + USER + ") is not usable: " + e.getMessage()
                    + ". Start PostgreSQL on 127.0.0.1:5432 or set PODIUM_TEST_PG_URL.");
        }
        String base = ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1);
        return new PostgresDatabase(name, DatabaseProfile.fromUrl(base + name));
    }

    public Connection connect() throws SQLException {
        return profile.connect();
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, PASSWORD); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
