package dev.podium.persistence.watch;

import com.typesafe.config.ConfigFactory;
import dev.podium.persistence.db.DatabaseProfile;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** On H2 (one writer, no view of other transactions) the gap timeout alone decides live holes. */
class JdbcJournalTailH2Test {
    static final ActorTestKit kit = ActorTestKit.create(ConfigFactory.parseResources("serialization.conf").withFallback(ConfigFactory.load()));
    static final Serialization serialization = SerializationExtension.get(Adapter.toClassic(kit.system()));
    static final JournalRows rows = new JournalRows(serialization, DatabaseProfile.Kind.H2);

    final DatabaseProfile h2 = new DatabaseProfile(DatabaseProfile.Kind.H2,
            "jdbc:h2:mem:tail_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1", "sa", "");
    final WatchCache cache = new WatchCache(100);
    JdbcJournalTail tail;

    @AfterEach
    void cleanUp() throws Exception {
        if (tail != null) tail.close();
        try (Connection c = h2.connect()) {
            c.createStatement().execute("SHUTDOWN");
        }
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    @Test
    void aLiveHoleIsSkippedOnlyAfterTheGapTimeout() throws Exception {
        h2.createSchema();
        Duration gapTimeout = Duration.ofSeconds(1);
        tail = JdbcJournalTail.start(h2, serialization, cache, Duration.ofMillis(20), gapTimeout);
        cache.whenReady().toCompletableFuture().get(5, TimeUnit.SECONDS);
        long start = System.nanoTime();
        long b = insertAfterARolledBackOne();
        await("nothing delivered before the gap timeout").during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(1)).until(() -> cache.currentResourceVersion() == 0);
        await("the row after the hole delivered").atMost(Duration.ofSeconds(5)).until(() -> cache.currentResourceVersion() == b);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(gapTimeout);
    }

    @Test
    void holesWrittenBeforeStartUpAreSkippedAtOnce() throws Exception {
        h2.createSchema();
        long b = insertAfterARolledBackOne();
        tail = JdbcJournalTail.start(h2, serialization, cache, Duration.ofMillis(20), Duration.ofSeconds(60));
        cache.whenReady().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(cache.currentResourceVersion()).isEqualTo(b);
    }

    /** H2 skips the rest of its reserved block of identity values on a restart: the first write after it must not wait out the gap timeout. */
    @Test
    void theOrderingsARestartSkippedDoNotHoldBackTheFirstWriteAfterIt() throws Exception {
        h2.createSchema();
        long a;
        try (Connection c = h2.connect()) {
            a = rows.insert(c, "a");
            c.createStatement().execute("ALTER TABLE \"event_journal\" ALTER COLUMN \"ordering\" RESTART WITH " + (a + 32));
        }
        tail = JdbcJournalTail.start(h2, serialization, cache, Duration.ofMillis(10), Duration.ofSeconds(60));
        cache.whenReady().toCompletableFuture().get(5, TimeUnit.SECONDS);
        long b;
        try (Connection c = h2.connect()) {
            b = rows.insert(c, "b");
        }
        assertThat(b).isEqualTo(a + 32);
        await("the first row after the restart delivered well within the gap timeout").atMost(Duration.ofSeconds(5))
                .until(() -> cache.currentResourceVersion() == b);
    }

    /** Polls that ran while the row's transaction was open (and saw nothing) do not keep it from the cache once it commits. */
    @Test
    void aRowCommittedAfterThePollThatRanDuringItsTransactionIsDelivered() throws Exception {
        h2.createSchema();
        tail = JdbcJournalTail.start(h2, serialization, cache, Duration.ofMillis(10), Duration.ofSeconds(60));
        cache.whenReady().toCompletableFuture().get(5, TimeUnit.SECONDS);
        try (Connection c = h2.connect()) {
            c.setAutoCommit(false);
            long a = rows.insert(c, "a");
            await("polls while the insert is uncommitted").during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1))
                    .until(() -> cache.currentResourceVersion() == 0);
            c.commit();
            await("the committed row delivered").atMost(Duration.ofSeconds(5)).until(() -> cache.currentResourceVersion() == a);
        }
    }

    private long insertAfterARolledBackOne() throws Exception {
        try (Connection c = h2.connect()) {
            c.setAutoCommit(false);
            long lost = rows.insert(c, "lost");
            c.rollback();
            long b = rows.insert(c, "b");
            c.commit();
            assertThat(b).as("the rolled-back ordering is not reused").isEqualTo(lost + 1);
            return b;
        }
    }
}
