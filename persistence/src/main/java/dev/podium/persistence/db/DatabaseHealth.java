package dev.podium.persistence.db;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Probes PostgreSQL on a connection of its own every {@code interval}, each probe bounded by
 * {@code timeout}, so that the API can refuse writes at once while the database is away (instead
 * of letting them wait out the journal's timeouts) and take them again as soon as it is back.
 */
public final class DatabaseHealth implements StoreHealth, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DatabaseHealth.class);
    private final DatabaseProfile db;
    private final Duration timeout;
    private final Clock clock;
    private final ScheduledExecutorService probes;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private Connection connection;
    private volatile boolean reachable = true;
    private volatile Instant since;
    private volatile String lastError = "";

    private DatabaseHealth(DatabaseProfile db, Duration timeout, Clock clock) {
        this.db = db;
        this.timeout = timeout;
        this.clock = clock;
        this.since = clock.instant();
        this.probes = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "podium-database-health");
            t.setDaemon(true);
            return t;
        });
    }

    public static DatabaseHealth start(DatabaseProfile db, Duration interval, Duration timeout, Clock clock) {
        DatabaseHealth health = new DatabaseHealth(db, timeout, clock);
        health.probes.scheduleWithFixedDelay(health::probe, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return health;
    }

    private void probe() {
        try {
            if (connection == null) connection = connect();
            if (!connection.isValid((int) Math.max(1, timeout.toSeconds()))) throw new SQLException("the connection did not answer within " + timeout.toSeconds() + " s");
            if (!reachable) {
                log.info("the database is reachable again after {} s", Duration.between(since, clock.instant()).toSeconds());
                since = clock.instant();
                reachable = true;
            }
        } catch (SQLException | RuntimeException e) {
            closeConnection();
            lastError = e.getMessage();
            if (reachable) {
                reachable = false;
                since = clock.instant();
                log.warn("the database is unreachable ({}): writes are refused with 503 until it answers again; reads are served from the cache", lastError);
                listeners.forEach(Runnable::run);
            }
        }
    }

    private Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", db.user());
        props.setProperty("password", db.password());
        String seconds = Long.toString(Math.max(1, timeout.toSeconds()));
        props.setProperty("connectTimeout", seconds);
        props.setProperty("socketTimeout", seconds);
        props.setProperty("loginTimeout", seconds);
        return DriverManager.getConnection(db.url(), props);
    }

    private void closeConnection() {
        if (connection == null) return;
        try {
            connection.close();
        } catch (SQLException ignored) {
            // it is being dropped because it failed
        }
        connection = null;
    }

    @Override
    public boolean reachable() {
        return reachable;
    }

    @Override
    public String describe() {
        return reachable ? "reachable" : "unreachable since " + since + " (" + lastError + ")";
    }

    @Override
    public void onUnreachable(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        probes.shutdownNow();
        closeConnection();
    }
}
