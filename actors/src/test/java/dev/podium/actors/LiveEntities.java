package dev.podium.actors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.admission.AdmissionChain;
import dev.podium.actors.hints.Notification;
import dev.podium.actors.hints.Notifier;
import dev.podium.actors.kinds.KindBehaviors;
import dev.podium.actors.objects.ControllerFactory;
import dev.podium.actors.objects.ControllerServices;
import dev.podium.actors.objects.Decision;
import dev.podium.actors.objects.KindBehavior;
import dev.podium.actors.objects.ObjectClient;
import dev.podium.actors.objects.ObjectCommand;
import dev.podium.actors.objects.ObjectEntity;
import dev.podium.actors.objects.ObjectReply;
import dev.podium.actors.objects.Write;
import dev.podium.actors.objects.WritePermits;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.persistence.events.ObjectEvent;
import dev.podium.persistence.watch.WatchCache;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.japi.function.Function;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Real object entities (in-memory journal) for actor tests, each with its kind's real behavior,
 * plus what a member adds around them: every journaled write reaches {@link #cache} as the journal
 * tail would bring it (in order; {@link #holdCache} makes the cache lag, {@link #releaseCache}
 * catches it up), and each hint goes to {@link #hints} unless {@link #lose} drops it. Every
 * command sent through it is recorded with its answer.
 */
public final class LiveEntities implements ObjectClient {
    public record Sent(String kind, String id, ObjectCommand command) {}

    public record Answered(Sent sent, ObjectReply reply) {}

    public final WatchCache cache = new WatchCache(10_000);
    public final List<Sent> sent = new CopyOnWriteArrayList<>();
    public final List<Answered> answered = new CopyOnWriteArrayList<>();
    public final AtomicInteger injectedFailures = new AtomicInteger();
    public volatile Notifier hints = Notifier.NONE;
    public volatile Predicate<Notification> lose = n -> false;
    /** A command this accepts makes the ask throw in the caller's thread, once (an injected failure). */
    public volatile Predicate<ObjectCommand> failOnce = c -> false;
    private final ActorTestKit kit;
    private final Clock clock;
    private final ActorRef<ObjectReply> peek;
    private final Map<String, ActorRef<ObjectCommand>> entities = new ConcurrentHashMap<>();
    private final List<Runnable> held = new ArrayList<>();
    private boolean holding;
    private long ordering;

    public LiveEntities(ActorTestKit kit, Clock clock) {
        this.kit = kit;
        this.clock = clock;
        this.peek = kit.<ObjectReply>createTestProbe().ref();
        this.controllers = new ControllerServices(cache, this, AdmissionChain.builtIn(cache), clock, Duration.ofSeconds(10), new WritePermits(512),
                Path.of("target", "volumes").toAbsolutePath(), "test-member");
        cache.markReady();
    }

    @Override
    public CompletionStage<ObjectReply> ask(ResourceKind kind, String id, Function<ActorRef<ObjectReply>, ObjectCommand> command) {
        ObjectCommand shown;
        try {
            shown = command.apply(peek);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        if (failOnce.test(shown)) {
            failOnce = c -> false;
            injectedFailures.incrementAndGet();
            throw new IllegalStateException("injected failure sending " + shown.getClass().getSimpleName());
        }
        Sent s = new Sent(kind.entityTypeName(), id, shown);
        sent.add(s);
        return AskPattern.ask(entity(kind, id), command, Duration.ofSeconds(5), kit.scheduler())
                .whenComplete((reply, failure) -> answered.add(new Answered(s, reply)));
    }

    /** A command that wants no answer (a hint, a wake-up). */
    public void tell(ResourceKind kind, String id, ObjectCommand command) {
        entity(kind, id).tell(command);
    }

    /** The object as its entity holds it now. */
    public Optional<ObjectNode> get(String kind, String id) {
        ObjectReply reply = AskPattern.<ObjectCommand, ObjectReply>ask(entity(KindRegistry.get(kind), id), ObjectCommand.Get::new,
                Duration.ofSeconds(5), kit.scheduler()).toCompletableFuture().join();
        return reply instanceof ObjectReply.Done d ? Optional.of(d.object()) : Optional.empty();
    }

    /** Creates the object and waits for its entity's answer. */
    public ObjectReply create(String kind, ObjectNode object) {
        String ns = object.path("metadata").path("namespace").asText("");
        String name = object.path("metadata").path("name").asText();
        ResourceKind k = KindRegistry.get(kind);
        return ask(k, ObjectEntity.entityId(k, ns, name), r -> new ObjectCommand.Create(object, false, r)).toCompletableFuture().join();
    }

    /** Commands of this type sent for {@code id} that the entity carried out. */
    public long done(String id, Class<? extends ObjectCommand> type) {
        return answered.stream().filter(a -> a.sent().id().equals(id) && type.isInstance(a.sent().command()) && a.reply() instanceof ObjectReply.Done)
                .count();
    }

    public long sentOf(String id, Class<? extends ObjectCommand> type) {
        return sent.stream().filter(s -> s.id().equals(id) && type.isInstance(s.command())).count();
    }

    /** From now on journaled writes wait before they reach the cache, as if the journal tail lagged. */
    public synchronized void holdCache() {
        holding = true;
    }

    public synchronized void releaseCache() {
        holding = false;
        held.forEach(Runnable::run);
        held.clear();
    }

    private ActorRef<ObjectCommand> entity(ResourceKind kind, String id) {
        return entities.computeIfAbsent(ObjectEntity.persistenceId(kind, id), pid -> kit.spawn(ObjectEntity.create(kind, id, clock,
                () -> UUID.randomUUID().toString(), new Tailed(KindBehaviors.of(kind), pid), this::deliver, () -> { }, controllers)));
    }

    /** What the entities' controllers get: this cache and these entities, the built-in admission, and a re-check every 10 s. */
    public final ControllerServices controllers;

    private void deliver(List<Notification> notifications) {
        List<Notification> kept = notifications.stream().filter(n -> !lose.test(n)).toList();
        if (!kept.isEmpty()) hints.send(kept);
    }

    private synchronized void tail(String persistenceId, Write write) {
        ObjectNode copy = write.after().deepCopy();
        ObjectEvent event = write.deleted() ? new ObjectEvent.ObjectDeleted(copy)
                : write.created() ? new ObjectEvent.ObjectCreated(copy) : new ObjectEvent.ObjectUpdated(copy);
        Runnable apply = () -> cache.apply(persistenceId, write.seqNr(), ++ordering, event);
        if (holding) held.add(apply);
        else apply.run();
    }

    /** The kind's real behavior, which also hands every journaled write to the cache first. */
    private final class Tailed implements KindBehavior {
        private final KindBehavior real;
        private final String persistenceId;

        Tailed(KindBehavior real, String persistenceId) {
            this.real = real;
            this.persistenceId = persistenceId;
        }

        @Override
        public List<Notification> notifications(Write write) {
            tail(persistenceId, write);
            return real.notifications(write);
        }

        @Override
        public Optional<Decision> delete(ObjectNode current, long gracePeriodSeconds, Instant now) {
            return real.delete(current, gracePeriodSeconds, now);
        }

        @Override
        public void beginTermination(ObjectNode object) {
            real.beginTermination(object);
        }

        @Override
        public boolean hasKindFinalizers(ObjectNode object) {
            return real.hasKindFinalizers(object);
        }

        @Override
        public void prepareForCreate(ObjectNode object) {
            real.prepareForCreate(object);
        }

        @Override
        public String defaultPropagation() {
            return real.defaultPropagation();
        }

        @Override
        public Optional<ControllerFactory> controller() {
            return real.controller();
        }
    }
}
