package dev.podium.actors.controllers.namespace;

import dev.podium.actors.Supervision;
import dev.podium.actors.hints.ObjectChanged;
import dev.podium.actors.hints.SeenVersions;
import dev.podium.actors.objects.ObjectClient;
import dev.podium.actors.objects.ObjectCommand;
import dev.podium.actors.services.AllocationClaims;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.Kinds;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.persistence.PodiumSerializable;
import dev.podium.persistence.watch.CachedObject;
import dev.podium.persistence.watch.WatchCache;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Empties terminating namespaces (a cluster singleton): a Namespace entity tells it when its
 * namespace starts terminating; while any does, every tick deletes what the namespace still holds
 * (a deleted Service's cluster IP and node ports are released), and once nothing is left clears
 * spec.finalizers so the Namespace entity completes its own deletion. A re-check on a timer lists
 * terminating namespaces from the cache, so a lost hint only delays the work.
 */
public final class NamespaceController {
    public sealed interface Command {}

    /** A Namespace entity's hint: the namespace is terminating, or gone. */
    public record Hint(ObjectChanged change) implements Command, PodiumSerializable {}

    enum Tick implements Command { INSTANCE }

    enum Recheck implements Command { INSTANCE }

    private static final ResourceKind NAMESPACE = KindRegistry.get("Namespace");

    private final WatchCache cache;
    private final Kinds kinds;
    private final ObjectClient objects;
    private final Clock clock;
    private final AllocationClaims claims;
    private final Set<String> terminating = new HashSet<>();
    private final SeenVersions seen = new SeenVersions(Duration.ofMinutes(5));

    private NamespaceController(WatchCache cache, ObjectClient objects, Clock clock, Kinds kinds) {
        this.kinds = kinds;
        this.cache = cache;
        this.objects = objects;
        this.clock = clock;
        this.claims = new AllocationClaims(objects, cache);
    }

    public static Behavior<Command> create(WatchCache cache, ObjectClient objects, Clock clock, Duration tick, Duration recheck) {
        return create(cache, objects, clock, tick, recheck, Kinds.builtIn());
    }

    /** {@code kinds}: the built-in kinds and the custom resources the member serves. */
    public static Behavior<Command> create(WatchCache cache, ObjectClient objects, Clock clock, Duration tick, Duration recheck, Kinds kinds) {
        return Supervision.restarting(Behaviors.withTimers(timers -> {
            NamespaceController c = new NamespaceController(cache, objects, clock, kinds);
            c.recheck();
            timers.startTimerWithFixedDelay(Tick.INSTANCE, tick);
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
        if (!seen.accept(change.key(), change.seqNr(), change.deleted(), clock.instant())) return;
        if (change.deleted() || !change.object().path("metadata").has("deletionTimestamp")) terminating.remove(change.key());
        else terminating.add(change.key());
    }

    void recheck() {
        for (CachedObject ns : cache.list(NAMESPACE.entityTypeName(), null, o -> o.path("metadata").has("deletionTimestamp"), 0, null).items()) {
            if (ns.seqNr() > seen.newest(ns.key())) observe(new ObjectChanged(NAMESPACE.entityTypeName(), ns.key(), ns.object(), ns.seqNr(), false));
        }
        seen.expire(clock.instant());
    }

    /** For each terminating namespace: delete what is left in it, or finalize it when nothing is. */
    void reconcile() {
        for (String namespace : List.copyOf(terminating)) {
            int remaining = 0;
            for (ResourceKind kind : kinds.stored()) {
                if (!kind.namespaced()) continue;
                for (CachedObject o : cache.list(kind.entityTypeName(), namespace, x -> true, 0, null).items()) {
                    remaining++;
                    if (!o.object().path("metadata").has("deletionTimestamp")) {
                        objects.ask(kind, o.key(), r -> new ObjectCommand.Delete(0, "", ObjectCommand.Delete.DEFAULT_GRACE, false, r))
                                .thenCompose(reply -> claims.releaseIfServiceDeleted(kind, reply));
                    }
                }
            }
            if (remaining == 0) objects.ask(NAMESPACE, namespace, r -> new ObjectCommand.Finalize(Json.MAPPER.createArrayNode(), r));
        }
    }
}
