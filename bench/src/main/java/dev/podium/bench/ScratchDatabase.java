package dev.podium.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A fresh PostgreSQL database for one benchmark run, created through the server's admin database
 * (user postgres, trust auth) and dropped on close, even while Podium JVMs are still connected.
 */
final class ScratchDatabase implements AutoCloseable {
    static final String DEFAULT_ADMIN_URL = System.getenv().getOrDefault("PODIUM_BENCH_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private final String adminUrl;
    private final String name;

    private ScratchDatabase(String adminUrl, String name) {
        this.adminUrl = adminUrl;
        this.name = name;
    }

    /** Creates {@code PREFIX_<random>} on the server of {@code adminUrl}. */
    static ScratchDatabase create(String adminUrl, String prefix) throws SQLException {
        String name = prefix + "_" + Long.toString(System.currentTimeMillis(), 36) + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
        ScratchDatabase db = new ScratchDatabase(adminUrl, name);
        db.execute("CREATE DATABASE " + name);
        return db;
    }

    String name() {
        return name;
    }

    String url() {
        return adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + name;
    }

    /** Events in the journal per entity type (the part of persistence_id before '|'), most first, and the database's activity counters. */
    String journalWritesByKind() throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection c = DriverManager.getConnection(url(), "postgres", ""); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT split_part(persistence_id, '|', 1) AS kind, count(*) AS n FROM event_journal"
                     + " GROUP BY 1 ORDER BY 2 DESC")) {
            while (rs.next()) out.append(out.isEmpty() ? "" : ", ").append(rs.getString(1)).append(' ').append(rs.getLong(2));
        }
        try (Connection c = DriverManager.getConnection(adminUrl, "postgres", ""); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT xact_commit, tup_returned, tup_inserted FROM pg_stat_database WHERE datname = '" + name + "'")) {
            if (rs.next()) {
                out.append("; database: ").append(rs.getLong(1)).append(" transactions, ").append(rs.getLong(2)).append(" rows read, ")
                        .append(rs.getLong(3)).append(" inserted");
            }
        }
        return out.toString();
    }

    @Override
    public void close() throws SQLException {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl, "postgres", ""); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
