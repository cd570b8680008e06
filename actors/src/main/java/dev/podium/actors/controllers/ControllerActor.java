package dev.podium.actors.controllers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.admission.AdmissionRequest;
import dev.podium.actors.hints.ObjectChanged;
import dev.podium.actors.hints.SeenVersions;
import dev.podium.actors.objects.ControllerFactory;
import dev.podium.actors.objects.ControllerMessage;
import dev.podium.actors.objects.ControllerServices;
import dev.podium.actors.objects.ObjectCommand;
import dev.podium.actors.objects.ObjectReply;
import dev.podium.actors.events.Events;
import dev.podium.model.api.ApiException;
import dev.podium.model.json.Times;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.meta.GeneratedNames;
import dev.podium.model.meta.OwnerReference;
import dev.podium.model.patch.PatchType;
import dev.podium.model.selectors.LabelSelector;
import dev.podium.persistence.watch.CachedObject;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.japi.function.Function;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The controller an entity of a controller kind runs as its child: it keeps a picture of the
 * objects its owner controls ({@link ChildView}, fed by the hints children send, the answers to
 * its own writes and the cache's owner index), asks its {@link Reconciler} what to do whenever
 * something changes, and carries out the plan through the entities concerned. Level-triggered:
 * every {@code recheck} it refreshes its picture from the cache (and looks for orphans to adopt),
 * and a plan may ask to be looked at again later (backoffs, deadlines, schedules). Creates start
 * in slow-start batches (1, 2, 4, … up to {@link #BURST}), and all controllers of a member share
 * a budget of writes in flight.
 */
public final class ControllerActor {
    /** Creates or deletes one controller has in flight at most (kube-controller-manager's burst). */
    public static final int BURST = 500;
    /** Events one controller may record at once; then one per {@link #EVENT_REFILL} (kube's spam filter). */
    static final int EVENT_BURST = 25;
    static final Duration EVENT_REFILL = Duration.ofMinutes(5);
    private static final Duration WAIT_FOR_PERMITS = Duration.ofMillis(50);
    /** Objects a controller controls from which its reconciles are paced by {@link #LARGE_PAUSE}. */
    static final int LARGE = 200;
    static final Duration LARGE_PAUSE = Duration.ofMillis(20);
    /** After a refused or unanswered write the next try waits 0.2 s, doubling to a minute (kube's workqueue backs off too). */
    private static final Duration FIRST_RETRY = Duration.ofMillis(200);
    private static final Duration LAST_RETRY = Duration.ofMinutes(1);
    private static final ResourceKind EVENT = KindRegistry.get("Event");
    private static final ResourceKind NODE = KindRegistry.get("Node");

    record Answered(Action action, String objectKey, ObjectReply reply) implements ControllerMessage {}

    record Verified(String kind, String objectKey, long seenWhenAsked, ObjectReply reply) implements ControllerMessage {}

    record ConfirmedGone(Action.DeleteOwnerOnceGone action) implements ControllerMessage {}

    enum Reconcile implements ControllerMessage { INSTANCE }

    enum Recheck implements ControllerMessage { INSTANCE }

    /** The cache holds a related object's hinted version now. */
    enum CacheCaughtUp implements ControllerMessage { INSTANCE }

    private final ActorContext<ControllerMessage> ctx;
    private final TimerScheduler<ControllerMessage> timers;
    private final ResourceKind kind;
    private final ActorRef<ObjectCommand> entity;
    private final ControllerServices services;
    private final Reconciler reconciler;
    private final SecureRandom random = new SecureRandom();
    private final CacheReads reads;
    private final Map<String, ChildView> views = new LinkedHashMap<>();
    private final Map<String, ObjectNode> nodes = new TreeMap<>();
    private final SeenVersions nodesSeen = new SeenVersions(Duration.ofMinutes(5));
    private final Set<String> inFlight = new HashSet<>();
    private ObjectNode owner;
    private long ownerSeqNr;
    private String ownerUid = "";
    private boolean reconcileQueued;
    private boolean adoptionDue = true;
    private int createBatch = 1;
    private int createdInBatch;
    private int creatingNow;
    private double eventTokens = EVENT_BURST;
    private String writeFailure;
    private int failuresInARow;
    private Instant eventsRefilled;

    private ControllerActor(ActorContext<ControllerMessage> ctx, TimerScheduler<ControllerMessage> timers, ResourceKind kind,
                            ActorRef<ObjectCommand> entity, ControllerServices services, Reconciler reconciler) {
        this.ctx = ctx;
        this.timers = timers;
        this.kind = kind;
        this.entity = entity;
        this.services = services;
        this.reconciler = reconciler;
        this.eventsRefilled = services.clock().instant();
        this.reads = new CacheReads(services.cache());
    }

    /** The factory a controller kind's behavior hands its entities; the reconciler is made with the member's services. */
    public static ControllerFactory factory(java.util.function.Function<ControllerServices, Reconciler> reconciler) {
        return (kind, key, entity, services) -> Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            ControllerActor c = new ControllerActor(ctx, timers, kind, entity, services, reconciler.apply(services));
            timers.startTimerWithFixedDelay(Recheck.INSTANCE, services.recheck());
            // after a restart nothing tells the controller its owner until the next write: it asks
            ctx.ask(ObjectReply.class, entity, Duration.ofSeconds(15), ObjectCommand.Get::new, (reply, failure) ->
                    reply instanceof ObjectReply.Done d ? new ControllerMessage.OwnerChanged(d.object(), d.seqNr()) : Recheck.INSTANCE);
            return c.behavior();
        }));
    }

    private Behavior<ControllerMessage> behavior() {
        return Behaviors.receive(ControllerMessage.class)
                .onMessage(ControllerMessage.OwnerChanged.class, m -> {
                    ownerChanged(m.owner(), m.seqNr());
                    return Behaviors.same();
                })
                .onMessage(ControllerMessage.ChildChanged.class, m -> {
                    ObjectChanged c = m.child();
                    ChildView view = views.get(c.kind());
                    if (view != null) view.observe(c.key(), c.object(), c.seqNr(), c.deleted(), now());
                    queueReconcile();
                    return Behaviors.same();
                })
                .onMessage(ControllerMessage.RelatedChanged.class, m -> {
                    related(m.related());
                    return Behaviors.same();
                })
                .onMessage(Answered.class, m -> {
                    answered(m);
                    if (m.reply() instanceof ObjectReply.Done) {
                        failuresInARow = 0;
                        queueReconcile();
                    } else {
                        failuresInARow++;
                        if (!timers.isTimerActive("retry")) timers.startSingleTimer("retry", Reconcile.INSTANCE, retryDelay());
                    }
                    return Behaviors.same();
                })
                .onMessage(Verified.class, m -> {
                    ChildView view = views.get(m.kind());
                    if (view != null && m.reply() instanceof ObjectReply.Done d) view.observe(m.objectKey(), d.object(), d.seqNr(), false, now());
                    else if (view != null && m.reply() instanceof ObjectReply.Rejected r && r.error().code() == 404) {
                        view.absent(m.objectKey(), m.seenWhenAsked(), now());
                    }
                    queueReconcile();
                    return Behaviors.same();
                })
                .onMessage(ConfirmedGone.class, m -> {
                    Action.DeleteOwnerOnceGone d = m.action();
                    askOwner(r -> new ObjectCommand.Delete(0, ownerUid, ObjectCommand.Delete.DEFAULT_GRACE, d.propagationPolicy(), false, r), d);
                    return Behaviors.same();
                })
                .onMessageEquals(Recheck.INSTANCE, () -> {
                    recheck();
                    queueReconcile();
                    return Behaviors.same();
                })
                .onMessageEquals(CacheCaughtUp.INSTANCE, () -> {
                    queueReconcile();
                    return Behaviors.same();
                })
                .onMessageEquals(Reconcile.INSTANCE, () -> {
                    reconcileQueued = false;
                    reconcile();
                    return Behaviors.same();
                })
                .build();
    }

    private void ownerChanged(ObjectNode object, long seqNr) {
        if (seqNr < ownerSeqNr) return;
        String uid = object.path("metadata").path("uid").asText("");
        boolean fresh = !uid.equals(ownerUid);
        owner = object;
        ownerSeqNr = seqNr;
        if (fresh) {
            ownerUid = uid;
            views.clear();
            for (ResourceKind k : reconciler.ownedKinds()) views.put(k.entityTypeName(), new ChildView(uid));
            recheck();
        }
        adoptionDue = true;
        queueReconcile();
    }

    /** Refreshes the picture from the cache's owner index (and the nodes, if read); what the cache lacks is read from its entity. */
    private void recheck() {
        if (owner == null) return;
        Instant now = now();
        for (var e : views.entrySet()) {
            ResourceKind k = KindRegistry.get(e.getKey());
            for (String missing : e.getValue().refresh(services.cache().listByOwner(k.entityTypeName(), ownerUid), now)) {
                long seen = e.getValue().newest(missing);
                ActorRef<ControllerMessage> self = ctx.getSelf();
                services.objects().ask(k, missing, ObjectCommand.Get::new)
                        .whenComplete((reply, failure) -> self.tell(new Verified(k.entityTypeName(), missing, seen, reply)));
            }
        }
        if (reconciler.readsNodes()) {
            for (CachedObject n : services.cache().list(NODE.entityTypeName(), null, o -> true, 0, null).items()) {
                if (n.seqNr() > nodesSeen.newest(n.key())) node(new ObjectChanged(NODE.entityTypeName(), n.key(), n.object(), n.seqNr(), false));
            }
        }
        adoptionDue = true;
    }

    /**
     * A node joins the picture at once; other related objects are read from the cache, so the
     * reconcile waits until the cache holds the hinted version.
     */
    private void related(ObjectChanged change) {
        if (change.kind().equals(NODE.entityTypeName())) {
            node(change);
            queueReconcile();
            return;
        }
        ctx.pipeToSelf(services.cache().awaitApplied(change.kind() + "|" + change.key(), change.seqNr(), 5_000), (rv, failure) -> CacheCaughtUp.INSTANCE);
    }

    private void node(ObjectChanged change) {
        if (!change.kind().equals(NODE.entityTypeName()) || !nodesSeen.accept(change.key(), change.seqNr(), change.deleted(), now())) return;
        if (change.deleted()) nodes.remove(change.key());
        else nodes.put(change.key(), change.object());
    }

    private Duration retryDelay() {
        Duration d = FIRST_RETRY;
        for (int i = 1; i < failuresInARow && d.compareTo(LAST_RETRY) < 0; i++) d = d.multipliedBy(2);
        return d.compareTo(LAST_RETRY) > 0 ? LAST_RETRY : d;
    }

    /**
     * One reconcile at a time, the changes of the meantime seen together. A controller of many
     * objects waits {@link #LARGE_PAUSE} first, so the hints of a thousand pods changing at once
     * cost a few reconciles rather than hundreds (each one looks at every pod, as kube's syncs do).
     */
    private void queueReconcile() {
        if (reconcileQueued) return;
        reconcileQueued = true;
        int size = 0;
        for (ChildView v : views.values()) size += v.size();
        if (size >= LARGE) timers.startSingleTimer("reconcile", Reconcile.INSTANCE, LARGE_PAUSE);
        else ctx.getSelf().tell(Reconcile.INSTANCE);
    }

    private void reconcile() {
        if (owner == null) return;
        Map<String, List<ObjectNode>> owned = new HashMap<>();
        views.forEach((k, v) -> owned.put(k, v.objects()));
        Map<String, List<ObjectNode>> orphans = adoptionDue ? orphans() : Map.of();
        adoptionDue = false;
        Plan plan = reconciler.reconcile(new Observed(owner, owned, orphans, List.copyOf(nodes.values()), now(), writeFailure, reads,
                Math.max(0, createBatch - creatingNow)));
        boolean waiting = false;
        for (Action action : plan.actions()) {
            if (start(action) == Outcome.NO_PERMIT) waiting = true;
        }
        if (waiting) timers.startSingleTimer("permits", Reconcile.INSTANCE, WAIT_FOR_PERMITS);
        plan.requeueAfter().ifPresent(d -> {
            if (!timers.isTimerActive("requeue")) timers.startSingleTimer("requeue", Reconcile.INSTANCE, d);
        });
    }

    /** Objects in the owner's namespace its selector picks that no one controls (candidates for adoption). */
    private Map<String, List<ObjectNode>> orphans() {
        Optional<LabelSelector> selector = reconciler.adoptionSelector(owner);
        if (selector.isEmpty()) return Map.of();
        String namespace = owner.path("metadata").path("namespace").asText("");
        Map<String, List<ObjectNode>> out = new HashMap<>();
        for (ResourceKind k : reconciler.ownedKinds()) {
            out.put(k.entityTypeName(), reads.selected(k.entityTypeName(), namespace, selector.get()).stream()
                    .filter(o -> OwnerReference.controllerOf(o).isEmpty() && !o.path("metadata").has("deletionTimestamp")).toList());
        }
        return out;
    }

    private enum Outcome { SENT, SKIPPED, NO_PERMIT }

    /** Sends an action unless one with its key is in flight, creates are past their batch, or the member's budget of writes is spent. */
    private Outcome start(Action action) {
        if (action instanceof Action.Event e) {
            recordEvent(e);
            return Outcome.SENT;
        }
        if (action instanceof Action.Announced a) {
            Outcome o = start(a.action());
            if (o == Outcome.SENT) recordEvent(a.event());
            return o;
        }
        if (action instanceof Action.Create c && c.generateName()) {
            if (creatingNow >= createBatch) return Outcome.SKIPPED;
            ObjectNode object = c.object().deepCopy();
            String name = GeneratedNames.from(object.path("metadata").path("generateName").asText(), random);
            object.with("metadata").put("name", name);
            action = new Action.Create(c.kind(), object, false);
        }
        if (inFlight.contains(action.key())) return Outcome.SKIPPED;
        if (action instanceof Action.Create && creatingNow >= createBatch) return Outcome.SKIPPED;
        if (!services.permits().tryAcquire()) return Outcome.NO_PERMIT;
        inFlight.add(action.key());
        send(action);
        return Outcome.SENT;
    }

    private void send(Action action) {
        ActorRef<ControllerMessage> self = ctx.getSelf();
        if (action instanceof Action.Create c) {
            String key = objectKey(c.kind(), c.object());
            try {
                services.admission().admit(new AdmissionRequest(AdmissionRequest.Operation.CREATE, c.kind(),
                        c.object().path("metadata").path("namespace").asText(""), c.object(), false));
            } catch (ApiException refused) {
                self.tell(new Answered(action, key, new ObjectReply.Rejected(refused.error())));
                creatingNow++;
                return;
            }
            ChildView view = views.get(c.kind().entityTypeName());
            if (view != null) view.creating(key, c.object());
            creatingNow++;
            ask(c.kind(), key, r -> new ObjectCommand.Create(c.object(), false, r), action, self);
        } else if (action instanceof Action.Delete d) {
            ChildView view = views.get(d.kind().entityTypeName());
            if (view != null) view.deleting(d.objectKey(), now());
            ask(d.kind(), d.objectKey(), r -> new ObjectCommand.Delete(0, d.uid(), ObjectCommand.Delete.DEFAULT_GRACE, d.propagationPolicy(), false, r),
                    action, self);
        } else if (action instanceof Action.Patch p) {
            ask(p.kind(), p.objectKey(), r -> new ObjectCommand.Patch(PatchType.MERGE_PATCH.name(), p.patch(), p.seqNr(), false, "", false, false, r),
                    action, self);
        } else if (action instanceof Action.PatchStatus p) {
            ask(p.kind(), p.objectKey(), r -> new ObjectCommand.Patch(PatchType.MERGE_PATCH.name(), p.patch(), 0, true, "", false, false, r),
                    action, self);
        } else if (action instanceof Action.UpdateStatus u) {
            ObjectNode withStatus = owner.deepCopy();
            withStatus.set("status", u.status());
            long seq = ownerSeqNr;
            askOwner(r -> new ObjectCommand.Update(withStatus, seq, true, false, r), action);
        } else if (action instanceof Action.PatchOwner p) {
            long seq = p.anyVersion() ? 0 : ownerSeqNr;
            askOwner(r -> new ObjectCommand.Patch(PatchType.MERGE_PATCH.name(), p.patch(), seq, false, "", false, false, r), action);
        } else if (action instanceof Action.DeleteOwner d) {
            askOwner(r -> new ObjectCommand.Delete(0, ownerUid, ObjectCommand.Delete.DEFAULT_GRACE, d.propagationPolicy(), false, r), action);
        } else if (action instanceof Action.DeleteOwnerOnceGone d) {
            services.objects().ask(d.kind(), d.objectKey(), ObjectCommand.Get::new).whenComplete((reply, failure) -> {
                boolean gone = reply instanceof ObjectReply.Rejected r && r.error().code() == 404
                        || reply instanceof ObjectReply.Done done && !d.uid().equals(done.object().path("metadata").path("uid").asText());
                // still there (or no answer): the cache lags; the retry backoff gives it time before the next look
                self.tell(gone ? new ConfirmedGone(d) : new Answered(action, "", null));
            });
        }
    }

    private void ask(ResourceKind k, String key, Function<ActorRef<ObjectReply>, ObjectCommand> command, Action action, ActorRef<ControllerMessage> self) {
        services.objects().ask(k, key, command).whenComplete((reply, failure) -> self.tell(new Answered(action, key, reply)));
    }

    private void askOwner(Function<ActorRef<ObjectReply>, ObjectCommand> command, Action action) {
        ctx.ask(ObjectReply.class, entity, Duration.ofSeconds(15), command::apply, (reply, failure) -> new Answered(action, "", reply));
    }

    private void answered(Answered m) {
        services.permits().release();
        inFlight.remove(m.action().key());
        Instant now = now();
        if (m.action() instanceof Action.Create c) {
            creatingNow--;
            ChildView view = views.get(c.kind().entityTypeName());
            if (m.reply() instanceof ObjectReply.Done d) {
                writeFailure = null;
                if (view != null) view.observe(m.objectKey(), d.object(), d.seqNr(), false, now);
                reconciler.createdMessage(d.object()).ifPresent(msg -> recordEvent(new Action.Event(owner, "Normal", "SuccessfulCreate", msg)));
                if (++createdInBatch >= createBatch) {
                    createBatch = Math.min(BURST, createBatch * 2);
                    createdInBatch = 0;
                }
            } else {
                createBatch = 1;
                createdInBatch = 0;
                if (m.reply() instanceof ObjectReply.Rejected r) {
                    writeFailure = r.error().message();
                    if (view != null) view.undo(m.objectKey());
                    // a named object that exists already (its cache lags) is no failure to report
                    if (!"AlreadyExists".equals(r.error().reason())) {
                        recordEvent(new Action.Event(owner, "Warning", "FailedCreate", "Error creating: " + r.error().message()));
                    }
                } else if (view != null) {
                    // unanswered: the create may have happened; its entity says
                    long seen = view.newest(m.objectKey());
                    ActorRef<ControllerMessage> self = ctx.getSelf();
                    services.objects().ask(c.kind(), m.objectKey(), ObjectCommand.Get::new)
                            .whenComplete((reply, failure) -> self.tell(new Verified(c.kind().entityTypeName(), m.objectKey(), seen, reply)));
                }
            }
        } else if (m.action() instanceof Action.Delete d) {
            ChildView view = views.get(d.kind().entityTypeName());
            if (view == null) return;
            if (m.reply() instanceof ObjectReply.Done done) {
                writeFailure = null;
                view.observe(d.objectKey(), done.object(), done.seqNr(), done.outcome() == ObjectReply.Outcome.DELETED, now);
                reconciler.deletedMessage(done.object()).ifPresent(msg -> recordEvent(new Action.Event(owner, "Normal", "SuccessfulDelete", msg)));
            } else {
                if (m.reply() instanceof ObjectReply.Rejected r && r.error().code() != 404) writeFailure = r.error().message();
                view.undo(d.objectKey());
            }
        } else if (m.action() instanceof Action.Patch p) {
            ChildView view = views.get(p.kind().entityTypeName());
            if (view != null && m.reply() instanceof ObjectReply.Done done) view.observe(p.objectKey(), done.object(), done.seqNr(), false, now);
        }
    }

    /** Records an Event unless this controller used up its budget (25, then one per 5 minutes), as kube's event recorder throttles. */
    private void recordEvent(Action.Event e) {
        if (e.involved() == null) return;
        Instant now = now();
        eventTokens = Math.min(EVENT_BURST, eventTokens + (double) Duration.between(eventsRefilled, now).toMillis() / EVENT_REFILL.toMillis());
        eventsRefilled = now;
        if (eventTokens < 1) return;
        eventTokens--;
        ObjectNode event = Events.about(e.involved(), e.type(), e.reason(), e.message(), kind.kind().toLowerCase() + "-controller", services.member(),
                Times.rfc3339(now));
        String key = event.path("metadata").path("namespace").asText() + "/" + event.path("metadata").path("name").asText();
        services.objects().ask(EVENT, key, r -> new ObjectCommand.Create(event, false, r));
    }

    private static String objectKey(ResourceKind k, ObjectNode object) {
        String name = object.path("metadata").path("name").asText();
        return k.namespaced() ? object.path("metadata").path("namespace").asText() + "/" + name : name;
    }

    private Instant now() {
        return services.clock().instant();
    }
}
