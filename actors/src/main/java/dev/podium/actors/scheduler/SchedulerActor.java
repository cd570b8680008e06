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
import dev.podium.persistence.watch.ListResult;
import dev.podium.persistence.watch.WatchCache;
import dev.podium.persistence.watch.WatchEvent;
import dev.podium.persistence.watch.WatchFilter;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.japi.function.Function;
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
 * The default scheduler (run as a cluster singleton). It lists Pods and Nodes from the watch
 * cache, then watches them from the lists' resourceVersion, and keeps a {@link SchedulerCache}
 * current one event at a time. A pass takes the pending pods meant for it, runs {@link SchedulingAlgorithm}
 * against a snapshot of nodes and pods, and binds through the Pod entity (which accepts one
 * binding only). Passes run when pods or nodes change (debounced) and on a slow resync, never in
 * a busy loop. Unschedulable pods get PodScheduled=False with kube-scheduler's message and a
 * FailedScheduling event, and wait outside the queue until a change could let them in.
 */
public final class SchedulerActor {
    public static final String NAME = "default-scheduler";

    public sealed interface Command {}

    enum Changed implements Command { INSTANCE }

    enum Pass implements Command { INSTANCE }

    /** The slow periodic flush: unschedulable pods get another look even if nothing seemed to change. */
    enum Resync implements Command { INSTANCE }

    /** A Pod or Node watch event of subscription {@code generation}. */
    record Observed(int generation, WatchEvent event) implements Command {}

    /** A watch of subscription {@code generation} ended: start over from a fresh list. */
    record WatchEnded(int generation) implements Command {}

    enum Resubscribe implements Command { INSTANCE }

    /** A bind's outcome: {@code bound} false when the entity refused it or the ask failed. */
    record BindDone(String key, String uid, boolean bound) implements Command {}

    /** Any other write (an unschedulable report, a nomination, a victim's deletion) was answered. */
    enum WriteDone implements Command { INSTANCE }

    private static final ResourceKind POD = KindRegistry.get("Pod");
    private static final ResourceKind NODE = KindRegistry.get("Node");
    private static final ResourceKind EVENT = KindRegistry.get("Event");
    private static final Duration DEBOUNCE = Duration.ofMillis(20);
    /** How long after a failed bind or an ended watch the scheduler tries again. */
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final ActorContext<Command> ctx;
    private final TimerScheduler<Command> timers;
    private final WatchCache cache;
    private final ObjectClient objects;
    private final Clock clock;
    private final SchedulingAlgorithm algorithm = SchedulingAlgorithm.defaults();
    private SchedulerCache state = new SchedulerCache(NAME);
    private int generation;
    private final List<KillSwitch> watches = new ArrayList<>();
    /**
     * Writes sent and not yet answered (binds, unschedulable reports, nominations, victims); a pass
     * sends no more while {@link #MAX_WRITES_IN_FLIGHT} are, so a burst cannot flood the journal.
     */
    private int writesInFlight;
    /** False from a watch's end until the fresh list is in: no pass runs on a cache that misses changes. */
    private boolean synced;
    static final int MAX_WRITES_IN_FLIGHT = 256;
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
            timers.startTimerWithFixedDelay("resync", Resync.INSTANCE, resync);
            return s.behavior();
        }));
    }

    private Behavior<Command> behavior() {
        return Behaviors.receive(Command.class)
                .onMessageEquals(Changed.INSTANCE, () -> {
                    schedulePass();
                    return Behaviors.same();
                })
                .onMessageEquals(Pass.INSTANCE, () -> {
                    pass();
                    return Behaviors.same();
                })
                .onMessageEquals(Resync.INSTANCE, () -> {
                    state.requeueUnschedulable();
                    schedulePass();
                    return Behaviors.same();
                })
                .onMessage(Observed.class, m -> {
                    if (m.generation() == generation) observe(m.event());
                    return Behaviors.same();
                })
                .onMessage(BindDone.class, m -> {
                    writesInFlight--;
                    if (!m.bound()) {
                        state.forget(m.key(), m.uid());
                        if (!timers.isTimerActive("retry")) timers.startSingleTimer("retry", Changed.INSTANCE, RETRY);
                    } else if (state.hasPending()) {
                        schedulePass();
                    }
                    return Behaviors.same();
                })
                .onMessageEquals(WriteDone.INSTANCE, () -> {
                    writesInFlight--;
                    return Behaviors.same();
                })
                .onMessage(WatchEnded.class, m -> {
                    // during shutdown the watches end because streams are stopping: nothing to resume
                    if (Materializer.matFromSystem(ctx.getSystem()).isShutdown()) return Behaviors.stopped();
                    if (m.generation() == generation) {
                        ctx.getLog().warn("scheduler: a Pod or Node watch ended; listing again in {}", RETRY);
                        generation++;
                        synced = false;
                        timers.startSingleTimer("resubscribe", Resubscribe.INSTANCE, RETRY);
                    }
                    return Behaviors.same();
                })
                .onMessageEquals(Resubscribe.INSTANCE, () -> {
                    subscribe();
                    return Behaviors.same();
                })
                .onSignal(PostStop.class, signal -> {
                    watches.forEach(KillSwitch::shutdown);
                    return Behaviors.same();
                })
                .build();
    }

    /**
     * Lists Nodes and Pods into a fresh cache (taking over the assumptions of binds still in
     * flight), then watches each kind from the resourceVersion of its list, so a pass never
     * sees half a list and no change between list and watch is missed.
     */
    private void subscribe() {
        watches.forEach(KillSwitch::shutdown);
        watches.clear();
        generation++;
        int gen = generation;
        SchedulerCache fresh = new SchedulerCache(NAME);
        ActorRef<Command> self = ctx.getSelf();
        Materializer mat = Materializer.matFromSystem(ctx.getSystem());
        try {
            for (ResourceKind kind : List.of(NODE, POD)) {
                ListResult list = cache.list(kind.entityTypeName(), null, o -> true, 0, null);
                for (CachedObject o : list.items()) {
                    if (kind == NODE) fresh.nodeChanged(o.object());
                    else fresh.podChanged(o.object());
                }
                Pair<UniqueKillSwitch, CompletionStage<Done>> running =
                        cache.watch(new WatchFilter(kind.entityTypeName(), null, o -> true), list.resourceVersion(), false, 100_000, mat)
                                .viaMat(KillSwitches.single(), Keep.right())
                                .toMat(Sink.foreach(e -> self.tell(new Observed(gen, e))), Keep.both())
                                .run(mat);
                watches.add(running.first());
                running.second().whenComplete((d, t) -> self.tell(new WatchEnded(gen)));
            }
        } catch (WatchCache.TooOldResourceVersion e) {
            self.tell(new WatchEnded(gen));
            return;
        }
        fresh.assumeAsIn(state);
        state = fresh;
        synced = true;
        schedulePass();
    }

    private void schedulePass() {
        if (!timers.isTimerActive("pass")) timers.startSingleTimer("pass", Pass.INSTANCE, DEBOUNCE);
    }

    private void observe(WatchEvent e) {
        boolean deleted = e.type() == WatchEvent.Type.DELETED;
        if (e.kind().equals(NODE.entityTypeName())) {
            if (deleted) state.nodeDeleted(e.object());
            else state.nodeChanged(e.object());
        } else if (deleted) {
            state.podDeleted(e.object());
            reported.remove(Pods.uid(e.object()));
        } else {
            state.podChanged(e.object());
        }
        schedulePass();
    }

    private void pass() {
        if (!synced || !state.hasPending()) return;
        ClusterSnapshot snapshot = state.snapshot();
        for (ObjectNode pod : state.pending()) {
            if (writesInFlight >= MAX_WRITES_IN_FLIGHT) return;
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
                state.markUnschedulable(pod);
            }
        }
    }

    private void bind(ObjectNode pod, String node) {
        String uid = Pods.uid(pod);
        reported.remove(uid);
        String key = Pods.key(pod);
        ActorRef<Command> self = ctx.getSelf();
        writesInFlight++;
        objects.ask(POD, key, r -> new ObjectCommand.Bind(node, uid, r))
                .whenComplete((reply, failure) -> self.tell(new BindDone(key, uid, failure == null && !(reply instanceof ObjectReply.Rejected))));
    }

    /** Sends a write that counts toward {@link #MAX_WRITES_IN_FLIGHT} until it is answered. */
    private void write(ResourceKind kind, String key, Function<ActorRef<ObjectReply>, ObjectCommand> command) {
        writesInFlight++;
        ActorRef<Command> self = ctx.getSelf();
        objects.ask(kind, key, command).whenComplete((reply, failure) -> self.tell(WriteDone.INSTANCE));
    }

    private void reportUnschedulable(ObjectNode pod, ScheduleResult.Unschedulable u) {
        String uid = Pods.uid(pod);
        String namespace = Pods.namespace(pod);
        String key = Pods.key(pod);
        u.nomination().ifPresent(n -> nominate(pod, key, n));
        if (u.message().equals(reported.get(uid))) return;
        reported.put(uid, u.message());
        String now = now();
        ObjectNode holder = Json.object();
        holder.set("status", pod.path("status").deepCopy());
        PodConditions.set(holder, "PodScheduled", "False", "Unschedulable", u.message(), now);
        holder.with("metadata").put("uid", uid);
        write(POD, key, r -> new ObjectCommand.Patch(PatchType.MERGE_PATCH.name(), holder, 0, true, "", false, false, r));
        ObjectNode event = Events.forPod(pod, "Warning", "FailedScheduling", u.message(), NAME, now);
        write(EVENT, namespace + "/" + Pods.name(event), r -> new ObjectCommand.Create(event, false, r));
    }

    private void nominate(ObjectNode pod, String key, ScheduleResult.Nomination n) {
        if (n.nodeName().equals(pod.path("status").path("nominatedNodeName").asText(""))) return;
        ObjectNode patch = Json.object();
        patch.putObject("status").put("nominatedNodeName", n.nodeName());
        write(POD, key, r -> new ObjectCommand.Patch(PatchType.MERGE_PATCH.name(), patch, 0, true, "", false, false, r));
        for (ObjectNode victim : n.victims()) {
            String victimUid = Pods.uid(victim);
            write(POD, Pods.key(victim), r -> new ObjectCommand.Delete(0, victimUid, ObjectCommand.Delete.DEFAULT_GRACE, false, r));
        }
    }

    private String now() {
        return Times.now(clock);
    }
}
