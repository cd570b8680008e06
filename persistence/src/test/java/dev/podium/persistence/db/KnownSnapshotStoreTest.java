package dev.podium.persistence.db;

import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.pattern.Patterns;
import org.apache.pekko.persistence.Persistence;
import org.apache.pekko.persistence.SnapshotMetadata;
import org.apache.pekko.persistence.SnapshotProtocol;
import org.apache.pekko.persistence.SnapshotSelectionCriteria;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The snapshot store skips the query for ids it knows have no snapshot, and only for those. */
class KnownSnapshotStoreTest {
    final DatabaseProfile h2 = new DatabaseProfile(DatabaseProfile.Kind.H2,
            "jdbc:h2:mem:snap_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1", "sa", "");
    ActorTestKit kit;

    @AfterEach
    void cleanUp() throws Exception {
        if (kit != null) kit.shutdownTestKit();
        try (Connection c = h2.connect()) {
            c.createStatement().execute("SHUTDOWN");
        }
    }

    ActorRef start() {
        kit = member();
        return store(kit);
    }

    /** An actor system on the test's database with Podium's persistence settings. */
    ActorTestKit member() {
        return ActorTestKit.create(h2.toConfig().withFallback(ConfigFactory.parseResources("persistence.conf"))
                .withFallback(ConfigFactory.parseResources("serialization.conf")).withFallback(ConfigFactory.load()));
    }

    static ActorRef store(ActorTestKit member) {
        return Persistence.get(Adapter.toClassic(member.system())).snapshotStoreFor("jdbc-snapshot-store", ConfigFactory.empty());
    }

    static Object ask(ActorRef store, Object message) throws Exception {
        return Patterns.ask(store, message, Duration.ofSeconds(10)).toCompletableFuture().get();
    }

    static String loaded(ActorRef store, String persistenceId) throws Exception {
        Object reply = ask(store, new SnapshotProtocol.LoadSnapshot(persistenceId, SnapshotSelectionCriteria.latest(), Long.MAX_VALUE));
        var snapshot = ((SnapshotProtocol.LoadSnapshotResult) reply).snapshot();
        return snapshot.isEmpty() ? "none" : snapshot.get().snapshot() + "@" + snapshot.get().metadata().sequenceNr();
    }

    static void save(ActorRef store, String persistenceId, long seqNr, String state) throws Exception {
        Object reply = ask(store, new SnapshotProtocol.SaveSnapshot(new SnapshotMetadata(persistenceId, seqNr, System.currentTimeMillis()), state));
        assertThat(reply).isInstanceOf(org.apache.pekko.persistence.SaveSnapshotSuccess.class);
    }

    @Test
    void snapshotsSavedBeforeAndAfterStartAreLoaded() throws Exception {
        h2.createSchema();
        save(start(), "Lease|a", 100, "first");
        kit.shutdownTestKit();
        ActorRef store = start();
        assertThat(loaded(store, "Lease|a")).as("known from the table at start").isEqualTo("first@100");
        save(store, "Lease|b", 100, "second");
        assertThat(loaded(store, "Lease|b")).as("known from its own save").isEqualTo("second@100");
    }

    @Test
    void anIdWithoutSnapshotsIsAnsweredWithoutReadingTheTable() throws Exception {
        h2.createSchema();
        ActorRef store = start();
        assertThat(loaded(store, "Pod|default/new")).isEqualTo("none");
        // a snapshot another member wrote after this store started is not looked for: its events are still all there
        try (Member other = start2()) {
            save(other.store, "Pod|default/new", 100, "elsewhere");
        }
        assertThat(loaded(store, "Pod|default/new")).isEqualTo("none");
        try (Member restarted = start2()) {
            assertThat(loaded(restarted.store, "Pod|default/new")).as("a store started later reads it").isEqualTo("elsewhere@100");
        }
    }

    /** A second actor system on the same database, as another cluster member. */
    record Member(ActorTestKit kit, ActorRef store) implements AutoCloseable {
        @Override
        public void close() {
            kit.shutdownTestKit();
        }
    }

    Member start2() {
        ActorTestKit other = member();
        return new Member(other, store(other));
    }
}
