package dev.podium.tests;

import dev.podium.persistence.db.DatabaseProfile;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static org.assertj.core.api.Assertions.fail;

/**
 * A fresh PostgreSQL database for one test: on the server named by PODIUM_TEST_PG_URL
 * (a JDBC URL of any database on it) or the local one on 127.0.0.1:5432.
 */
final class PostgresDatabase implements AutoCloseable {
    private final String adminUrl;
    private final String name;
    final DatabaseProfile profile;

    private PostgresDatabase(String adminUrl, String name, DatabaseProfile profile) {
        this.adminUrl = adminUrl;
        this.name = name;
        this.profile = profile;
    }

    static PostgresDatabase create() {
        String admin = System.getenv().getOrDefault("PODIUM_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
        String user = System.getenv().getOrDefault("PODIUM_DB_USER", "postgres");
        String name = "podium_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(admin, user, System.getenv().getOrDefault("PODIUM_DB_PASSWORD", ""));
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            fail("PostgreSQL is needed for this test but " + admin + " (user " + user + ") is not usable: " + e.getMessage()
                    + ". Start PostgreSQL on 127.0.0.1:5432 or set PODIUM_TEST_PG_URL.");
        }
        String base = admin.substring(0, admin.lastIndexOf('/') + 1);
        return new PostgresDatabase(admin, name, DatabaseProfile.fromUrl(base + name));
    }

    @Override
    public void close() throws SQLException {
        String user = System.getenv().getOrDefault("PODIUM_DB_USER", "postgres");
        try (Connection c = DriverManager.getConnection(adminUrl, user, System.getenv().getOrDefault("PODIUM_DB_PASSWORD", ""));
             Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
