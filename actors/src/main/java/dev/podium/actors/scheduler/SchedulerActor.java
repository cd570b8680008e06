package dev.podium.actors.scheduler;

import dev.podium.model.json.Times;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.objects.ObjectClient;
import dev.podium.actors.objects.ObjectCommand;
import dev.podium.actors.objects.ObjectReply;
import dev.podium.actors.objects.PodConditions;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.patch.PatchType;
import dev.podium.persistence.watch.CachedObject;
import dev.podium.persistence.watch.WatchCache;
import dev.podium.persistence.watch.WatchFilter;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.stream.Materializer;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The default scheduler (run as a cluster singleton). A pass takes every pending pod meant for
 * it from the watch cache, runs {@link SchedulingAlgorithm} against a snapshot of nodes and pods,
 * and binds through the Pod entity (which accepts one binding only). Passes run when pods or
 * nodes change (watch events as hints, debounced) and on a slow resync, never in a busy loop.
 * Unschedulable pods get PodScheduled=False with kube-scheduler's message and a FailedScheduling event.
 */
public final class SchedulerActor {
    public static final String NAME = "default-scheduler";

    public sealed interface Command {}

    enum Changed implements Command { INSTANCE }

    enum Pass implements Command { INSTANCE }

    enum WatchEnded implements Command { INSTANCE }

    record BindFailed(String uid) implements Command {}

    private static final ResourceKind POD = KindRegistry.get("Pod");
    private static final ResourceKind NODE = KindRegistry.get("Node");
    private static final ResourceKind EVENT = KindRegistry.get("Event");
    private static final Duration DEBOUNCE = Duration.ofMillis(20);

    private final ActorContext<Command> ctx;
    private final TimerScheduler<Command> timers;
    private final WatchCache cache;
    private final ObjectClient objects;
    private final Clock clock;
    private final SchedulingAlgorithm algorithm = SchedulingAlgorithm.defaults();
    /** Pods bound by this scheduler that the cache does not show bound yet, with the node. */
    private final Map<String, ObjectNode> assumed = new HashMap<>();
    /** The unschedulable message last reported per pod uid, so it is reported once. */
    private final Map<String, String> reported = new HashMap<>();

    private SchedulerActor(ActorContext<Command> ctx, TimerScheduler<Command> timers, WatchCache cache, ObjectClient objects, Clock clock) {
        this.ctx = ctx;
        this.timers = timers;
        this.cache = cache;
        this.objects = objects;
        this.clock = clock;
    }

    public static Behavior<Command> create(WatchCache cache, ObjectClient objects, Clock clock, Duration resync) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            SchedulerActor s = new SchedulerActor(ctx, timers, cache, objects, clock);
            s.subscribe();
            timers.startTimerWithFixedDelay("resync", Changed.INSTANCE, resync);
            return s.behavior();
        }));
    }

    private Behavior<Command> behavior() {
        return Behaviors.receive(Command.class)
                .onMessageEquals(Changed.INSTANCE, () -> {
                    if (!timers.isTimerActive("pass")) timers.startSingleTimer("pass", Pass.INSTANCE, DEBOUNCE);
                    return Behaviors.same();
                })
                .onMessageEquals(Pass.INSTANCE, () -> {
                    pass();
                    return Behaviors.same();
                })
                .onMessage(BindFailed.class, m -> {
                    assumed.remove(m.uid());
                    ctx.getSelf().tell(Changed.INSTANCE);
                    return Behaviors.same();
                })
                .onMessageEquals(WatchEnded.INSTANCE, () -> {
                    subscribe();
                    return Behaviors.same();
                })
                .build();
    }

    private void subscribe() {
        ActorRef<Command> self = ctx.getSelf();
        Materializer mat = Materializer.matFromSystem(ctx.getSystem());
        for (ResourceKind kind : List.of(POD, NODE)) {
            cache.watch(new WatchFilter(kind.entityTypeName(), null, o -> true), cache.currentResourceVersion(), false, 100_000, mat)
                    .runForeach(e -> self.tell(Changed.INSTANCE), mat)
                    .whenComplete((d, t) -> self.tell(WatchEnded.INSTANCE));
        }
        self.tell(Changed.INSTANCE);
    }

    private void pass() {
        List<ObjectNode> nodes = cache.list(NODE.entityTypeName(), null, o -> true, 0, null).items().stream().map(CachedObject::object).toList();
        List<ObjectNode> pods = new ArrayList<>();
        List<ObjectNode> pending = new ArrayList<>();
        for (CachedObject c : cache.list(POD.entityTypeName(), null, o -> true, 0, null).items()) {
            ObjectNode pod = c.object();
            String uid = pod.path("metadata").path("uid").asText();
            boolean bound = !pod.path("spec").path("nodeName").asText("").isEmpty();
            if (bound) {
                assumed.remove(uid);
                pods.add(pod);
            } else if (assumed.containsKey(uid)) {
                pods.add(assumed.get(uid));
            } else if (isMine(pod)) {
                pending.add(pod);
            }
        }
        if (pending.isEmpty()) return;
        pending.sort(Comparator.comparingLong((ObjectNode p) -> -p.path("spec").path("priority").asLong(0))
                .thenComparing(p -> p.path("metadata").path("creationTimestamp").asText()));
        ClusterSnapshot snapshot = ClusterSnapshot.of(nodes, pods);
        for (ObjectNode pod : pending) {
            ScheduleResult result = algorithm.schedule(pod, snapshot);
            if (result instanceof ScheduleResult.Scheduled s) {
                ObjectNode placed = pod.deepCopy();
                placed.with("spec").put("nodeName", s.nodeName());
                NodeInfo node = snapshot.node(s.nodeName()).orElseThrow();
                snapshot = snapshot.withNode(node.with(placed));
                bind(pod, placed, s.nodeName());
            } else if (result instanceof ScheduleResult.Unschedulable u) {
                reportUnschedulable(pod, u);
            }
        }
    }

    private static boolean isMine(ObjectNode pod) {
        if (pod.path("metadata").has("deletionTimestamp")) return false;
        String phase = pod.path("status").path("phase").asText("Pending");
        if (phase.equals("Succeeded") || phase.equals("Failed")) return false;
        return NAME.equals(pod.path("spec").path("schedulerName").asText(NAME));
    }

    private void bind(ObjectNode pod, ObjectNode placed, String node) {
        String uid = pod.path("metadata").path("uid").asText();
        assumed.put(uid, placed);
        reported.remove(uid);
        String key = pod.path("metadata").path("namespace").asText() + "/" + pod.path("metadata").path("name").asText();
        ActorRef<Command> self = ctx.getSelf();
        objects.ask(POD, key, r -> new ObjectCommand.Bind(node, r)).whenComplete((reply, failure) -> {
            if (failure != null || reply instanceof ObjectReply.Rejected) self.tell(new BindFailed(uid));
        });
    }

    private void reportUnschedulable(ObjectNode pod, ScheduleResult.Unschedulable u) {
        String uid = pod.path("metadata").path("uid").asText();
        String namespace = pod.path("metadata").path("namespace").asText();
        String name = pod.path("metadata").path("name").asText();
        String key = namespace + "/" + name;
        u.nomination().ifPresent(n -> nominate(pod, key, n));
        if (u.message().equals(reported.get(uid))) return;
        reported.put(uid, u.message());
        String now = now();
        ObjectNode holder = Json.object();
        holder.set("status", pod.path("status").deepCopy());
        PodConditions.set(holder, "PodScheduled", "False", "Unschedulable", u.message(), now);
        holder.with("metadata").put("uid", uid);
        objects.ask(POD, key, r -> new ObjectCommand.Patch(PatchType.MERGE_PATCH.name(), holder, 0, true, "", false, false, r));
        ObjectNode event = Events.forPod(pod, "Warning", "FailedScheduling", u.message(), NAME, now);
        objects.ask(EVENT, namespace + "/" + event.path("metadata").path("name").asText(), r -> new ObjectCommand.Create(event, false, r));
    }

    private void nominate(ObjectNode pod, String key, ScheduleResult.Nomination n) {
        if (n.nodeName().equals(pod.path("status").path("nominatedNodeName").asText(""))) return;
        ObjectNode patch = Json.object();
        patch.putObject("status").put("nominatedNodeName", n.nodeName());
        objects.ask(POD, key, r -> new ObjectCommand.Patch(PatchType.MERGE_PATCH.name(), patch, 0, true, "", false, false, r));
        for (ObjectNode victim : n.victims()) {
            String victimKey = victim.path("metadata").path("namespace").asText() + "/" + victim.path("metadata").path("name").asText();
            String victimUid = victim.path("metadata").path("uid").asText();
            objects.ask(POD, victimKey, r -> new ObjectCommand.Delete(0, victimUid, ObjectCommand.Delete.DEFAULT_GRACE, false, r));
        }
    }

    private String now() {
        return Times.now(clock);
    }
}
