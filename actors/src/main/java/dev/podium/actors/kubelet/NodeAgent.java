package dev.podium.actors.kubelet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.hints.ObjectChanged;
import dev.podium.actors.hints.SeenVersions;
import dev.podium.actors.objects.ObjectClient;
import dev.podium.actors.security.ServiceAccountTokens;
import dev.podium.actors.objects.ObjectCommand;
import dev.podium.actors.objects.ObjectReply;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.persistence.watch.CachedObject;
import dev.podium.persistence.watch.WatchCache;
import dev.podium.runtime.ContainerRuntime;
import dev.podium.runtime.PodContext;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The agent (kubelet) of one node hosted by this JVM. It registers its Node, renews its Lease
 * (the first renewal at a random point of the period, so thousands of nodes spread theirs), and
 * runs the pods bound to its node through the node's runtime. It learns about its pods from the
 * Pod entities' hints (bound, deletion started, spec changed, deleted), deduplicated by sequence
 * number, and re-checks on a timer against the watch cache's node index; a pod it runs that the
 * cache does not show on this node is read from its entity before anything is stopped, since the
 * cache may simply not have caught up with a hint. Statuses go to the JVM's {@link StatusManager}.
 */
public final class NodeAgent {
    public sealed interface Command {}

    /** A Pod entity's hint about a pod on this node, or the Node entity's that the Node was deleted. */
    public record Hint(ObjectChanged change) implements Command {}

    /** The runtime's status of a pod (a static pod's when {@code mirrorKey} is not null). */
    record RuntimeStatus(String uid, String namespace, String name, String mirrorKey, ObjectNode status) implements Command {}

    /** The runtime stopped the pod; it comes by way of {@link Kubelets}, after the pod's last status. */
    record Stopped(String uid) implements Command {}

    /** The stopped pod's last status is written: its deletion can finish. */
    record StatusWritten(String uid) implements Command {}

    record OrphanStopped(String uid) implements Command {}

    record StaticStopped(String mirrorKey) implements Command {}

    /** A running pod the cache does not show on this node, as its entity answered. */
    record Checked(String key, String uid, ObjectReply reply) implements Command {}

    enum Resync implements Command { INSTANCE }

    enum RenewLease implements Command { INSTANCE }

    enum ScanManifests implements Command { INSTANCE }

    private record Running(String namespace, String name) {
        String key() {
            return namespace + "/" + name;
        }
    }

    private static final ResourceKind POD = KindRegistry.get("Pod");
    private static final String NODE = KindRegistry.get("Node").entityTypeName();
    private static final Duration STATIC_SCAN = Duration.ofSeconds(2);

    private final ActorContext<Command> ctx;
    private final LocalNode node;
    private final WatchCache cache;
    private final ObjectClient objects;
    private final KubeletSettings settings;
    private final ActorRef<StatusManager.Command> statuses;
    /** Where runtime callbacks go: the JVM's {@link Kubelets}, whose address outlives this agent's restarts. */
    private final ActorRef<Kubelets.Command> kubelets;
    private final NodeRegistration registration;
    private final PodContext podContext;
    private final Map<String, Running> running = new HashMap<>();
    private final Set<String> stopping = new HashSet<>();
    private final SeenVersions seen = new SeenVersions(Duration.ofMinutes(5));
    private final ActorRef<StatusManager.Written> statusWritten;
    private StaticPodRunner statics;

    private NodeAgent(ActorContext<Command> ctx, LocalNode node, KubeletSettings settings, ActorRef<StatusManager.Command> statuses,
                      ActorRef<Kubelets.Command> kubelets) {
        this.ctx = ctx;
        this.kubelets = kubelets;
        this.node = node;
        this.settings = settings;
        this.cache = settings.cache();
        this.objects = settings.objects();
        this.statuses = statuses;
        this.registration = new NodeRegistration(node, objects, settings.clock(), settings.kubeletPort(), ctx.getLog());
        this.podContext = context(node, cache, settings.tokens());
        this.statusWritten = ctx.messageAdapter(StatusManager.Written.class, w -> new StatusWritten(w.uid()));
    }

    static Behavior<Command> create(LocalNode node, KubeletSettings settings, ActorRef<StatusManager.Command> statuses,
                                    ActorRef<Kubelets.Command> kubelets) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            NodeAgent agent = new NodeAgent(ctx, node, settings, statuses, kubelets);
            agent.start(timers);
            return agent.behavior();
        }));
    }

    private void start(TimerScheduler<Command> timers) {
        registration.register();
        registration.renewLease();
        long period = settings.leaseRenewal().toMillis();
        timers.startTimerWithFixedDelay(RenewLease.INSTANCE, Duration.ofMillis(ThreadLocalRandom.current().nextLong(Math.max(1, period))),
                settings.leaseRenewal());
        timers.startTimerWithFixedDelay(Resync.INSTANCE, settings.resync());
        KubeletSettings.StaticPodSource source = settings.staticPods();
        if (source != null && source.nodeName().equals(node.name())) {
            ActorRef<Command> self = ctx.getSelf();
            statics = new StaticPodRunner(source.directory(), node, podContext, cache, objects,
                    (mirrorKey, status) -> kubelets.tell(new Kubelets.ToAgent(node.name(), new RuntimeStatus("", "", "", mirrorKey, status))),
                    mirrorKey -> self.tell(new StaticStopped(mirrorKey)), ctx.getLog());
            timers.startTimerWithFixedDelay(ScanManifests.INSTANCE, Duration.ofSeconds(1), STATIC_SCAN);
        }
        resync();
    }

    private Behavior<Command> behavior() {
        return Behaviors.receive(Command.class)
                .onMessage(Hint.class, m -> {
                    hint(m.change());
                    return Behaviors.same();
                })
                .onMessage(RuntimeStatus.class, m -> {
                    if (m.mirrorKey() != null) statics.statusReported(m.mirrorKey(), m.status());
                    else if (running.containsKey(m.uid())) statuses.tell(new StatusManager.Report(m.uid(), m.namespace(), m.name(), m.status()));
                    return Behaviors.same();
                })
                .onMessage(Stopped.class, m -> {
                    statuses.tell(new StatusManager.Finish(m.uid(), statusWritten));
                    return Behaviors.same();
                })
                .onMessage(StatusWritten.class, m -> {
                    Running pod = running.remove(m.uid());
                    stopping.remove(m.uid());
                    statuses.tell(new StatusManager.Forget(m.uid()));
                    node.runtime().forget(m.uid());
                    if (pod != null) objects.ask(POD, pod.key(), r -> new ObjectCommand.Delete(0, m.uid(), 0, false, r));
                    return Behaviors.same();
                })
                .onMessage(OrphanStopped.class, m -> {
                    stopping.remove(m.uid());
                    return Behaviors.same();
                })
                .onMessage(Checked.class, m -> {
                    checked(m);
                    return Behaviors.same();
                })
                .onMessageEquals(Resync.INSTANCE, () -> {
                    resync();
                    return Behaviors.same();
                })
                .onMessageEquals(RenewLease.INSTANCE, () -> {
                    registration.renewLease();
                    return Behaviors.same();
                })
                .onMessageEquals(ScanManifests.INSTANCE, () -> {
                    statics.scan();
                    return Behaviors.same();
                })
                .onMessage(StaticStopped.class, m -> {
                    statics.stopped(m.mirrorKey());
                    return Behaviors.same();
                })
                .build();
    }

    private void hint(ObjectChanged change) {
        if (change.kind().equals(NODE)) {
            if (change.deleted()) registration.register();
            else podCidr(change.object());
            return;
        }
        if (seen.accept(change.key(), change.seqNr(), change.deleted(), settings.clock().instant())) onPod(change.object(), change.deleted());
    }

    /**
     * Level-triggered: every pod the cache shows on this node gets looked at (those newer than any
     * hint), running pods the cache does not show are read from their entities, and pods the
     * runtime runs that nobody asks for any more (left from before a restart) are stopped.
     */
    private void resync() {
        cache.get(NODE, node.name()).ifPresent(n -> podCidr(n.object()));
        registration.refreshImages();
        Set<String> listed = new HashSet<>();
        for (CachedObject o : cache.listByNode(POD.entityTypeName(), node.name())) {
            listed.add(o.object().path("metadata").path("uid").asText());
            if (o.seqNr() >= seen.newest(o.key())) {
                seen.accept(o.key(), o.seqNr(), false, settings.clock().instant());
                onPod(o.object(), false);
            }
        }
        ActorRef<Command> self = ctx.getSelf();
        for (var e : Map.copyOf(running).entrySet()) {
            if (listed.contains(e.getKey()) || stopping.contains(e.getKey())) continue;
            String key = e.getValue().key();
            objects.ask(POD, key, ObjectCommand.Get::new).whenComplete((reply, failure) -> self.tell(new Checked(key, e.getKey(), reply)));
        }
        Set<String> staticUids = statics == null ? Set.of() : statics.uids();
        ContainerRuntime runtime = node.runtime();
        for (String uid : runtime.knownPods(node.name())) {
            if (listed.contains(uid) || running.containsKey(uid) || stopping.contains(uid) || staticUids.contains(uid)) continue;
            stopping.add(uid);
            runtime.stopPod(uid, 0).whenComplete((d, t) -> {
                runtime.forget(uid);
                self.tell(new OrphanStopped(uid));
            });
        }
        seen.expire(settings.clock().instant());
    }

    /** The control plane's node IPAM gave the node its pod range: the runtime's pod network uses it (idempotent). */
    private void podCidr(ObjectNode nodeObject) {
        String cidr = nodeObject.path("spec").path("podCIDR").asText("");
        if (!cidr.isEmpty()) node.runtime().podCidrAssigned(node.name(), cidr);
    }

    /** A pod this agent runs that the cache did not show here: stopped unless its entity still has it bound to this node. */
    private void checked(Checked m) {
        Running known = running.get(m.uid());
        if (known == null || stopping.contains(m.uid()) || m.reply() == null) return;
        if (m.reply() instanceof ObjectReply.Done d && d.object().path("metadata").path("uid").asText().equals(m.uid())
                && d.object().path("spec").path("nodeName").asText("").equals(node.name())) {
            if (seen.accept(m.key(), d.seqNr(), false, settings.clock().instant())) onPod(d.object(), false);
            return;
        }
        stop(m.uid(), 0);
    }

    private void onPod(ObjectNode pod, boolean deleted) {
        String uid = pod.path("metadata").path("uid").asText();
        String namespace = pod.path("metadata").path("namespace").asText();
        String name = pod.path("metadata").path("name").asText();
        if (StaticPods.isMirror(pod)) {
            // a mirror is read-only: deleting it removes only the mirror; the next scan shows it again
            if (!deleted && pod.path("metadata").has("deletionTimestamp")) {
                objects.ask(POD, namespace + "/" + name, r -> new ObjectCommand.Delete(0, uid, 0, false, r));
            }
            return;
        }
        Running known = running.get(uid);
        if (deleted) {
            if (known != null && !stopping.contains(uid)) stop(uid, 0);
            return;
        }
        if (!node.name().equals(pod.path("spec").path("nodeName").asText(""))) return;
        if (pod.path("metadata").has("deletionTimestamp")) {
            if (known == null && node.runtime().knows(uid)) {
                // re-adopted after a restart while terminating: stop it first, then finish the deletion
                known = new Running(namespace, name);
                running.put(uid, known);
            }
            if (known != null) {
                if (!stopping.contains(uid)) stop(uid, pod.path("metadata").path("deletionGracePeriodSeconds").asLong(30));
            } else if (!stopping.contains(uid)) {
                objects.ask(POD, namespace + "/" + name, r -> new ObjectCommand.Delete(0, uid, 0, false, r));
            }
            return;
        }
        String phase = pod.path("status").path("phase").asText("Pending");
        boolean terminal = phase.equals("Succeeded") || phase.equals("Failed");
        // a pod the runtime already knows (re-adopted after a restart) is started again to reattach its status listener
        if (known == null && (!terminal || node.runtime().knows(uid))) {
            running.put(uid, new Running(namespace, name));
            String nodeName = node.name();
            node.runtime().startPod(pod, podContext,
                    (podUid, status) -> kubelets.tell(new Kubelets.ToAgent(nodeName, new RuntimeStatus(podUid, namespace, name, null, status))));
        }
    }

    private void stop(String uid, long grace) {
        stopping.add(uid);
        String nodeName = node.name();
        // through Kubelets, as the pod's statuses come, so the last status is reported before the stop
        node.runtime().stopPod(uid, grace).whenComplete((done, failure) -> kubelets.tell(new Kubelets.ToAgent(nodeName, new Stopped(uid))));
    }

    private static PodContext context(LocalNode node, WatchCache cache, ServiceAccountTokens tokens) {
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
                return cache.get(kind, namespace.isEmpty() ? name : namespace + "/" + name).map(CachedObject::object);
            }

            /** The namespace's Services unless the pod says {@code enableServiceLinks: false}, and the {@code kubernetes} Service always. */
            @Override
            public java.util.Map<String, String> serviceEnvironment(ObjectNode pod) {
                String namespace = pod.path("metadata").path("namespace").asText();
                java.util.List<com.fasterxml.jackson.databind.JsonNode> services = new java.util.ArrayList<>();
                if (pod.path("spec").path("enableServiceLinks").asBoolean(true)) {
                    cache.list("Service", namespace, o -> true, 0, null).items().forEach(s -> services.add(s.object()));
                }
                if (!namespace.equals("default") || services.isEmpty()) cache.get("Service", "default/kubernetes").ifPresent(k -> services.add(k.object()));
                return dev.podium.model.network.ServiceLinks.env(services);
            }

            /** As the kubelet asks for one with a TokenRequest: bound to the pod, for the source's audience or the API's. */
            @Override
            public Optional<String> serviceAccountToken(ObjectNode pod, com.fasterxml.jackson.databind.JsonNode source) {
                if (tokens == null) return Optional.empty();
                var meta = pod.path("metadata");
                String namespace = meta.path("namespace").asText();
                String account = pod.path("spec").path("serviceAccountName").asText("default");
                return cache.get("ServiceAccount", namespace + "/" + account).map(sa -> tokens.issue(namespace, account,
                        sa.object().path("metadata").path("uid").asText(),
                        java.util.List.of(source.path("audience").asText("").isEmpty() ? ServiceAccountTokens.ISSUER : source.path("audience").asText()),
                        java.time.Duration.ofSeconds(source.path("expirationSeconds").asLong(3607)),
                        new ServiceAccountTokens.BoundObject("Pod", meta.path("name").asText(), meta.path("uid").asText())).token());
            }
        };
    }
}
