package dev.podium.actors.services;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.objects.ObjectClient;
import dev.podium.persistence.watch.CachedObject;
import dev.podium.persistence.watch.WatchCache;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.slf4j.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The cluster IP and node port repair loop (a cluster singleton), as kube-apiserver runs one:
 * every interval it releases claims no Service uses and claims what Services use unclaimed
 * ({@link AllocationRepairPlan}), through the claim objects' entities.
 */
public final class AllocationRepair {
    private enum Tick { INSTANCE }

    private AllocationRepair() {}

    public static Behavior<Object> create(WatchCache cache, ObjectClient objects, Clock clock, Duration interval) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            timers.startTimerWithFixedDelay(Tick.INSTANCE, interval);
            AllocationClaims claims = new AllocationClaims(objects, cache);
            return Behaviors.receiveMessage(m -> {
                repair(ctx.getLog(), cache, claims, clock, interval);
                return Behaviors.same();
            });
        })).narrow();
    }

    private static void repair(Logger log, WatchCache cache, AllocationClaims claims, Clock clock, Duration interval) {
        List<ObjectNode> services = cache.list("Service", null, o -> true, 0, null).items().stream().map(CachedObject::object).toList();
        for (AllocationRepairPlan.Action action : AllocationRepairPlan.plan(services, Claim.inCache(cache), clock.instant(), interval)) {
            if (action instanceof AllocationRepairPlan.Action.Release r) {
                log.info("releasing {}: {} no longer uses it", r.allocation(), r.holder());
                claims.delete(r.allocation(), r.seqNr());
            } else if (action instanceof AllocationRepairPlan.Action.Claim c) {
                log.info("claiming {} for {}, which uses it unclaimed", c.allocation(), c.holder());
                claims.claim(c.allocation(), c.holder());
            } else if (action instanceof AllocationRepairPlan.Action.Conflict x) {
                log.warn("{} is used by both {} and {}; one of them must change", x.allocation(), x.claimedBy(), x.alsoUsedBy());
            }
        }
    }
}
