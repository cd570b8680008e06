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
import dev.podium.persistence.watch.WatchCache;
import dev.podium.persistence.watch.WatchEvent;
import dev.podium.persistence.watch.WatchFilter;
import org.apache.pekko.Done;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.stream.KillSwitch;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The default scheduler (run as a cluster singleton). It watches Pods and Nodes in the watch
 * cache (starting with every current object) and keeps a {@link SchedulerCache} current, one
 * event at a time. A pass takes the pending pods meant for it, runs {@link SchedulingAlgorithm}
 * against a snapshot of nodes and pods, and binds through the Pod entity (which accepts one
 * binding only). Passes run when pods or nodes change (debounced) and on a slow resync, never in
 * a busy loop. Unschedulable pods get PodScheduled=False with kube-scheduler's message and a
 * FailedScheduling event.
 */
public final class SchedulerActor {
    public static final String NAME = "default-scheduler";

    public sealed interface Command {}

    enum Changed implements Command { INSTANCE }

    enum Pass implements Command { INSTANCE }

    /** A Pod or Node watch event of subscription {@code generation}. */
    record Observed(int generation, WatchEvent event) implements Command {}

    /** A watch of subscription {@code generation} ended: start over from a fresh list. */
    record WatchEnded(int generation) implements Command {}

    /** A bind's outcome: {@code bound} false when the entity refused it or the ask failed. */
    record BindDone(String key, boolean bound) implements Command {}

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
    private SchedulerCache state = new SchedulerCache(NAME);
    private int generation;
    private final List<KillSwitch> watches = new ArrayList<>();
    /** Binds sent and not yet answered; a pass places no more pods while {@link #MAX_BINDS_IN_FLIGHT} are. */
    private int bindsInFlight;
    static final int MAX_BINDS_IN_FLIGHT = 256;
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
                .onMessage(Observed.class, m -> {
                    if (m.generation() == generation) observe(m.event());
                    return Behaviors.same();
                })
                .onMessage(BindDone.class, m -> {
                    bindsInFlight--;
                    if (!m.bound()) state.forget(m.key());
                    if (!m.bound() || state.hasPending()) ctx.getSelf().tell(Changed.INSTANCE);
                    return Behaviors.same();
                })
                .onMessage(WatchEnded.class, m -> {
                    if (m.generation() == generation) subscribe();
                    return Behaviors.same();
                })
                .onSignal(PostStop.class, signal -> {
                    watches.forEach(KillSwitch::shutdown);
                    return Behaviors.same();
                })
                .build();
    }

    /** Watches Pods and Nodes from a full list (ADDED for every current object) into a fresh cache. */
    private void subscribe() {
        watches.forEach(KillSwitch::shutdown);
        watches.clear();
        generation++;
        state = new SchedulerCache(NAME);
        int gen = generation;
        ActorRef<Command> self = ctx.getSelf();
        Materializer mat = Materializer.matFromSystem(ctx.getSystem());
        for (ResourceKind kind : List.of(POD, NODE)) {
            Pair<UniqueKillSwitch, CompletionStage<Done>> running =
                    cache.watch(new WatchFilter(kind.entityTypeName(), null, o -> true), -1, false, 100_000, mat)
                            .viaMat(KillSwitches.single(), Keep.right())
                            .toMat(Sink.foreach(e -> self.tell(new Observed(gen, e))), Keep.both())
                            .run(mat);
            watches.add(running.first());
            running.second().whenComplete((d, t) -> self.tell(new WatchEnded(gen)));
        }
    }

    private void observe(WatchEvent e) {
        boolean deleted = e.type() == WatchEvent.Type.DELETED;
        if (e.kind().equals(NODE.entityTypeName())) {
            if (deleted) state.nodeDeleted(e.object());
            else state.nodeChanged(e.object());
        } else if (deleted) {
            state.podDeleted(e.object());
            reported.remove(e.object().path("metadata").path("uid").asText());
        } else {
            state.podChanged(e.object());
        }
        if (!timers.isTimerActive("pass")) timers.startSingleTimer("pass", Pass.INSTANCE, DEBOUNCE);
    }

    private void pass() {
        if (!state.hasPending()) return;
        ClusterSnapshot snapshot = state.snapshot();
        for (ObjectNode pod : state.pending()) {
            if (bindsInFlight >= MAX_BINDS_IN_FLIGHT) return;
            ScheduleResult result = algorithm.schedule(pod, snapshot);
            if (result instanceof ScheduleResult.Scheduled s) {
                ObjectNode placed = pod.deepCopy();
                placed.with("spec").put("nodeName", s.nodeName());
                NodeInfo node = snapshot.node(s.nodeName()).orElseThrow().with(placed);
                snapshot = snapshot.withNode(node);
                state.assume(pod, placed, node);
                bind(pod, s.nodeName());
            } else if (result instanceof ScheduleResult.Unschedulable u) {
                reportUnschedulable(pod, u);
            }
        }
    }

    private void bind(ObjectNode pod, String node) {
        reported.remove(pod.path("metadata").path("uid").asText());
        String key = Pods.key(pod);
        ActorRef<Command> self = ctx.getSelf();
        bindsInFlight++;
        objects.ask(POD, key, r -> new ObjectCommand.Bind(node, r))
                .whenComplete((reply, failure) -> self.tell(new BindDone(key, failure == null && !(reply instanceof ObjectReply.Rejected))));
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
