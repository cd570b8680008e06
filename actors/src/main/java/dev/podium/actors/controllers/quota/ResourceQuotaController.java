package dev.podium.actors.controllers.quota;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.Supervision;
import dev.podium.actors.admission.NamespaceUsage;
import dev.podium.actors.objects.ObjectClient;
import dev.podium.actors.objects.ObjectCommand;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.quota.QuantityFormat;
import dev.podium.persistence.watch.CachedObject;
import dev.podium.persistence.watch.WatchCache;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * kube-controller-manager's resource quota controller (a cluster singleton): every period it
 * counts, from the cache, what each quota's namespace uses of the resources the quota tracks and
 * writes {@code status.hard} and {@code status.used} when they changed (one write per quota at a
 * time, against the version it read).
 */
public final class ResourceQuotaController {
    public sealed interface Command {}

    enum Tick implements Command { INSTANCE }

    private record Written(String key) implements Command {}

    private static final ResourceKind QUOTA = KindRegistry.get("ResourceQuota");
    private final WatchCache cache;
    private final ObjectClient objects;
    private final Set<String> inFlight = new HashSet<>();

    private ResourceQuotaController(WatchCache cache, ObjectClient objects) {
        this.cache = cache;
        this.objects = objects;
    }

    public static Behavior<Command> create(WatchCache cache, ObjectClient objects, Duration period) {
        return Supervision.restarting(Behaviors.<Command>setup(ctx -> Behaviors.withTimers(timers -> {
            ResourceQuotaController c = new ResourceQuotaController(cache, objects);
            timers.startTimerWithFixedDelay(Tick.INSTANCE, period);
            return Behaviors.receive(Command.class)
                    .onMessageEquals(Tick.INSTANCE, () -> {
                        c.reconcile(ctx.getSelf());
                        return Behaviors.same();
                    })
                    .onMessage(Written.class, m -> {
                        c.inFlight.remove(m.key());
                        return Behaviors.same();
                    })
                    .build();
        })));
    }

    void reconcile(ActorRef<Command> self) {
        for (CachedObject quota : cache.list(QUOTA.entityTypeName(), null, o -> true, 0, null).items()) {
            if (inFlight.contains(quota.key())) continue;
            ObjectNode status = status(quota.object(), quota.namespace());
            if (status.equals(quota.object().path("status"))) continue;
            ObjectNode updated = quota.object().deepCopy();
            updated.set("status", status);
            inFlight.add(quota.key());
            objects.ask(QUOTA, quota.key(), r -> new ObjectCommand.Update(updated, quota.seqNr(), true, false, r))
                    .whenComplete((reply, failure) -> self.tell(new Written(quota.key())));
        }
    }

    ObjectNode status(JsonNode quota, String namespace) {
        JsonNode hard = quota.path("spec").path("hard");
        Set<String> tracked = new TreeSet<>();
        hard.fieldNames().forEachRemaining(tracked::add);
        Map<String, BigDecimal> used = NamespaceUsage.of(cache, namespace, tracked);
        ObjectNode status = Json.object();
        ObjectNode h = status.putObject("hard");
        ObjectNode u = status.putObject("used");
        for (String r : tracked) {
            h.set(r, hard.get(r).deepCopy());
            u.put(r, QuantityFormat.format(r, used.get(r)));
        }
        return status;
    }
}
