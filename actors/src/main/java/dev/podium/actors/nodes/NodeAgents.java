package dev.podium.actors.nodes;

import dev.podium.model.json.Times;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.objects.ObjectClient;
import dev.podium.actors.objects.ObjectCommand;
import dev.podium.actors.objects.ObjectReply;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.patch.PatchType;
import dev.podium.persistence.watch.CachedObject;
import dev.podium.persistence.watch.WatchCache;
import dev.podium.persistence.watch.WatchEvent;
import dev.podium.persistence.watch.WatchFilter;
import dev.podium.runtime.ContainerRuntime;
import dev.podium.runtime.PodContext;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.Materializer;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The node agents (kubelets) of this JVM: registers each local node's Node object, keeps its
 * Lease in kube-node-lease fresh, and runs the pods bound to it through the node's runtime,
 * reporting their status to the Pod entities. It lives on the JVM that runs the containers and
 * never moves with shard rebalancing. Pod handling is level-triggered: watch events are hints,
 * and a periodic resync compares every local pod with what the runtimes run.
 */
public final class NodeAgents {
    public sealed interface Command {}

    record PodChanged(WatchEvent event) implements Command {}

    record StatusReport(String uid, String namespace, String name, ObjectNode status) implements Command {}

    record Stopped(String uid, String namespace, String name) implements Command {}

    /** A status patch's outcome: {@code delivered} when the entity answered (stored or refused), false when the ask failed. */
    record StatusDelivered(StatusReport report, boolean delivered) implements Command {}

    enum Resync implements Command { INSTANCE }

    enum RenewLeases implements Command { INSTANCE }

    enum WatchEnded implements Command { INSTANCE }

    enum ScanManifests implements Command { INSTANCE }

    record StaticStatus(String mirrorKey, ObjectNode status) implements Command {}

    record StaticStopped(String mirrorKey) implements Command {}

    record OrphanStopped(String uid) implements Command {}

    /** Where the local node's static pod manifests live. */
    public record StaticPodSource(Path directory, String nodeName) {}

    private record Running(String namespace, String name, String node) {}

    private static final ResourceKind POD = KindRegistry.get("Pod");
    /** Status patches in flight at once for all local nodes (kubelet limits its API calls too). */
    static final int STATUS_PATCHES_IN_FLIGHT = 128;
    private static final Duration STATIC_SCAN = Duration.ofSeconds(2);
    private static final ResourceKind NODE = KindRegistry.get("Node");
    private static final ResourceKind LEASE = KindRegistry.get("Lease.coordination.k8s.io");

    private final ActorContext<Command> ctx;
    private final Map<String, LocalNode> nodes;
    private final WatchCache cache;
    private final ObjectClient objects;
    private final Clock clock;
    private final Map<String, Running> running = new HashMap<>();
    private final int kubeletPort;
    private final Set<String> stopping = new HashSet<>();
    private final StaticPodSource staticSource;
    private final Map<Path, StaticPods.Manifest> statics = new HashMap<>();
    private final Map<Path, String> reportedProblems = new HashMap<>();
    private final Map<String, ObjectNode> staticStatus = new HashMap<>();
    /** The last status of each pod that no entity has answered yet (resent on resync), sent with bounded concurrency. */
    private final StatusQueue<StatusReport> statuses = new StatusQueue<>(STATUS_PATCHES_IN_FLIGHT);

    private NodeAgents(ActorContext<Command> ctx, Map<String, LocalNode> nodes, WatchCache cache, ObjectClient objects, Clock clock,
                       StaticPodSource staticSource, int kubeletPort) {
        this.ctx = ctx;
        this.kubeletPort = kubeletPort;
        this.staticSource = staticSource;
        this.nodes = nodes;
        this.cache = cache;
        this.objects = objects;
        this.clock = clock;
    }

    /** {@code kubeletPort} is the port of this JVM's API, which serves these nodes' pod logs to the other members. */
    public static Behavior<Command> create(Iterable<LocalNode> localNodes, WatchCache cache, ObjectClient objects, Clock clock,
                                           Duration resync, Duration leaseRenewal, StaticPodSource staticSource, int kubeletPort) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            Map<String, LocalNode> byName = new HashMap<>();
            localNodes.forEach(n -> byName.put(n.name(), n));
            NodeAgents agents = new NodeAgents(ctx, byName, cache, objects, clock, staticSource, kubeletPort);
            agents.register();
            agents.subscribe();
            timers.startTimerWithFixedDelay(Resync.INSTANCE, resync);
            timers.startTimerWithFixedDelay(RenewLeases.INSTANCE, leaseRenewal);
            if (staticSource != null) timers.startTimerWithFixedDelay(ScanManifests.INSTANCE, Duration.ofSeconds(1), STATIC_SCAN);
            return agents.behavior();
        }));
    }

    private Behavior<Command> behavior() {
        return Behaviors.receive(Command.class)
                .onMessage(PodChanged.class, m -> {
                    onPod(m.event().object(), m.event().type() == WatchEvent.Type.DELETED);
                    return Behaviors.same();
                })
                .onMessage(StatusReport.class, m -> {
                    reportStatus(m);
                    return Behaviors.same();
                })
                .onMessage(StatusDelivered.class, m -> {
                    statuses.done(m.report().uid(), m.report(), m.delivered()).forEach(this::sendStatus);
                    return Behaviors.same();
                })
                .onMessage(Stopped.class, m -> {
                    Running was = running.remove(m.uid());
                    statuses.forget(m.uid());
                    if (was != null) nodes.get(was.node()).runtime().forget(m.uid());
                    stopping.remove(m.uid());
                    objects.ask(POD, m.namespace() + "/" + m.name(), r -> new ObjectCommand.Delete(0, m.uid(), 0, false, r));
                    return Behaviors.same();
                })
                .onMessageEquals(Resync.INSTANCE, () -> {
                    resync();
                    return Behaviors.same();
                })
                .onMessageEquals(RenewLeases.INSTANCE, () -> {
                    renewLeases();
                    return Behaviors.same();
                })
                .onMessageEquals(ScanManifests.INSTANCE, () -> {
                    scanManifests();
                    return Behaviors.same();
                })
                .onMessage(StaticStatus.class, m -> {
                    staticStatus.put(m.mirrorKey(), m.status());
                    writeMirrorStatus(m.mirrorKey());
                    return Behaviors.same();
                })
                .onMessage(OrphanStopped.class, m -> {
                    stopping.remove(m.uid());
                    return Behaviors.same();
                })
                .onMessage(StaticStopped.class, m -> {
                    staticStatus.remove(m.mirrorKey());
                    objects.ask(POD, m.mirrorKey(), r -> new ObjectCommand.Delete(0, "", 0, false, r));
                    return Behaviors.same();
                })
                .onMessageEquals(WatchEnded.INSTANCE, () -> {
                    // during shutdown the watch ends because streams are stopping: nothing to resume
                    if (Materializer.matFromSystem(ctx.getSystem()).isShutdown()) return Behaviors.stopped();
                    subscribe();
                    return Behaviors.same();
                })
                .build();
    }

    private void register() {
        String now = now();
        for (LocalNode n : nodes.values()) {
            ObjectNode status = NodeObjects.status(n, now, kubeletPort);
            objects.ask(NODE, n.name(), r -> new ObjectCommand.Create(NodeObjects.node(n), false, r))
                    .thenCompose(created -> objects.ask(NODE, n.name(), r -> new ObjectCommand.Patch(PatchType.MERGE_PATCH.name(),
                            Json.object().set("status", status), 0, true, "", false, false, r)))
                    .whenComplete((reply, failure) -> {
                        if (failure != null) ctx.getLog().warn("registering node {} failed: {}", n.name(), failure.getMessage());
                    });
        }
        renewLeases();
    }

    private void renewLeases() {
        String renewTime = Times.rfc3339Micro(clock.instant());
        for (LocalNode n : nodes.values()) {
            String id = "kube-node-lease/" + n.name();
            ObjectNode patch = Json.object();
            patch.putObject("spec").put("renewTime", renewTime).put("holderIdentity", n.name());
            objects.ask(LEASE, id, r -> new ObjectCommand.Patch(PatchType.MERGE_PATCH.name(), patch, 0, false, "", false, false, r))
                    .thenAccept(reply -> {
                        if (reply instanceof ObjectReply.Rejected rej && rej.error().code() == 404) {
                            objects.ask(LEASE, id, r -> new ObjectCommand.Create(NodeObjects.lease(n, renewTime), false, r));
                        }
                    });
        }
    }

    private void subscribe() {
        Set<String> names = Set.copyOf(nodes.keySet());
        WatchFilter filter = new WatchFilter(POD.entityTypeName(), null, pod -> names.contains(pod.path("spec").path("nodeName").asText("")));
        ActorRef<Command> self = ctx.getSelf();
        cache.watch(filter, -1, false, 100_000, Materializer.matFromSystem(ctx.getSystem()))
                .runForeach(e -> self.tell(new PodChanged(e)), Materializer.matFromSystem(ctx.getSystem()))
                .whenComplete((done, failure) -> self.tell(WatchEnded.INSTANCE));
    }

    private void resync() {
        Set<String> seen = new HashSet<>();
        for (CachedObject o : cache.list(POD.entityTypeName(), null, p -> nodes.containsKey(p.path("spec").path("nodeName").asText("")), 0, null).items()) {
            seen.add(o.object().path("metadata").path("uid").asText());
            onPod(o.object(), false);
        }
        for (var e : Map.copyOf(running).entrySet()) {
            if (!seen.contains(e.getKey()) && !stopping.contains(e.getKey())) stop(e.getKey(), e.getValue(), 0);
        }
        statuses.undelivered().forEach(this::reportStatus);
        // processes a runtime re-adopted whose pods are gone from the API (deleted while this node was down)
        Set<String> staticUids = new HashSet<>();
        statics.values().forEach(m -> staticUids.add(m.uid()));
        for (ContainerRuntime runtime : nodes.values().stream().map(LocalNode::runtime).distinct().toList()) {
            for (String uid : runtime.knownPods()) {
                if (!seen.contains(uid) && !running.containsKey(uid) && !stopping.contains(uid) && !staticUids.contains(uid)) {
                    stopping.add(uid);
                    runtime.stopPod(uid, 0).whenComplete((d, t) -> {
                        runtime.forget(uid);
                        ctx.getSelf().tell(new OrphanStopped(uid));
                    });
                }
            }
        }
    }

    private void onPod(ObjectNode pod, boolean deleted) {
        String uid = pod.path("metadata").path("uid").asText();
        String namespace = pod.path("metadata").path("namespace").asText();
        String name = pod.path("metadata").path("name").asText();
        LocalNode node = nodes.get(pod.path("spec").path("nodeName").asText(""));
        if (node == null) return;
        if (StaticPods.isMirror(pod)) {
            // a mirror is read-only: deleting it removes only the mirror; the next scan shows it again
            if (!deleted && pod.path("metadata").has("deletionTimestamp")) {
                objects.ask(POD, namespace + "/" + name, r -> new ObjectCommand.Delete(0, uid, 0, false, r));
            }
            return;
        }
        Running known = running.get(uid);
        if (deleted) {
            if (known != null && !stopping.contains(uid)) stop(uid, known, 0);
            return;
        }
        if (pod.path("metadata").has("deletionTimestamp")) {
            if (known == null && node.runtime().knows(uid)) {
                // re-adopted after a restart while terminating: stop it first, then finish the deletion
                known = new Running(namespace, name, node.name());
                running.put(uid, known);
            }
            if (known != null) {
                if (!stopping.contains(uid)) stop(uid, known, pod.path("metadata").path("deletionGracePeriodSeconds").asLong(30));
            } else if (!stopping.contains(uid)) {
                objects.ask(POD, namespace + "/" + name, r -> new ObjectCommand.Delete(0, uid, 0, false, r));
            }
            return;
        }
        String phase = pod.path("status").path("phase").asText("Pending");
        boolean terminal = phase.equals("Succeeded") || phase.equals("Failed");
        // a pod the runtime already knows (re-adopted after a restart) is started again to reattach its status listener
        if (known == null && (!terminal || node.runtime().knows(uid))) {
            running.put(uid, new Running(namespace, name, node.name()));
            ActorRef<Command> self = ctx.getSelf();
            node.runtime().startPod(pod, context(node), (podUid, status) -> self.tell(new StatusReport(podUid, namespace, name, status)));
        }
    }

    /** Starts new and changed static pods, stops removed ones, and (re)creates missing mirror pods. */
    private void scanManifests() {
        LocalNode node = nodes.get(staticSource.nodeName());
        Map<Path, String> problems = new HashMap<>();
        Map<Path, StaticPods.Manifest> found = StaticPods.scan(staticSource.directory(), staticSource.nodeName(), problems);
        problems.forEach((file, why) -> {
            if (!why.equals(reportedProblems.put(file, why))) ctx.getLog().warn("static pod manifest {} ignored: {}", file, why);
        });
        ActorRef<Command> self = ctx.getSelf();
        for (var e : Map.copyOf(statics).entrySet()) {
            StaticPods.Manifest now = found.get(e.getKey());
            if (now == null || !now.hash().equals(e.getValue().hash())) {
                statics.remove(e.getKey());
                String mirrorKey = e.getValue().mirrorKey();
                node.runtime().stopPod(e.getValue().uid(), -1).whenComplete((d, t) -> self.tell(new StaticStopped(mirrorKey)));
            }
        }
        for (StaticPods.Manifest m : found.values()) {
            if (!statics.containsKey(m.file())) {
                statics.put(m.file(), m);
                String mirrorKey = m.mirrorKey();
                node.runtime().startPod(m.pod(), context(node), (uid, status) -> self.tell(new StaticStatus(mirrorKey, status)));
            }
            writeMirrorStatus(m.mirrorKey());
            if (cache.get(POD.entityTypeName(), m.mirrorKey()).isEmpty()) {
                ObjectNode mirror = m.mirror().deepCopy();
                String nodeUid = cache.get(NODE.entityTypeName(), staticSource.nodeName()).map(n -> n.object().path("metadata").path("uid").asText()).orElse("");
                if (nodeUid.isEmpty()) mirror.with("metadata").remove("ownerReferences");
                else ((ObjectNode) mirror.at("/metadata/ownerReferences/0")).put("uid", nodeUid);
                objects.ask(POD, m.mirrorKey(), r -> new ObjectCommand.Create(mirror, false, r));
            }
        }
    }

    /** Copies a static pod's last status to its mirror when the mirror exists and shows something else. */
    private void writeMirrorStatus(String mirrorKey) {
        ObjectNode status = staticStatus.get(mirrorKey);
        if (status == null) return;
        cache.get(POD.entityTypeName(), mirrorKey).filter(c -> !c.object().path("status").equals(status)).ifPresent(c ->
                objects.ask(POD, mirrorKey, r -> new ObjectCommand.Patch(PatchType.MERGE_PATCH.name(),
                        Json.object().set("status", status), 0, true, "", false, false, r)));
    }

    private void stop(String uid, Running pod, long grace) {
        stopping.add(uid);
        ActorRef<Command> self = ctx.getSelf();
        nodes.get(pod.node()).runtime().stopPod(uid, grace)
                .whenComplete((done, failure) -> self.tell(new Stopped(uid, pod.namespace(), pod.name())));
    }

    private void reportStatus(StatusReport m) {
        if (!running.containsKey(m.uid())) return;
        statuses.offer(m.uid(), m).forEach(this::sendStatus);
    }

    private void sendStatus(StatusReport m) {
        ObjectNode patch = Json.object();
        patch.putObject("metadata").put("uid", m.uid());
        patch.set("status", m.status());
        ActorRef<Command> self = ctx.getSelf();
        objects.ask(POD, m.namespace() + "/" + m.name(), r -> new ObjectCommand.Patch(PatchType.MERGE_PATCH.name(), patch, 0, true, "", false, false, r))
                .whenComplete((reply, failure) -> self.tell(new StatusDelivered(m, failure == null)));
    }

    private PodContext context(LocalNode node) {
        return new PodContext() {
            @Override
            public String nodeName() {
                return node.name();
            }

            @Override
            public String hostIP() {
                return node.hostIP();
            }

            @Override
            public Optional<ObjectNode> lookup(String kind, String namespace, String name) {
                return cache.get(kind, namespace + "/" + name).map(CachedObject::object);
            }
        };
    }

    private String now() {
        return Times.now(clock);
    }
}
