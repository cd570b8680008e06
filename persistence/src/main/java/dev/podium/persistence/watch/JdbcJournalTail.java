package dev.podium.persistence.watch;

import dev.podium.persistence.db.DatabaseProfile;
import dev.podium.persistence.events.ObjectEvent;
import org.apache.pekko.serialization.Serialization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Feeds a {@link WatchCache} from the journal table in ordering order: first everything already
 * written (the cache is ready when that is read), then new rows as they commit. It polls on its
 * own connection when idle and at once when poked, which the cache does whenever a writer starts
 * waiting for its event; that is what keeps a write's response fast. A hole in the ordering (a
 * transaction that took its number but has not committed yet) holds delivery back until it is
 * filled, or until {@code gapTimeout} has passed, after which the number is taken to belong to a
 * rolled-back insert and skipped. No event is delivered twice or out of order.
 */
public final class JdbcJournalTail implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JdbcJournalTail.class);
    private static final int BATCH = 1000;
    private final DatabaseProfile db;
    private final Serialization serialization;
    private final WatchCache cache;
    private final Duration idlePoll;
    private final Duration gapTimeout;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition poked = lock.newCondition();
    private final Thread thread;
    private volatile boolean running = true;
    private boolean pokePending;
    private long last;
    private long gapSince;
    private long lastPoll;
    private long bootstrapUntil;
    private static final long MIN_POLL_GAP_NANOS = 1_000_000;

    private JdbcJournalTail(DatabaseProfile db, Serialization serialization, WatchCache cache, Duration idlePoll, Duration gapTimeout) {
        this.db = db;
        this.serialization = serialization;
        this.cache = cache;
        this.idlePoll = idlePoll;
        this.gapTimeout = gapTimeout;
        this.thread = new Thread(this::run, "podium-journal-tail");
        this.thread.setDaemon(true);
    }

    public static JdbcJournalTail start(DatabaseProfile db, Serialization serialization, WatchCache cache, Duration idlePoll, Duration gapTimeout) {
        JdbcJournalTail tail = new JdbcJournalTail(db, serialization, cache, idlePoll, gapTimeout);
        cache.onAwait(tail::poke);
        tail.thread.start();
        return tail;
    }

    /** Polls now instead of at the next idle tick. */
    public void poke() {
        lock.lock();
        try {
            pokePending = true;
            poked.signal();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        long backoff = 100;
        while (running) {
            try (Connection c = db.connect();
                 PreparedStatement query = c.prepareStatement(sql())) {
                backoff = 100;
                if (!cache.isReady()) bootstrapUntil = maxOrdering(c);
                while (running) {
                    pace();
                    Poll result = poll(query);
                    // ready once everything that existed at start-up has been read
                    if (!cache.isReady() && last >= bootstrapUntil && result != Poll.FULL) cache.markReady();
                    if (result == Poll.FULL) continue;
                    waitForWork(result == Poll.GAP ? Duration.ofMillis(2) : idlePoll);
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) return;
                log.warn("reading the journal failed ({}); retrying in {} ms", e.getMessage(), backoff);
                sleep(backoff);
                backoff = Math.min(5_000, backoff * 2);
            }
        }
    }

    private enum Poll { FULL, DONE, GAP }

    /** Pokes under load would make the tail query back to back; one query per millisecond at most is plenty. */
    private void pace() {
        long wait = MIN_POLL_GAP_NANOS - (System.nanoTime() - lastPoll);
        if (wait > 0) LockSupport.parkNanos(wait);
        lastPoll = System.nanoTime();
    }

    private Poll poll(PreparedStatement query) throws SQLException {
        query.setLong(1, last);
        query.setInt(2, BATCH);
        int rows = 0;
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                rows++;
                long ordering = rs.getLong(1);
                if (ordering != last + 1 && !gapExpired(ordering)) return Poll.GAP;
                gapSince = 0;
                last = ordering;
                if (rs.getBoolean(7)) continue;
                Object event = serialization.deserialize(rs.getBytes(6), rs.getInt(4), rs.getString(5)).get();
                if (event instanceof ObjectEvent e) cache.apply(rs.getString(2), rs.getLong(3), ordering, e);
            }
        }
        return rows == BATCH ? Poll.FULL : Poll.DONE;
    }

    /**
     * True once a hole before {@code next} has lasted longer than the gap timeout (it is then
     * skipped). Holes in what was already written at start-up are permanent and skipped at once.
     */
    private boolean gapExpired(long next) {
        if (next <= bootstrapUntil) return true;
        long now = System.nanoTime();
        if (gapSince == 0) {
            gapSince = now;
            return false;
        }
        if (now - gapSince < gapTimeout.toNanos()) return false;
        if (next > bootstrapUntil) log.info("journal orderings {}..{} never committed; skipping them", last + 1, next - 1);
        return true;
    }

    private long maxOrdering(Connection c) throws SQLException {
        String q = db.kind() == DatabaseProfile.Kind.H2 ? "\"" : "";
        try (var st = c.createStatement(); var rs = st.executeQuery("SELECT MAX(" + col(q, "ordering") + ") FROM " + col(q, "event_journal"))) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private String sql() {
        boolean h2 = db.kind() == DatabaseProfile.Kind.H2;
        String q = h2 ? "\"" : "";
        return "SELECT " + String.join(", ", col(q, "ordering"), col(q, "persistence_id"), col(q, "sequence_number"), col(q, "event_ser_id"),
                col(q, "event_ser_manifest"), col(q, "event_payload"), col(q, "deleted"))
                + " FROM " + col(q, "event_journal") + " WHERE " + col(q, "ordering") + " > ? ORDER BY " + col(q, "ordering") + " LIMIT ?";
    }

    private static String col(String quote, String name) {
        return quote + name + quote;
    }

    private void waitForWork(Duration max) {
        lock.lock();
        try {
            if (!pokePending) poked.await(max.toNanos(), TimeUnit.NANOSECONDS);
            pokePending = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
