package dev.podium.persistence.db;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/** Which database holds the journal: an embedded H2 file (single node) or PostgreSQL. */
public record DatabaseProfile(Kind kind, String url, String user, String password) {
    /** The advisory lock key that serializes schema creation ("podium" in ASCII). */
    private static final long SCHEMA_LOCK = 0x706f6469756dL;

    public enum Kind { H2, POSTGRES }

    /**
     * H2 may answer a repeated query from a result it cached when the table looked unchanged; the
     * journal tail's poll then missed a committed row until the next write (1 in 8 fresh starts
     * waited out the start-up timeout for a system object). Without that reuse: 0 in 26.
     */
    public static DatabaseProfile h2In(Path dataDir) {
        Path file = dataDir.toAbsolutePath().resolve("podium-db");
        return new DatabaseProfile(Kind.H2, "jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE;OPTIMIZE_REUSE_RESULTS=FALSE", "sa", "");
    }

    /** The same database with the password read from a file (its first line), so that it shows in neither {@code ps} nor the URL. */
    public DatabaseProfile withPasswordFile(java.nio.file.Path file) throws java.io.IOException {
        String text = java.nio.file.Files.readString(file);
        int end = text.indexOf('\n');
        return new DatabaseProfile(kind, url, user, (end < 0 ? text : text.substring(0, end)).strip());
    }

    /** A JDBC URL as given by --db or PODIUM_DB_URL; user and password may be URL parameters. */
    public static DatabaseProfile fromUrl(String url) {
        if (url.startsWith("jdbc:postgresql:")) {
            String user = System.getenv().getOrDefault("PODIUM_DB_USER", "postgres");
            String password = System.getenv().getOrDefault("PODIUM_DB_PASSWORD", "");
            return new DatabaseProfile(Kind.POSTGRES, url, user, password);
        }
        if (url.startsWith("jdbc:h2:")) return new DatabaseProfile(Kind.H2, url, "sa", "");
        throw new IllegalArgumentException("unsupported database URL " + url
                + ": use jdbc:postgresql://HOST:PORT/DB (or leave --db out for the embedded H2 store)");
    }

    /**
     * The profile the persistence plugin was configured with ({@code pekko-persistence-jdbc.shared-databases.podium.db},
     * as {@link #toConfig} writes it), for code the plugin instantiates.
     */
    public static DatabaseProfile fromPluginConfig(Config db) {
        String url = db.getString("url");
        return new DatabaseProfile(url.startsWith("jdbc:h2:") ? Kind.H2 : Kind.POSTGRES, url, db.getString("user"), db.getString("password"));
    }

    /** A table or column name of the plugin's schema as this database spells it (quoted lower case on H2). */
    public String identifier(String name) {
        return kind == Kind.H2 ? "\"" + name + "\"" : name;
    }

    public boolean isEmbedded() {
        return kind == Kind.H2;
    }

    /** The pekko-persistence-jdbc settings that point journal, snapshots and queries at this database. */
    public Config toConfig() {
        String profile = kind == Kind.H2 ? "slick.jdbc.H2Profile$" : "slick.jdbc.PostgresProfile$";
        String driver = kind == Kind.H2 ? "org.h2.Driver" : "org.postgresql.Driver";
        return ConfigFactory.parseMap(Map.of(
                "pekko-persistence-jdbc.shared-databases.podium.profile", profile,
                "pekko-persistence-jdbc.shared-databases.podium.db.url", url,
                "pekko-persistence-jdbc.shared-databases.podium.db.user", user,
                "pekko-persistence-jdbc.shared-databases.podium.db.password", password,
                "pekko-persistence-jdbc.shared-databases.podium.db.driver", driver));
    }

    /**
     * Creates the journal, tag and snapshot tables when they are missing. On PostgreSQL several
     * nodes may do this at the same moment, and concurrent {@code CREATE ... IF NOT EXISTS} of the
     * same table can still fail (unique violation in pg_type), so the script runs in one transaction
     * holding an advisory lock: the others wait, then find the tables there.
     */
    public void createSchema() {
        String script = readScript(kind == Kind.H2 ? "schema/h2.sql" : "schema/postgres.sql");
        try (Connection c = connect(); Statement st = c.createStatement()) {
            if (kind == Kind.POSTGRES) {
                c.setAutoCommit(false);
                st.execute("SELECT pg_advisory_xact_lock(" + SCHEMA_LOCK + ")");
            }
            for (String sql : script.split(";")) {
                if (!sql.isBlank()) st.execute(sql);
            }
            if (!c.getAutoCommit()) c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the Podium schema in " + url + ": " + e.getMessage(), e);
        }
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    private static String readScript(String resource) {
        try (InputStream in = DatabaseProfile.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing " + resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
