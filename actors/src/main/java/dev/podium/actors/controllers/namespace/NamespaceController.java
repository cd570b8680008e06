package dev.podium.actors.namespaces;

import dev.podium.actors.objects.ObjectClient;
import dev.podium.actors.objects.ObjectCommand;
import dev.podium.actors.services.AllocationClaims;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.persistence.watch.CachedObject;
import dev.podium.persistence.watch.WatchCache;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.time.Duration;
import java.util.List;

/**
 * Empties terminating namespaces: deletes every object in a namespace that has a
 * deletionTimestamp (a deleted Service's cluster IP and node ports are released), and once
 * nothing is left clears spec.finalizers so the Namespace entity completes its own deletion.
 * Level-triggered: every tick recomputes from the watch cache.
 */
public final class NamespaceController {
    private enum Tick { INSTANCE }

    private NamespaceController() {}

    public static Behavior<Object> create(WatchCache cache, ObjectClient objects, Duration resync) {
        return Behaviors.withTimers(timers -> {
            timers.startTimerWithFixedDelay(Tick.INSTANCE, resync);
            return Behaviors.receiveMessage(msg -> {
                reconcile(cache, objects);
                return Behaviors.same();
            });
        }).narrow();
    }

    static void reconcile(WatchCache cache, ObjectClient objects) {
        ResourceKind nsKind = KindRegistry.get("Namespace");
        AllocationClaims claims = new AllocationClaims(objects, cache);
        List<CachedObject> terminating = cache.list(nsKind.entityTypeName(), null,
                o -> o.path("metadata").has("deletionTimestamp"), 0, null).items();
        for (CachedObject ns : terminating) {
            String namespace = ns.key();
            int remaining = 0;
            for (ResourceKind kind : KindRegistry.all()) {
                if (!kind.namespaced()) continue;
                for (CachedObject o : cache.list(kind.entityTypeName(), namespace, x -> true, 0, null).items()) {
                    remaining++;
                    if (!o.object().path("metadata").has("deletionTimestamp")) {
                        objects.ask(kind, o.key(), r -> new ObjectCommand.Delete(0, "", ObjectCommand.Delete.DEFAULT_GRACE, false, r))
                                .thenCompose(reply -> claims.releaseIfServiceDeleted(kind, reply));
                    }
                }
            }
            if (remaining == 0 && ns.object().path("spec").path("finalizers").size() > 0) {
                objects.ask(nsKind, namespace, r -> new ObjectCommand.Finalize(Json.MAPPER.createArrayNode(), r));
            }
        }
    }
}
