package dev.podium.actors.controllers.nodelifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.Supervision;
import dev.podium.actors.hints.ObjectChanged;
import dev.podium.actors.hints.SeenVersions;
import dev.podium.actors.kinds.LeaseBehavior;
import dev.podium.actors.objects.ObjectClient;
import dev.podium.actors.objects.ObjectCommand;
import dev.podium.actors.objects.ObjectReply;
import dev.podium.actors.objects.PodConditions;
import dev.podium.model.json.Json;
import dev.podium.model.json.Times;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.patch.PatchType;
import dev.podium.persistence.PodiumSerializable;
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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The node lifecycle controller (a cluster singleton). Node entities and node Leases tell it
 * about every write, so it knows each node and its last renewal without reading anything; every
 * period it looks at its own picture, and a node whose renewal is older than the grace period
 * (confirmed against the cache's Lease, in case a renewal's hint was lost) becomes Ready=Unknown
 * with the unreachable NoExecute taint, its pods Ready=False, and each pod is deleted once its
 * toleration of that taint runs out, so its owner replaces it. A node whose lease is fresh again
 * loses the taint and is Ready. Pods bound to a node that is gone are deleted at once (kube's pod
 * garbage collector). A re-check on a timer takes what the cache holds newer than any hint.
 */
public final class NodeLifecycleController {
    public sealed interface Command {}

    /** A Node entity's or a node Lease entity's hint. */
    public record Hint(ObjectChanged change) implements Command, PodiumSerializable {}

    enum Tick implements Command { INSTANCE }

    enum Recheck implements Command { INSTANCE }

    private static final ResourceKind NODE = KindRegistry.get("Node");
    private static final ResourceKind POD = KindRegistry.get("Pod");
    private static final String LEASE = KindRegistry.get("Lease.coordination.k8s.io").entityTypeName();

    private final WatchCache cache;
    private final ObjectClient objects;
    private final Clock clock;
    private final Duration grace;
    private final Map<String, ObjectNode> nodes = new HashMap<>();
    private final Map<String, ObjectNode> leases = new HashMap<>();
    /** Pod ranges given to nodes by this controller (kept until the node is deleted). */
    private final Map<String, String> cidrs = new HashMap<>();
    private final SeenVersions nodesSeen = new SeenVersions(Duration.ofMinutes(5));
    private final SeenVersions leasesSeen = new SeenVersions(Duration.ofMinutes(5));
    /**
     * Nodes and pods with writes of this controller still unanswered: until their answer (or its
     * timeout) the next period leaves them alone, so a busy store that is slow to reflect a taint
     * gets no second copy of every patch each period.
     */
    private final Set<String> writing = ConcurrentHashMap.newKeySet();

    private NodeLifecycleController(WatchCache cache, ObjectClient objects, Clock clock, Duration grace) {
        this.cache = cache;
        this.objects = objects;
        this.clock = clock;
        this.grace = grace;
    }

    public static Behavior<Command> create(WatchCache cache, ObjectClient objects, Clock clock, Duration grace, Duration period, Duration recheck) {
        return Supervision.restarting(Behaviors.withTimers(timers -> {
            NodeLifecycleController c = new NodeLifecycleController(cache, objects, clock, grace);
            c.recheck();
            timers.startTimerWithFixedDelay(Tick.INSTANCE, period);
            timers.startTimerWithFixedDelay(Recheck.INSTANCE, recheck);
            return Behaviors.receive(Command.class)
                    .onMessage(Hint.class, m -> {
                        c.observe(m.change());
                        return Behaviors.same();
                    })
                    .onMessageEquals(Tick.INSTANCE, () -> {
                        c.reconcile();
                        return Behaviors.same();
                    })
                    .onMessageEquals(Recheck.INSTANCE, () -> {
                        c.recheck();
                        return Behaviors.same();
                    })
                    .build();
        }));
    }

    void observe(ObjectChanged change) {
        boolean node = change.kind().equals(NODE.entityTypeName());
        SeenVersions seen = node ? nodesSeen : leasesSeen;
        if (!seen.accept(change.key(), change.seqNr(), change.deleted(), clock.instant())) return;
        Map<String, ObjectNode> into = node ? nodes : leases;
        String name = change.name();
        if (change.deleted()) into.remove(name);
        if (node && change.deleted()) cidrs.remove(name);
        else into.put(name, change.object());
        if (node && change.deleted()) deleteOrphans(name);
        if (node && !change.deleted() && NodeCidrs.wantsCidr(change.object())) allocateCidr(name);
    }

    /**
     * Node IPAM: a node whose runtime has a pod network gets the lowest free /24 of the cluster's pod range as
     * {@code spec.podCIDR}; a range is held from the moment it is chosen, so two nodes never get the same one.
     */
    private void allocateCidr(String name) {
        if (cidrs.containsKey(name)) return;
        java.util.Set<String> used = new java.util.HashSet<>(cidrs.values());
        nodes.values().forEach(n -> {
            String c = n.path("spec").path("podCIDR").asText("");
            if (!c.isEmpty()) used.add(c);
        });
        Optional<String> cidr = NodeCidrs.next(dev.podium.runtime.cri.PodiumContainerd.CLUSTER_CIDR, 24, used);
        if (cidr.isEmpty()) {
            org.slf4j.LoggerFactory.getLogger(NodeLifecycleController.class).warn(
                    "node {}: no pod range left in {} (CIDRNotAvailable)", name, dev.podium.runtime.cri.PodiumContainerd.CLUSTER_CIDR);
            return;
        }
        cidrs.put(name, cidr.get());
        ObjectNode spec = Json.object();
        spec.putObject("spec").put("podCIDR", cidr.get()).putArray("podCIDRs").add(cidr.get());
        once("cidr " + name, () -> List.of(patch(NODE, name, spec, false)));
    }

    /**
     * Pods bound to a node that no longer exists are deleted at once, with no grace period: no
     * kubelet will ever stop them (kube's pod garbage collector).
     */
    private void deleteOrphans(String nodeName) {
        for (CachedObject p : cache.listByNode(POD.entityTypeName(), nodeName)) {
            String uid = p.object().path("metadata").path("uid").asText();
            once("pod " + p.key(), () -> List.of(objects.ask(POD, p.key(), r -> new ObjectCommand.Delete(0, uid, 0, false, r))));
        }
    }

    /** What the cache holds newer than any hint (all of it, at start). */
    void recheck() {
        for (CachedObject n : cache.list(NODE.entityTypeName(), null, o -> true, 0, null).items()) {
            if (n.seqNr() > nodesSeen.newest(n.key())) observe(new ObjectChanged(NODE.entityTypeName(), n.key(), n.object(), n.seqNr(), false));
        }
        for (CachedObject l : cache.list(LEASE, LeaseBehavior.NODE_LEASE_NAMESPACE, o -> true, 0, null).items()) {
            if (l.seqNr() > leasesSeen.newest(l.key())) observe(new ObjectChanged(LEASE, l.key(), l.object(), l.seqNr(), false));
        }
        nodesSeen.expire(clock.instant());
        leasesSeen.expire(clock.instant());
        orphansOfUnknownNodes(clock.instant());
    }

    void reconcile() {
        Instant now = Instant.now(clock);
        String stamp = Times.rfc3339(now);
        for (var e : Map.copyOf(nodes).entrySet()) {
            String name = e.getKey();
            ObjectNode node = e.getValue();
            boolean stale = NodeHealth.stale(node, Optional.ofNullable(leases.get(name)), now, grace)
                    && NodeHealth.stale(node, cache.get(LEASE, LeaseBehavior.NODE_LEASE_NAMESPACE + "/" + name).map(CachedObject::object), now, grace);
            if (stale && !NodeHealth.hasUnreachableTaint(node)) {
                once("node " + name, () -> markUnreachable(node, name, stamp));
            } else if (!stale && NodeHealth.hasUnreachableTaint(node)) {
                once("node " + name, () -> markReachable(node, name, stamp));
            }
            if (stale) NodeHealth.unreachableTaint(node).ifPresent(taint -> evict(cache.listByNode(POD.entityTypeName(), name), taint, now));
        }
    }

    /** Pods bound for longer than the grace period to a node neither the hints nor the cache know. */
    private void orphansOfUnknownNodes(Instant now) {
        for (CachedObject p : cache.list(POD.entityTypeName(), null, o -> !o.path("spec").path("nodeName").asText("").isEmpty(), 0, null).items()) {
            String nodeName = p.object().path("spec").path("nodeName").asText();
            if (nodes.containsKey(nodeName) || cache.get(NODE.entityTypeName(), nodeName).isPresent()) continue;
            Instant created = Instant.parse(p.object().path("metadata").path("creationTimestamp").asText(now.toString()));
            if (created.plus(grace).isBefore(now)) deleteOrphans(nodeName);
        }
    }

    /** Runs {@code writes} unless the earlier writes under {@code key} are still unanswered. */
    private void once(String key, Supplier<List<CompletionStage<ObjectReply>>> writes) {
        if (!writing.add(key)) return;
        CompletableFuture.allOf(writes.get().stream().map(w -> w.toCompletableFuture().exceptionally(t -> null)).toArray(CompletableFuture[]::new))
                .whenComplete((v, t) -> writing.remove(key));
    }

    private List<CompletionStage<ObjectReply>> markUnreachable(ObjectNode node, String name, String stamp) {
        List<CompletionStage<ObjectReply>> writes = new ArrayList<>();
        ObjectNode spec = Json.object();
        spec.putObject("spec").set("taints", NodeHealth.taintsWith(node, true, stamp));
        writes.add(patch(NODE, name, spec, false));
        ObjectNode status = Json.object();
        status.putObject("status").set("conditions", NodeHealth.conditionsUnknown(node, stamp));
        writes.add(patch(NODE, name, status, true));
        for (CachedObject p : cache.listByNode(POD.entityTypeName(), name)) {
            ObjectNode holder = Json.object();
            holder.set("status", p.object().path("status").deepCopy());
            PodConditions.set(holder, "Ready", "False", "NodeUnreachable", "Node " + name + " is unreachable", stamp);
            writes.add(patch(POD, p.key(), holder, true));
        }
        return writes;
    }

    private List<CompletionStage<ObjectReply>> markReachable(ObjectNode node, String name, String stamp) {
        ObjectNode spec = Json.object();
        spec.putObject("spec").set("taints", NodeHealth.taintsWith(node, false, stamp));
        ObjectNode status = Json.object();
        status.set("status", node.path("status").deepCopy());
        PodConditions.set(status, "Ready", "True", "KubeletReady", "kubelet is posting ready status", stamp);
        return List.of(patch(NODE, name, spec, false), patch(NODE, name, status, true));
    }

    private void evict(List<CachedObject> pods, JsonNode taint, Instant now) {
        for (CachedObject p : pods) {
            if (p.object().path("metadata").has("deletionTimestamp")) continue;
            Optional<Instant> at = NodeHealth.evictAt(p.object(), taint);
            if (at.isPresent() && !at.get().isAfter(now)) {
                once("pod " + p.key(), () -> List.of(objects.ask(POD, p.key(), r -> new ObjectCommand.Delete(0, "", ObjectCommand.Delete.DEFAULT_GRACE, false, r))));
            }
        }
    }

    private CompletionStage<ObjectReply> patch(ResourceKind kind, String id, ObjectNode patch, boolean status) {
        return objects.ask(kind, id, r -> new ObjectCommand.Patch(PatchType.MERGE_PATCH.name(), patch, 0, status, "", false, false, r));
    }
}
