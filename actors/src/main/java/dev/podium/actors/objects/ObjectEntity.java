package dev.podium.actors.objects;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.Supervision;
import dev.podium.actors.hints.Notification;
import dev.podium.actors.hints.Notifier;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.patch.PatchType;
import dev.podium.persistence.events.ObjectEvent;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingSettings;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One API object as a sharded, event-sourced entity. Entity id is {@code namespace/name} (or
 * {@code name} for cluster-scoped kinds); persistence id {@code Kind|id}. What a write does is
 * decided by {@link ObjectWrites}; this class persists, replies, and once a write is journaled
 * sends the hints its kind's {@link KindBehavior} names.
 */
public final class ObjectEntity extends EventSourcedBehaviorWithEnforcedReplies<ObjectCommand, ObjectEvent, ObjectState> {
    private static final Logger log = LoggerFactory.getLogger(ObjectEntity.class);
    private final ResourceKind kind;
    private final String entityId;
    private final ObjectWrites writes;
    private final KindBehavior behavior;
    private final Notifier notifier;
    private final String name;
    private final String namespace;
    private final Runnable afterDelete;
    /** Where the kind's controller runs: null for kinds without one, and in tests of the store semantics. */
    private final ControllerHost host;
    private final JournalWrites journalWrites;
    private ActorRef<ControllerMessage> controller;
    /** The uid of the object as last journaled (empty while there is none); null until recovery completed. */
    private String currentUid;
    /** Hints that came during recovery, relayed once it completes. */
    private final List<ObjectCommand> relaysDuringRecovery = new ArrayList<>();

    /** What an entity of a controller kind needs to run its controller as its child. */
    record ControllerHost(ActorContext<ObjectCommand> context, ControllerFactory factory, ControllerServices services) {}

    private ObjectEntity(ResourceKind kind, String entityId, ObjectWrites writes, KindBehavior behavior, Notifier notifier, Runnable afterDelete,
                         ControllerHost host, JournalWrites journalWrites) {
        super(PersistenceId.of(kind.entityTypeName(), entityId, "|"),
                // at most 2 s apart: an entity whose recovery failed while the database was away is back soon after it
                SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(2), 0.2));
        this.kind = kind;
        this.entityId = entityId;
        this.writes = writes;
        this.behavior = behavior;
        this.notifier = notifier;
        this.name = entityId.substring(entityId.indexOf('/') + 1);
        this.namespace = kind.namespaced() && entityId.contains("/") ? entityId.substring(0, entityId.indexOf('/')) : "";
        this.afterDelete = afterDelete;
        this.host = host;
        this.journalWrites = journalWrites;
    }

    public static EntityTypeKey<ObjectCommand> key(ResourceKind kind) {
        return key(kind.entityTypeName());
    }

    public static EntityTypeKey<ObjectCommand> key(String entityTypeName) {
        return EntityTypeKey.create(ObjectCommand.class, entityTypeName);
    }

    /**
     * The entity of an object: a built-in kind's by its own entity type; a custom resource's by the
     * one entity type all custom resources share, its id prefixed with the kind ({@link CustomResourceEntities}).
     */
    public static EntityRef<ObjectCommand> ref(ClusterSharding sharding, String entityTypeName, String entityId) {
        if (KindRegistry.byEntityType(entityTypeName).isPresent()) return sharding.entityRefFor(key(entityTypeName), entityId);
        return sharding.entityRefFor(CustomResourceEntities.KEY, CustomResourceEntities.entityId(entityTypeName, entityId));
    }

    public static String entityId(ResourceKind kind, String namespace, String name) {
        return kind.namespaced() ? namespace + "/" + name : name;
    }

    public static String persistenceId(ResourceKind kind, String entityId) {
        return kind.entityTypeName() + "|" + entityId;
    }

    /** An entity that tells nobody about its writes (for tests of the store semantics). */
    public static Behavior<ObjectCommand> create(ResourceKind kind, String entityId, Clock clock, Supplier<String> uids, KindBehavior behavior) {
        return create(kind, entityId, clock, uids, behavior, Notifier.NONE, () -> { });
    }

    /** {@code afterDelete} runs once the object's deletion is journaled. */
    public static Behavior<ObjectCommand> create(ResourceKind kind, String entityId, Clock clock, Supplier<String> uids, KindBehavior behavior,
                                                 Notifier notifier, Runnable afterDelete) {
        return Behaviors.setup(ctx -> withRelayBypass(new ObjectEntity(kind, entityId, new ObjectWrites(kind, behavior, clock, uids), behavior,
                notifier, afterDelete, null, JournalWrites.get(ctx.getSystem()))));
    }

    /** An entity that runs its kind's controller (if the kind has one) as its child while its object exists. */
    public static Behavior<ObjectCommand> create(ResourceKind kind, String entityId, Clock clock, Supplier<String> uids, KindBehavior behavior,
                                                 Notifier notifier, Runnable afterDelete, ControllerServices services) {
        if (behavior.controller().isEmpty()) return create(kind, entityId, clock, uids, behavior, notifier, afterDelete);
        return Behaviors.setup(ctx -> withRelayBypass(new ObjectEntity(kind, entityId, new ObjectWrites(kind, behavior, clock, uids), behavior,
                notifier, afterDelete, new ControllerHost(ctx, behavior.controller().get(), services), JournalWrites.get(ctx.getSystem()))));
    }

    /**
     * Hints about children and related objects change nothing in the journal: they are relayed at
     * once, or kept by the entity while it recovers, and never wait in the event-sourced stash
     * behind a write or a recovery. (A stash of thousands of commands that persist nothing
     * overflows the stack when it is unstashed, pekko#1327; a ReplicaSet's thousand pods changing
     * at once fill it so.)
     */
    private static Behavior<ObjectCommand> withRelayBypass(ObjectEntity entity) {
        return Behaviors.intercept(() -> new BehaviorInterceptor<ObjectCommand, ObjectCommand>(ObjectCommand.class) {
            @Override
            public Behavior<ObjectCommand> aroundReceive(TypedActorContext<ObjectCommand> ctx, ObjectCommand msg, ReceiveTarget<ObjectCommand> target) {
                return entity.relayed(msg) ? Behaviors.same() : target.apply(ctx, msg);
            }
        }, entity);
    }

    /** Relays a hint, or keeps it until recovery completes (true); leaves any other command to the event-sourced behavior (false). */
    private boolean relayed(ObjectCommand command) {
        if (!(command instanceof ObjectCommand.ChildChanged || command instanceof ObjectCommand.RelatedChanged
                || command instanceof ObjectCommand.Wake)) return false;
        if (currentUid == null) relaysDuringRecovery.add(command);
        else relay(command);
        return true;
    }

    /** A Wake has done its work by starting the entity. */
    private void relay(ObjectCommand command) {
        if (command instanceof ObjectCommand.ChildChanged c) childChanged(c);
        else if (command instanceof ObjectCommand.RelatedChanged c && controller != null) controller.tell(new ControllerMessage.RelatedChanged(c.related()));
    }

    private void childChanged(ObjectCommand.ChildChanged c) {
        boolean owner = currentUid != null && !currentUid.isEmpty() && currentUid.equals(c.ownerUid());
        if (owner && controller != null) controller.tell(new ControllerMessage.ChildChanged(c.child()));
        // the child names an owner that is gone: the garbage collector decides its fate
        if (!owner && !c.child().deleted()) notifier.send(List.of(new Notification.ToGarbageCollector(c.child())));
    }

    /**
     * Starts sharding for every registered kind. An entity whose object is deleted passivates at
     * once: nothing is left to serve until a create of the same name, which recovers it again, so
     * churn (pods created and deleted) does not keep every deleted object's entity in memory. An
     * entity that fails restarts with backoff; a failing object never takes its shard down.
     */
    public static void init(ActorSystem<?> system, Clock clock, Function<ResourceKind, KindBehavior> behaviors, Notifier notifier,
                            ControllerServices services) {
        ClusterSharding sharding = ClusterSharding.get(system);
        for (ResourceKind kind : KindRegistry.all()) {
            KindBehavior behavior = behaviors.apply(kind);
            Entity<ObjectCommand, ShardingEnvelope<ObjectCommand>> entity = Entity.of(key(kind), ctx -> Supervision.restarting(
                    Behaviors.<ObjectCommand>setup(actor -> create(kind, ctx.getEntityId(), clock, () -> UUID.randomUUID().toString(), behavior,
                            notifier, () -> ctx.getShard().tell(new ClusterSharding.Passivate<>(actor.getSelf())), services))));
            // a controller's entity stays up while its object exists: its controller holds timers (backoffs, schedules, deadlines)
            if (behavior.controller().isPresent()) entity = entity.withSettings(ClusterShardingSettings.create(system).withNoPassivationStrategy());
            sharding.init(entity);
        }
    }

    @Override
    public ObjectState emptyState() {
        return ObjectState.EMPTY;
    }

    @Override
    public CommandHandlerWithReply<ObjectCommand, ObjectEvent, ObjectState> commandHandler() {
        return newCommandHandlerWithReplyBuilder().forAnyState()
                .onCommand(ObjectCommand.Create.class, (s, c) -> execute(s, writes.create(s, c.object()), c.dryRun(), c))
                .onCommand(ObjectCommand.Update.class, (s, c) -> execute(s, writes.update(s, c.object(), c.expectedSeqNr(), c.status()), c.dryRun(), c))
                .onCommand(ObjectCommand.Patch.class, (s, c) -> execute(s, writes.patch(s, namespace, name, PatchType.valueOf(c.patchType()), c.patch(),
                        c.expectedSeqNr(), c.status(), c.fieldManager(), c.force()), c.dryRun(), c))
                .onCommand(ObjectCommand.Delete.class, (s, c) -> execute(s, writes.delete(s, name, c.expectedSeqNr(), c.expectedUid(), c.gracePeriodSeconds(),
                        c.propagationPolicy()), c.dryRun(), c))
                .onCommand(ObjectCommand.Finalize.class, (s, c) -> execute(s, writes.finalizeNamespace(s, name, c.finalizers()), false, c))
                .onCommand(ObjectCommand.Bind.class, (s, c) -> execute(s, writes.bind(s, name, c.nodeName(), c.expectedUid()), false, c))
                .onCommand(ObjectCommand.Get.class, (s, c) -> Effect().reply(c.replyTo(), s.exists()
                        ? new ObjectReply.Done(s.object(), s.seqNr(), ObjectReply.Outcome.FOUND)
                        : new ObjectReply.Rejected(writes.notFound(name))))
                .onCommand(ObjectCommand.ChildChanged.class, (s, c) -> {
                    childChanged(c);
                    return Effect().noReply();
                })
                .onCommand(ObjectCommand.RelatedChanged.class, (s, c) -> {
                    if (controller != null) controller.tell(new ControllerMessage.RelatedChanged(c.related()));
                    return Effect().noReply();
                })
                .onCommand(ObjectCommand.Wake.class, (s, c) -> Effect().noReply())
                .build();
    }

    @Override
    public SignalHandler<ObjectState> signalHandler() {
        return newSignalHandlerBuilder().onSignal(RecoveryCompleted.instance(), this::ownerIs).build();
    }

    /**
     * The owner as it now stands goes to its controller, which starts with the first object and
     * stops with the deletion (dependents are the garbage collector's then).
     */
    private void ownerIs(ObjectState state) {
        currentUid = state.exists() ? uidOf(state.object()) : "";
        startController(state);
        if (!relaysDuringRecovery.isEmpty()) {
            List<ObjectCommand> kept = List.copyOf(relaysDuringRecovery);
            relaysDuringRecovery.clear();
            kept.forEach(this::relay);
        }
    }

    private void startController(ObjectState state) {
        if (host == null) return;
        if (!state.exists()) {
            if (controller != null) host.context().stop(controller);
            controller = null;
            return;
        }
        if (controller == null) {
            controller = host.context().spawn(Supervision.restarting(host.factory().create(kind, entityId, host.context().getSelf(),
                    host.services())), "controller");
        }
        controller.tell(new ControllerMessage.OwnerChanged(state.object(), state.seqNr()));
    }

    private static String uidOf(ObjectNode object) {
        return object.path("metadata").path("uid").asText("");
    }

    private ReplyEffect<ObjectEvent, ObjectState> execute(ObjectState state, Decision decision, boolean dryRun, ObjectCommand.Request cmd) {
        if (decision instanceof Decision.Reject r) return Effect().reply(cmd.replyTo(), new ObjectReply.Rejected(r.error()));
        if (decision instanceof Decision.Answer a) {
            return Effect().reply(cmd.replyTo(), new ObjectReply.Done(a.object(), state.seqNr(), a.outcome()));
        }
        Decision.Persist p = (Decision.Persist) decision;
        if (dryRun) {
            ObjectReply.Outcome outcome = p.outcome() == ObjectReply.Outcome.CREATED ? ObjectReply.Outcome.DRY_RUN_CREATED : ObjectReply.Outcome.DRY_RUN;
            return Effect().reply(cmd.replyTo(), new ObjectReply.Done(p.event().object(), state.seqNr(), outcome));
        }
        boolean deleted = p.event() instanceof ObjectEvent.ObjectDeleted;
        Write write = new Write(kind, entityId, state.object(), p.event().object(), state.seqNr() + 1, deleted);
        Object journaling = journalWrites.started();
        return Effect().persist(p.event())
                .thenRun(s -> {
                    journalWrites.confirmed(journaling);
                    journaled(write);
                    ownerIs(s);
                })
                .thenReply(cmd.replyTo(), s -> new ObjectReply.Done(p.event().object(), s.seqNr(), p.outcome()));
    }

    /** Runs once a write is in the journal: its hints go out, and a deleted object's entity passivates. */
    private void journaled(Write write) {
        try {
            notifier.send(behavior.notifications(write));
        } catch (RuntimeException e) {
            // the write is stored and must still be answered; receivers find it on their next re-check
            log.error("hints for {} {} (seqNr {}) could not be sent", kind.kind(), entityId, write.seqNr(), e);
        }
        if (write.deleted()) afterDelete.run();
    }

    @Override
    public EventHandler<ObjectState, ObjectEvent> eventHandler() {
        return ObjectState::apply;
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        return RetentionCriteria.snapshotEvery(100, 2);
    }
}
