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
import java.util.HashSet;
import java.util.Set;
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
 * filled or proven permanent. On PostgreSQL the proof is that every transaction that was writing
 * the journal when the hole was seen has ended (see {@link HoleTracker}); several JVMs may write,
 * and a killed one leaves holes that are settled as soon as PostgreSQL has aborted its transaction.
 * {@code gapTimeout} is the backstop, and the only rule on H2. No event is delivered twice or out
 * of order.
 */
public final class JdbcJournalTail implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JdbcJournalTail.class);
    private static final int BATCH = 1000;
    private static final long MIN_POLL_GAP_NANOS = 1_000_000;
    /** Transactions holding the lock an INSERT into the journal takes (see {@link #writersInFlight}). */
    private static final String WRITERS_SQL = "SELECT virtualtransaction FROM pg_locks"
            + " WHERE locktype = 'relation' AND mode = 'RowExclusiveLock' AND relation = 'event_journal'::regclass"
            + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())";
    private final DatabaseProfile db;
    private final Serialization serialization;
    private final WatchCache cache;
    private final Duration idlePoll;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition poked = lock.newCondition();
    private final Thread thread;
    private final HoleTracker holes;
    private final boolean seesWriters;
    private volatile boolean running = true;
    private boolean pokePending;
    private long last;
    private long lastPoll;
    private long bootstrapUntil;

    private JdbcJournalTail(DatabaseProfile db, Serialization serialization, WatchCache cache, Duration idlePoll, Duration gapTimeout) {
        this.db = db;
        this.serialization = serialization;
        this.cache = cache;
        this.idlePoll = idlePoll;
        this.holes = new HoleTracker(gapTimeout);
        this.seesWriters = db.kind() == DatabaseProfile.Kind.POSTGRES;
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
                if (!cache.isReady()) startUp(c);
                while (running) {
                    pace();
                    // before the read, so that a read showing the hole still open can decide it
                    if (holes.awaitsCheck()) holes.checked(writersInFlight(c));
                    Poll result = poll(query);
                    if (result == Poll.GAP && seesWriters && holes.wantsObservation()) holes.observed(writersInFlight(c));
                    // ready once everything that existed at start-up has been read
                    if (!cache.isReady() && last >= bootstrapUntil && result != Poll.FULL) cache.markReady();
                    if (result == Poll.FULL) continue;
                    waitForWork(result == Poll.GAP ? Duration.ofMillis(2) : idlePoll);
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) return;
                log.warn("reading the journal failed ({}); retrying in {} ms", e.getMessage(), backoff);
                sleep(backoff);
                // at most a second: the cache follows again within a second of the database's return
                backoff = Math.min(1_000, backoff * 2);
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
                if (ordering != last + 1 && !skipHole(ordering)) return Poll.GAP;
                last = ordering;
                if (rs.getBoolean(7)) continue;
                Object event = serialization.deserialize(rs.getBytes(6), rs.getInt(4), rs.getString(5)).get();
                if (event instanceof ObjectEvent e) cache.apply(rs.getString(2), rs.getLong(3), ordering, e);
            }
        }
        return rows == BATCH ? Poll.FULL : Poll.DONE;
    }

    /** True when the hole before {@code next} is to be skipped now, false to wait for it. */
    private boolean skipHole(long next) {
        HoleTracker.Decision decision = holes.onHole(last + 1, next, System.nanoTime());
        if (decision == HoleTracker.Decision.WAIT) return false;
        logSkip(next, decision == HoleTracker.Decision.SKIP_SETTLED
                ? "no transaction that could still commit them is running" : "still missing after the gap timeout");
        return true;
    }

    private void logSkip(long next, String why) {
        // holes read back at start-up were mostly settled by earlier runs: not news
        if (next <= bootstrapUntil) log.debug("journal orderings {}..{} never committed ({}); skipping them", last + 1, next - 1, why);
        else log.info("journal orderings {}..{} never committed ({}); skipping them", last + 1, next - 1, why);
    }

    /** Everything up to the highest ordering now readable is to be read before the cache is ready. */
    private void startUp(Connection c) throws SQLException {
        bootstrapUntil = maxOrdering(c);
        // taken after the max was read, so every writer that could still fill a hole below it is listed;
        // H2 has one writer, this JVM, which has not started writing yet
        if (seesWriters) holes.startedAt(bootstrapUntil, writersInFlight(c));
        else holes.startedAt(Math.max(bootstrapUntil, nextH2Ordering(c) - 1), Set.of());
    }

    /**
     * The ordering H2 hands out next. H2 reserves identity values in blocks and a restart skips the
     * rest of the block, so the first write after a restart leaves a hole behind the last row that
     * no transaction will ever fill; without this the tail waited out the gap timeout (10 s) before
     * the first write after every restart was visible.
     */
    private static long nextH2Ordering(Connection c) throws SQLException {
        try (var st = c.createStatement(); var rs = st.executeQuery("SELECT IDENTITY_BASE FROM INFORMATION_SCHEMA.COLUMNS"
                + " WHERE TABLE_NAME = 'event_journal' AND COLUMN_NAME = 'ordering'")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private long maxOrdering(Connection c) throws SQLException {
        try (var st = c.createStatement(); var rs = st.executeQuery("SELECT MAX(" + db.identifier("ordering") + ") FROM " + db.identifier("event_journal"))) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /**
     * The transactions (virtual ids) that may be inserting into the journal right now. An INSERT
     * takes its ROW EXCLUSIVE lock on the table before its default draws the ordering and holds it
     * to commit or abort, so a transaction that holds an ordering it has not committed is listed,
     * even one that has no transaction id yet; that is why this looks at locks, not at snapshot
     * xmin/xmax. Ordering values are assumed to be drawn in order (the BIGSERIAL's cache of 1).
     */
    private Set<String> writersInFlight(Connection c) throws SQLException {
        Set<String> writers = new HashSet<>();
        try (var st = c.createStatement(); var rs = st.executeQuery(WRITERS_SQL)) {
            while (rs.next()) writers.add(rs.getString(1));
        }
        return writers;
    }

    private String sql() {
        return "SELECT " + String.join(", ", db.identifier("ordering"), db.identifier("persistence_id"), db.identifier("sequence_number"),
                db.identifier("event_ser_id"), db.identifier("event_ser_manifest"), db.identifier("event_payload"), db.identifier("deleted"))
                + " FROM " + db.identifier("event_journal") + " WHERE " + db.identifier("ordering") + " > ? ORDER BY " + db.identifier("ordering") + " LIMIT ?";
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
