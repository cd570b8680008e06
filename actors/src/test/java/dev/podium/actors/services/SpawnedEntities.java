package dev.podium.actors.services;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.objects.ObjectClient;
import dev.podium.actors.objects.ObjectCommand;
import dev.podium.actors.kinds.KindBehaviors;
import dev.podium.actors.objects.ObjectEntity;
import dev.podium.actors.objects.ObjectReply;
import dev.podium.model.kinds.ResourceKind;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.japi.function.Function;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Real object entities, one actor per object on the persistence testkit's in-memory journal:
 * an object client without sharding. A test can slip another write in just before a chosen
 * command, as a client on another API server would.
 */
final class SpawnedEntities implements ObjectClient {
    private final ActorTestKit kit;
    private final ActorRef<ObjectReply> peek;
    private final Map<String, ActorRef<ObjectCommand>> entities = new ConcurrentHashMap<>();
    private volatile Predicate<ObjectCommand> slipBefore = c -> false;
    private volatile Supplier<CompletionStage<?>> slipped;

    SpawnedEntities(ActorTestKit kit) {
        this.kit = kit;
        this.peek = kit.<ObjectReply>createTestProbe().ref();
    }

    @Override
    public CompletionStage<ObjectReply> ask(ResourceKind kind, String id, Function<ActorRef<ObjectReply>, ObjectCommand> command) {
        ActorRef<ObjectCommand> entity = entities.computeIfAbsent(ObjectEntity.persistenceId(kind, id),
                pid -> kit.spawn(ObjectEntity.create(kind, id, Clock.systemUTC(), () -> UUID.randomUUID().toString(), KindBehaviors.of(kind))));
        CompletionStage<?> before = CompletableFuture.completedFuture(null);
        try {
            if (slipBefore.test(command.apply(peek))) {
                slipBefore = c -> false;
                before = slipped.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return before.thenCompose(v -> AskPattern.ask(entity, command, Duration.ofSeconds(5), kit.scheduler()));
    }

    /** Runs {@code write} (once) right before the first command {@code which} accepts is delivered. */
    void slipIn(Predicate<ObjectCommand> which, Supplier<CompletionStage<?>> write) {
        this.slipped = write;
        this.slipBefore = which;
    }

    Optional<ObjectNode> get(ResourceKind kind, String id) {
        ObjectReply reply = ask(kind, id, ObjectCommand.Get::new).toCompletableFuture().join();
        return reply instanceof ObjectReply.Done d ? Optional.of(d.object()) : Optional.empty();
    }

    void stopAll() {
        entities.values().forEach(kit::stop);
        entities.clear();
    }
}
