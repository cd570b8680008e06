package dev.podium.persistence.watch;

import com.typesafe.config.ConfigFactory;
import dev.podium.persistence.PostgresDatabase;
import dev.podium.persistence.db.DatabaseProfile;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The journal tail against a real PostgreSQL with several writers. The gap timeout is a minute,
 * far longer than any wait here, so a hole that is skipped was skipped by proof, not by timeout.
 */
class JdbcJournalTailPostgresTest {
    static final ActorTestKit kit = ActorTestKit.create(ConfigFactory.parseResources("serialization.conf").withFallback(ConfigFactory.load()));
    static final Serialization serialization = SerializationExtension.get(Adapter.toClassic(kit.system()));
    static final Materializer mat = Materializer.matFromSystem(kit.system());
    static final JournalRows rows = new JournalRows(serialization, DatabaseProfile.Kind.POSTGRES);
    static final Duration GAP_TIMEOUT = Duration.ofSeconds(60);
    static final Duration HELD_BACK = Duration.ofMillis(600);
    static final Duration PROMPTLY = Duration.ofSeconds(5);

    PostgresDatabase pg;
    WatchCache cache = new WatchCache(100);
    JdbcJournalTail tail;

    @BeforeEach
    void freshDatabase() {
        pg = PostgresDatabase.create("podium_tail");
        pg.profile.createSchema();
    }

    @AfterEach
    void cleanUp() throws SQLException {
        if (tail != null) tail.close();
        pg.close();
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    @Test
    void aLaterRowWaitsForAnEarlierOpenTransactionThenBothArriveInOrder() throws Exception {
        startTail();
        awaitReady();
        try (Connection slow = pg.connect(); Connection fast = pg.connect()) {
            slow.setAutoCommit(false);
            long a = insert(slow, "a");
            long b = insert(fast, "b");
            assertThat(b).isGreaterThan(a);
            staysAt(0);
            slow.commit();
            awaitVersion(b);
            assertThat(delivered(2)).containsExactly("a@" + a, "b@" + b);
        }
    }

    @Test
    void anAbortedTransactionsHoleIsSkippedWellBeforeTheGapTimeout() throws Exception {
        startTail();
        awaitReady();
        try (Connection killed = pg.connect(); Connection survivor = pg.connect()) {
            killed.setAutoCommit(false);
            insert(killed, "lost");
            long b = insert(survivor, "b");
            staysAt(0);
            killed.abort(Runnable::run); // the socket closes as when its JVM is killed: PostgreSQL aborts the insert
            long start = System.nanoTime();
            awaitVersion(b);
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(tookMillis).as("ms from the abort to delivery of the later row").isLessThan(PROMPTLY.toMillis());
            assertThat(delivered(1)).containsExactly("b@" + b);
            assertThat(cache.get("ConfigMap", "ns/lost")).isEmpty();
        }
    }

    @Test
    void atStartUpAHoleBelowTheMaxOfAnOpenTransactionIsDeliveredOnceItCommits() throws Exception {
        try (Connection slow = pg.connect(); Connection fast = pg.connect()) {
            slow.setAutoCommit(false);
            long a = insert(slow, "a");
            long b = insert(fast, "b");
            startTail();
            staysAt(0);
            assertThat(cache.isReady()).as("ready before the start-up hole is decided").isFalse();
            slow.commit();
            awaitReady();
            awaitVersion(b);
            assertThat(delivered(2)).containsExactly("a@" + a, "b@" + b);
        }
    }

    @Test
    void atStartUpWithAPermanentHoleTheCacheIsReadyWithoutWaitingForTheGapTimeout() throws Exception {
        long b;
        try (Connection rolledBack = pg.connect(); Connection fast = pg.connect()) {
            rolledBack.setAutoCommit(false);
            insert(rolledBack, "lost");
            rolledBack.rollback();
            b = insert(fast, "b");
        }
        long start = System.nanoTime();
        startTail();
        awaitReady();
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(tookMillis).as("ms from start to ready").isLessThan(PROMPTLY.toMillis());
        assertThat(cache.currentResourceVersion()).isEqualTo(b);
        assertThat(delivered(1)).containsExactly("b@" + b);
    }

    /**
     * An INSERT draws its ordering before PostgreSQL gives its transaction an id, so a hole can
     * belong to a transaction that no snapshot shows yet. Emulated here with the same steps an
     * INSERT takes: lock the table, draw the number, insert later.
     */
    @Test
    void aHoleWhoseWriterHasNoTransactionIdYetIsNotSkipped() throws Exception {
        try (Connection fast = pg.connect(); Connection slow = pg.connect()) {
            long first = insert(fast, "first"); // a sequence's first draw is WAL-logged, the next 32 are not
            startTail();
            awaitReady();
            slow.setAutoCommit(false);
            long a = drawOrderingWithoutTransactionId(slow);
            long b = insert(fast, "b");
            staysAt(first);
            insert(slow, "a", a);
            slow.commit();
            awaitVersion(b);
            assertThat(delivered(3)).containsExactly("first@" + first, "a@" + a, "b@" + b);
        }
    }

    private void startTail() {
        tail = JdbcJournalTail.start(pg.profile, serialization, cache, Duration.ofMillis(20), GAP_TIMEOUT);
    }

    private void awaitReady() throws Exception {
        cache.whenReady().toCompletableFuture().get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void awaitVersion(long rv) {
        await("the cache reaching ordering " + rv).atMost(PROMPTLY).pollInterval(Duration.ofMillis(5))
                .until(() -> cache.currentResourceVersion() >= rv);
    }

    /** Nothing more is delivered for a while, long enough for the tail to have polled many times. */
    private void staysAt(long rv) {
        await("nothing delivered past ordering " + rv + " for " + HELD_BACK.toMillis() + " ms").during(HELD_BACK).atMost(HELD_BACK.plusSeconds(2))
                .until(() -> cache.currentResourceVersion() == rv);
    }

    /** The first {@code n} changes the cache applied, in order, as name@resourceVersion. */
    private List<String> delivered(int n) throws Exception {
        return cache.watch(new WatchFilter("ConfigMap", null, o -> true), 0, false, 16, mat).take(n).runWith(Sink.seq(), mat)
                .toCompletableFuture().get(5, TimeUnit.SECONDS).stream()
                .map(e -> e.object().at("/metadata/name").asText() + "@" + e.resourceVersion()).toList();
    }

    private static long insert(Connection c, String name) throws SQLException {
        return rows.insert(c, name);
    }

    private static void insert(Connection c, String name, long ordering) throws SQLException {
        rows.insert(c, name, ordering);
    }

    /** Takes the lock an INSERT takes, then draws an ordering, in a transaction left without an id. */
    private static long drawOrderingWithoutTransactionId(Connection c) throws SQLException {
        for (int attempt = 0; attempt < 3; attempt++) {
            c.createStatement().execute("LOCK TABLE event_journal IN ROW EXCLUSIVE MODE");
            long ordering = single(c, "SELECT nextval(pg_get_serial_sequence('event_journal', 'ordering'))");
            if (single(c, "SELECT (pg_current_xact_id_if_assigned() IS NULL)::int") == 1) return ordering;
            c.rollback(); // that draw was WAL-logged (after a checkpoint), which assigns an id; the next one is not
        }
        throw new AssertionError("could not draw an ordering without PostgreSQL assigning a transaction id");
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
