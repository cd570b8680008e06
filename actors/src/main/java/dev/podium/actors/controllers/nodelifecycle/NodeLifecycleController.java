package dev.podium.actors.nodes;

import dev.podium.model.json.Times;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.objects.ObjectClient;
import dev.podium.actors.objects.ObjectCommand;
import dev.podium.actors.objects.PodConditions;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.patch.PatchType;
import dev.podium.persistence.watch.CachedObject;
import dev.podium.persistence.watch.WatchCache;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Watches node leases (a cluster singleton): a node whose lease has not been renewed for the
 * grace period becomes Ready=Unknown with the unreachable NoExecute taint, its pods become
 * Ready=False, and each pod is deleted once its toleration of that taint runs out, so its owner
 * replaces it. A node whose lease is fresh again loses the taint and is Ready again.
 */
public final class NodeLifecycleController {
    private enum Tick { INSTANCE }

    private static final ResourceKind NODE = KindRegistry.get("Node");
    private static final ResourceKind POD = KindRegistry.get("Pod");
    private static final String LEASE = KindRegistry.get("Lease.coordination.k8s.io").entityTypeName();

    private NodeLifecycleController() {}

    public static Behavior<Object> create(WatchCache cache, ObjectClient objects, Clock clock, Duration grace, Duration period) {
        return Behaviors.withTimers(timers -> {
            timers.startTimerWithFixedDelay(Tick.INSTANCE, period);
            return Behaviors.receiveMessage(m -> {
                reconcile(cache, objects, clock, grace);
                return Behaviors.same();
            });
        }).narrow();
    }

    static void reconcile(WatchCache cache, ObjectClient objects, Clock clock, Duration grace) {
        Instant now = Instant.now(clock);
        String stamp = Times.rfc3339(now);
        // one pass over the pods per tick, not one per node
        Map<String, List<CachedObject>> podsByNode = new HashMap<>();
        for (CachedObject p : cache.list(POD.entityTypeName(), null, o -> true, 0, null).items()) {
            String nodeName = p.object().path("spec").path("nodeName").asText("");
            if (!nodeName.isEmpty()) podsByNode.computeIfAbsent(nodeName, k -> new ArrayList<>()).add(p);
        }
        for (CachedObject n : cache.list(NODE.entityTypeName(), null, o -> true, 0, null).items()) {
            ObjectNode node = n.object();
            String name = n.key();
            List<CachedObject> pods = podsByNode.getOrDefault(name, List.of());
            Optional<ObjectNode> lease = cache.get(LEASE, "kube-node-lease/" + name).map(CachedObject::object);
            boolean stale = NodeHealth.stale(node, lease, now, grace);
            if (stale && !NodeHealth.hasUnreachableTaint(node)) {
                markUnreachable(objects, node, name, stamp);
                for (CachedObject p : pods) {
                    ObjectNode status = (ObjectNode) p.object().path("status").deepCopy();
                    ObjectNode holder = Json.object();
                    holder.set("status", status);
                    PodConditions.set(holder, "Ready", "False", "NodeUnreachable", "Node " + name + " is unreachable", stamp);
                    patch(objects, POD, p.key(), holder, true);
                }
            } else if (!stale && NodeHealth.hasUnreachableTaint(node)) {
                ObjectNode spec = Json.object();
                spec.putObject("spec").set("taints", NodeHealth.taintsWith(node, false, stamp));
                patch(objects, NODE, name, spec, false);
                ObjectNode status = Json.object();
                status.set("status", node.path("status").deepCopy());
                PodConditions.set(status, "Ready", "True", "KubeletReady", "kubelet is posting ready status", stamp);
                patch(objects, NODE, name, status, true);
            }
            if (stale) NodeHealth.unreachableTaint(node).ifPresent(taint -> evict(objects, pods, taint, now));
        }
    }

    private static void markUnreachable(ObjectClient objects, ObjectNode node, String name, String stamp) {
        ObjectNode spec = Json.object();
        spec.putObject("spec").set("taints", NodeHealth.taintsWith(node, true, stamp));
        patch(objects, NODE, name, spec, false);
        ObjectNode status = Json.object();
        status.putObject("status").set("conditions", NodeHealth.conditionsUnknown(node, stamp));
        patch(objects, NODE, name, status, true);
    }

    private static void evict(ObjectClient objects, List<CachedObject> pods, JsonNode taint, Instant now) {
        for (CachedObject p : pods) {
            if (p.object().path("metadata").has("deletionTimestamp")) continue;
            Optional<Instant> at = NodeHealth.evictAt(p.object(), taint);
            if (at.isPresent() && !at.get().isAfter(now)) {
                objects.ask(POD, p.key(), r -> new ObjectCommand.Delete(0, "", ObjectCommand.Delete.DEFAULT_GRACE, false, r));
            }
        }
    }

    private static void patch(ObjectClient objects, ResourceKind kind, String id, ObjectNode patch, boolean status) {
        objects.ask(kind, id, r -> new ObjectCommand.Patch(PatchType.MERGE_PATCH.name(), patch, 0, status, "", false, false, r));
    }
}
