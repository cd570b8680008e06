package dev.podium.persistence.watch;

import dev.podium.persistence.events.ObjectEvent;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.Sequence;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.RestartSettings;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.RestartSource;
import org.apache.pekko.stream.javadsl.Sink;

import java.time.Duration;

/**
 * Feeds a {@link WatchCache} from the journal: first everything already written (the cache is
 * ready when that is done), then new events as they arrive, in global ordering order. The JDBC
 * read journal handles gaps in the ordering, so no event is skipped or delivered twice.
 */
public final class JournalTail {
    private final UniqueKillSwitch killSwitch;

    private JournalTail(UniqueKillSwitch killSwitch) {
        this.killSwitch = killSwitch;
    }

    public static JournalTail start(ActorSystem<?> system, WatchCache cache) {
        JdbcReadJournal journal = PersistenceQuery.get(system)
                .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
        journal.currentEventsByTag(ObjectEvent.TAG, Offset.noOffset())
                .runForeach(env -> apply(cache, env), system)
                .whenComplete((done, failure) -> {
                    if (failure != null) system.log().error("reading the journal at start-up failed", failure);
                    cache.markReady();
                });
        RestartSettings restart = RestartSettings.create(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2);
        UniqueKillSwitch ks = RestartSource.withBackoff(restart, () -> {
                    long from = cache.currentResourceVersion();
                    return org.apache.pekko.stream.javadsl.Source.completionStage(cache.whenReady())
                            .flatMapConcat(r -> journal.eventsByTag(ObjectEvent.TAG, Offset.sequence(cache.currentResourceVersion())));
                })
                .viaMat(KillSwitches.single(), Keep.right())
                .toMat(Sink.foreach(env -> apply(cache, env)), Keep.left())
                .run(system);
        return new JournalTail(ks);
    }

    private static void apply(WatchCache cache, EventEnvelope env) {
        if (env.event() instanceof ObjectEvent event && env.offset() instanceof Sequence seq) {
            cache.apply(env.persistenceId(), env.sequenceNr(), seq.value(), event);
        }
    }

    public void stop() {
        killSwitch.shutdown();
    }
}
