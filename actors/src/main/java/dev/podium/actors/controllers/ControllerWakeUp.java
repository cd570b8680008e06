package dev.podium.actors.controllers;

import dev.podium.actors.Supervision;
import dev.podium.actors.objects.ObjectCommand;
import dev.podium.actors.objects.ObjectEntity;
import dev.podium.persistence.watch.CachedObject;
import dev.podium.persistence.watch.WatchCache;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

import java.time.Duration;
import java.util.List;

/**
 * Keeps every controller running (a cluster singleton): at start and then every interval it
 * wakes the entity of each object of a controller kind the cache holds, so a controller whose
 * entity stopped — its member died, its shard moved, the cluster restarted — resumes its work
 * without any client call. The journal, read into the cache, is the durable registry of what
 * must run (DESIGN §5's alternative to remember-entities).
 */
public final class ControllerWakeUp {
    private enum Tick { INSTANCE }

    private ControllerWakeUp() {}

    /** {@code kinds}: the entity type names of the controller kinds. */
    public static Behavior<Object> create(WatchCache cache, List<String> kinds, Duration interval) {
        return Supervision.restarting(Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            ClusterSharding sharding = ClusterSharding.get(ctx.getSystem());
            timers.startTimerWithFixedDelay(Tick.INSTANCE, Duration.ZERO, interval);
            return Behaviors.receiveMessage(m -> {
                for (String kind : kinds) {
                    for (CachedObject o : cache.list(kind, null, x -> true, 0, null).items()) {
                        ObjectEntity.ref(sharding, kind, o.key()).tell(new ObjectCommand.Wake());
                    }
                }
                return Behaviors.same();
            });
        })));
    }
}
