package dev.podium.launcher;

import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Logs the cluster view whenever membership or reachability changes, and once more a little
 * later, when the shards have moved to where they now live.
 */
final class ClusterLog {
    private static final Logger log = LoggerFactory.getLogger("dev.podium.cluster");
    private static final Duration SETTLE = Duration.ofSeconds(5);
    private static final Object SETTLED = "settled";

    private ClusterLog() {}

    static Behavior<Object> create(ClusterView view) {
        return Behaviors.setup(ctx -> {
            Cluster cluster = Cluster.get(ctx.getSystem());
            cluster.subscriptions().tell(Subscribe.create(ctx.getSelf().narrow(), ClusterEvent.MemberEvent.class));
            cluster.subscriptions().tell(Subscribe.create(ctx.getSelf().narrow(), ClusterEvent.ReachabilityEvent.class));
            return Behaviors.withTimers(timers -> Behaviors.receiveMessage(msg -> {
                if (msg instanceof ClusterEvent.ClusterDomainEvent e) {
                    log.info("cluster: {}", e);
                    timers.startSingleTimer(SETTLED, SETTLED, SETTLE);
                } else if (msg == SETTLED) {
                    view.describe().thenAccept(lines -> log.info("cluster view:\n  {}", String.join("\n  ", lines)));
                }
                return Behaviors.same();
            }));
        });
    }
}
