package dev.podium.actors.objects;

import dev.podium.actors.Supervision;
import dev.podium.actors.hints.Notifier;
import dev.podium.model.api.ApiError;
import dev.podium.model.crd.CustomKinds;
import dev.podium.model.crd.LatestRules;
import dev.podium.model.kinds.ResourceKind;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Custom resources are object entities like any other, under one entity type for all of them
 * (their kinds come and go at run time, sharding's entity types are fixed at start-up): the
 * entity id is {@code Kind.group|namespace/name}, the persistence id the same as a built-in
 * kind's would be. A member may be asked to host an object before its watch cache has read the
 * object's definition; the entity then waits for it, briefly, with the commands kept.
 */
public final class CustomResourceEntities {
    public static final EntityTypeKey<ObjectCommand> KEY = EntityTypeKey.create(ObjectCommand.class, "CustomResource");
    private static final Duration DEFINITION_POLL = Duration.ofMillis(50);
    private static final int DEFINITION_POLLS = 200;

    private CustomResourceEntities() {}

    public static String entityId(String entityTypeName, String objectId) {
        return entityTypeName + "|" + objectId;
    }

    public static void init(ActorSystem<?> system, Clock clock, CustomKinds kinds, KindBehavior behavior, Notifier notifier) {
        ClusterSharding sharding = ClusterSharding.get(system);
        sharding.init(Entity.of(KEY, ctx -> Supervision.restarting(Behaviors.<ObjectCommand>setup(actor -> {
            String id = ctx.getEntityId();
            int bar = id.indexOf('|');
            String type = id.substring(0, bar);
            String objectId = id.substring(bar + 1);
            Runnable passivate = () -> ctx.getShard().tell(new ClusterSharding.Passivate<>(actor.getSelf()));
            return once(kinds, type, k -> ObjectEntity.create(k, objectId, clock, () -> UUID.randomUUID().toString(), behavior, notifier, passivate),
                    DEFINITION_POLLS);
        }))));
    }

    private static Behavior<ObjectCommand> once(CustomKinds kinds, String type, java.util.function.Function<ResourceKind, Behavior<ObjectCommand>> entity,
                                                int polls) {
        Optional<ResourceKind> kind = storageKind(kinds, type);
        if (kind.isPresent()) return entity.apply(kind.get());
        return Behaviors.withStash(10_000, stash -> Behaviors.withTimers(timers -> {
            // a Wake asks nothing of an entity but to be started: the timer's look at the definitions
            timers.startTimerWithFixedDelay(new ObjectCommand.Wake(), DEFINITION_POLL);
            int[] left = {polls};
            return Behaviors.receive(ObjectCommand.class)
                    .onMessage(ObjectCommand.Wake.class, p -> {
                        Optional<ResourceKind> now = storageKind(kinds, type);
                        if (now.isPresent()) return stash.unstashAll(entity.apply(now.get()));
                        if (--left[0] > 0) return Behaviors.same();
                        stash.forEach(c -> {
                            if (c instanceof ObjectCommand.Request r) {
                                r.replyTo().tell(new ObjectReply.Rejected(ApiError.notFoundPath("the server could not find the requested resource")));
                            }
                        });
                        return Behaviors.stopped();
                    })
                    .onAnyMessage(c -> {
                        stash.stash(c);
                        return Behaviors.same();
                    })
                    .build();
        }));
    }

    /** The kind at its storage version, with the rules of its definition as it stands at each write. */
    private static Optional<ResourceKind> storageKind(CustomKinds kinds, String type) {
        return kinds.byEntityType(type).map(k -> k.withRules(new LatestRules(kinds, type)));
    }
}
