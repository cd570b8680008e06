package dev.podium.actors.scheduler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.Members;
import dev.podium.actors.events.Events;
import dev.podium.actors.hints.ObjectChanged;
import dev.podium.actors.hints.SeenVersions;
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
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.japi.function.Function;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;

/**
 * The default scheduler (a cluster singleton). It starts from a list of Nodes and Pods in the
 * member's watch cache and from then on learns what changes from the hints Pod and Node entities
 * send once their writes are journaled (no watch stream), keeping a {@link SchedulerCache}.
 * Hints are deduplicated by the entities' sequence numbers, and a re-check on a timer compares
 * the cache with what it knows, so a lost hint delays scheduling and never stops it. A pass takes
 * the pending pods, runs {@link SchedulingAlgorithm} on a snapshot, and binds through the Pod
 * entity (which accepts one binding only). Unschedulable pods get PodScheduled=False with
 * kube-scheduler's message and a FailedScheduling event, and wait until a change could let them in.
 */
public final class SchedulerActor {
    public static final String NAME = "default-scheduler";

    public sealed interface Command {}

    /** A Pod or Node entity's hint. */
    public record Hint(ObjectChanged change) implements Command, PodiumSerializable {}

    enum Pass implements Command { INSTANCE }

    /** A refused bind's pod gets another pass a while later. */
    enum Retry implements Command { INSTANCE }

    /** The slow periodic flush: unschedulable pods get another look even if nothing seemed to change. */
    enum Resync implements Command { INSTANCE }

    /** Compare the watch cache with what hints told, to recover lost hints. */
    enum Recheck implements Command { INSTANCE }

    /** A bind's answer (null when the ask failed). */
    record BindDone(String key, String uid, ObjectReply reply) implements Command {}

    /** An object the cache did not show was read from its entity; {@code seenBefore} is what was known when the read was sent. */
    record Verified(String kind, String key, long seenBefore, ObjectReply reply) implements Command {}

    /** Any other write (an unschedulable report, a nomination, a victim's deletion) was answered. */
    enum WriteDone implements Command { INSTANCE }

    private static final ResourceKind POD = KindRegistry.get("Pod");
    private static final ResourceKind NODE = KindRegistry.get("Node");
    private static final ResourceKind EVENT = KindRegistry.get("Event");
    private static final String CLAIM = KindRegistry.get("PersistentVolumeClaim").entityTypeName();
    /** How long after a failed bind the scheduler tries again. */
    private static final Duration RETRY = Duration.ofSeconds(1);
    private static final Duration TOMBSTONES = Duration.ofMinutes(5);
    static final int MAX_WRITES_IN_FLIGHT = 256;

    private final ActorContext<Command> ctx;
    private final TimerScheduler<Command> timers;
    private final WatchCache cache;
    private final ObjectClient objects;
    private final Clock clock;
    private final SchedulingAlgorithm algorithm = SchedulingAlgorithm.defaults();
    private final SchedulerCache state = new SchedulerCache(NAME);
    private final SeenVersions podsSeen = new SeenVersions(TOMBSTONES);
    private final SeenVersions nodesSeen = new SeenVersions(TOMBSTONES);
    /**
     * Writes sent and not yet answered (binds, unschedulable reports, nominations, victims); a pass
     * sends no more while {@link #MAX_WRITES_IN_FLIGHT} are, so a burst cannot flood the journal.
     */
    private int writesInFlight;
    /** Claims whose hint said Bound before the cache showed it, by namespace/name. */
    private final Map<String, ObjectChanged> boundClaims = new HashMap<>();
    /** The unschedulable message last reported per pod uid, so it is reported once. */
    private final Map<String, String> reported = new HashMap<>();
    /** A pass is in the mailbox: hints arriving before it runs are taken by that pass. */
    private boolean passQueued;

    private SchedulerActor(ActorContext<Command> ctx, TimerScheduler<Command> timers, WatchCache cache, ObjectClient objects, Clock clock) {
        this.ctx = ctx;
        this.timers = timers;
        this.cache = cache;
        this.objects = objects;
        this.clock = clock;
    }

    /**
     * {@code resync}: how often unschedulable pods are looked at again regardless; {@code recheck}:
     * how often the cache is compared with what hints told. Restarts with backoff on failure,
     * starting over from the cache.
     */
    public static Behavior<Command> create(WatchCache cache, ObjectClient objects, Clock clock, Duration resync, Duration recheck) {
        return Behaviors.supervise(Behaviors.<Command>setup(ctx -> Behaviors.withTimers(timers -> {
            SchedulerActor s = new SchedulerActor(ctx, timers, cache, objects, clock);
            s.recheck();
            timers.startTimerWithFixedDelay("resync", Resync.INSTANCE, resync);
            timers.startTimerWithFixedDelay("recheck", Recheck.INSTANCE, recheck);
            return s.behavior();
        }))).onFailure(SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(10), 0.2));
    }

    private Behavior<Command> behavior() {
        return Behaviors.receive(Command.class)
                .onMessage(Hint.class, m -> {
                    observe(m.change());
                    return Behaviors.same();
                })
                .onMessageEquals(Pass.INSTANCE, () -> {
                    passQueued = false;
                    pass();
                    return Behaviors.same();
                })
                .onMessageEquals(Retry.INSTANCE, () -> {
                    schedulePass();
                    return Behaviors.same();
                })
                .onMessageEquals(Resync.INSTANCE, () -> {
                    state.requeueUnschedulable();
                    schedulePass();
                    return Behaviors.same();
                })
                .onMessageEquals(Recheck.INSTANCE, () -> {
                    recheck();
                    return Behaviors.same();
                })
                .onMessage(BindDone.class, m -> {
                    writeAnswered();
                    bound(m);
                    return Behaviors.same();
                })
                .onMessage(Verified.class, m -> {
                    verified(m);
                    return Behaviors.same();
                })
                .onMessageEquals(WriteDone.INSTANCE, () -> {
                    writeAnswered();
                    return Behaviors.same();
                })
                .build();
    }

    private void observe(ObjectChanged change) {
        if (change.kind().equals(CLAIM)) {
            // a claim became Bound: pods waiting for it get another look (at it as hinted: the cache may not show it yet)
            ObjectChanged known = boundClaims.get(change.key());
            if (known == null || known.seqNr() < change.seqNr()) boundClaims.put(change.key(), change);
            state.requeueUnschedulable();
            schedulePass();
            return;
        }
        boolean node = change.kind().equals(NODE.entityTypeName());
        SeenVersions seen = node ? nodesSeen : podsSeen;
        if (!seen.accept(change.key(), change.seqNr(), change.deleted(), clock.instant())) return;
        if (node) {
            if (change.deleted()) state.nodeDeleted(change.object());
            else state.nodeChanged(change.object());
        } else if (change.deleted()) {
            state.podDeleted(change.object());
            reported.remove(change.uid());
        } else {
            state.podChanged(change.object());
        }
        schedulePass();
    }

    /**
     * Level-triggered catch-up: what the cache holds newer than any hint is applied; what hints
     * showed but the cache lacks is read from its entity (the cache may just lag, or a deletion's
     * hint was lost). On start this fills the empty state from the cache.
     */
    private void recheck() {
        for (ResourceKind kind : List.of(NODE, POD)) {
            SeenVersions seen = kind == NODE ? nodesSeen : podsSeen;
            Set<String> present = new HashSet<>();
            for (CachedObject o : cache.list(kind.entityTypeName(), null, x -> true, 0, null).items()) {
                present.add(o.key());
                if (o.seqNr() > seen.newest(o.key())) observe(new ObjectChanged(kind.entityTypeName(), o.key(), o.object(), o.seqNr(), false));
            }
            for (String key : seen.existing()) {
                if (!present.contains(key)) verify(kind, key);
            }
            seen.expire(clock.instant());
        }
    }

    private void verify(ResourceKind kind, String key) {
        SeenVersions seen = kind == NODE ? nodesSeen : podsSeen;
        long before = seen.newest(key);
        ActorRef<Command> self = ctx.getSelf();
        objects.ask(kind, key, ObjectCommand.Get::new)
                .whenComplete((reply, failure) -> self.tell(new Verified(kind.entityTypeName(), key, before, reply)));
    }

    private void verified(Verified m) {
        if (m.reply() instanceof ObjectReply.Done d) {
            observe(new ObjectChanged(m.kind(), m.key(), d.object(), d.seqNr(), false));
        } else if (m.reply() instanceof ObjectReply.Rejected r && r.error().code() == 404) {
            boolean node = m.kind().equals(NODE.entityTypeName());
            SeenVersions seen = node ? nodesSeen : podsSeen;
            // only if nothing newer arrived meanwhile: a re-creation's hint may have overtaken the answer
            if (!seen.exists(m.key()) || seen.newest(m.key()) != m.seenBefore()) return;
            ObjectNode gone = Json.object();
            gone.putObject("metadata").put("name", m.key().substring(m.key().indexOf('/') + 1))
                    .put("namespace", m.key().contains("/") ? m.key().substring(0, m.key().indexOf('/')) : "");
            observe(new ObjectChanged(m.kind(), m.key(), gone, m.seenBefore() + 1, true));
        }
    }

    private void bound(BindDone m) {
        if (m.reply() instanceof ObjectReply.Done d) {
            observe(new ObjectChanged(POD.entityTypeName(), m.key(), d.object(), d.seqNr(), false));
            if (state.hasPending()) schedulePass();
            return;
        }
        // refused (bound elsewhere, deleted, recreated) or unanswered: back to what was seen, and read the pod
        state.forget(m.key(), m.uid());
        verify(POD, m.key());
        if (!timers.isTimerActive("retry")) timers.startSingleTimer("retry", Retry.INSTANCE, RETRY);
    }

    private void writeAnswered() {
        writesInFlight = Math.max(0, writesInFlight - 1);
    }

    /**
     * Queues a pass behind the messages already in the mailbox, so a burst of hints is taken by
     * one pass without waiting on a timer.
     */
    private void schedulePass() {
        if (passQueued) return;
        passQueued = true;
        ctx.getSelf().tell(Pass.INSTANCE);
    }

    private void pass() {
        if (!state.hasPending()) return;
        ClusterSnapshot snapshot = state.snapshot();
        for (ObjectNode pod : state.pending()) {
            if (writesInFlight >= MAX_WRITES_IN_FLIGHT) return;
            Optional<String> claims = VolumeClaims.waiting(pod, this::claim);
            ScheduleResult result = claims.isPresent()
                    ? new ScheduleResult.Unschedulable(FitError.beforeFilters(snapshot.numNodes(), claims.get()), Map.of(), Optional.empty())
                    : algorithm.schedule(pod, snapshot);
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

    /** A claim as the cache has it, or as its hint showed it when that is newer (dropped once the cache has caught up). */
    private Optional<ObjectNode> claim(String key) {
        Optional<CachedObject> cached = cache.get(CLAIM, key);
        ObjectChanged hinted = boundClaims.get(key);
        if (hinted == null) return cached.map(CachedObject::object);
        if (cached.isPresent() && cached.get().seqNr() >= hinted.seqNr()) {
            boundClaims.remove(key);
            return cached.map(CachedObject::object);
        }
        return Optional.of(hinted.object());
    }

    private void bind(ObjectNode pod, String node) {
        String uid = Pods.uid(pod);
        reported.remove(uid);
        String key = Pods.key(pod);
        ActorRef<Command> self = ctx.getSelf();
        writesInFlight++;
        objects.ask(POD, key, r -> new ObjectCommand.Bind(node, uid, r))
                .whenComplete((reply, failure) -> self.tell(new BindDone(key, uid, reply)));
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
        ObjectNode event = Events.about(pod, "Warning", "FailedScheduling", u.message(), NAME, Members.name(ctx.getSystem()), now);
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
