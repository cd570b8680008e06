package dev.podium.actors;

import dev.podium.actors.objects.ObjectClient;
import dev.podium.actors.objects.ObjectCommand;
import dev.podium.actors.objects.ObjectReply;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.ResourceKind;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.japi.function.Function;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/** An object client that records every command a controller sends and answers each with an empty Done. */
public final class RecordingObjects implements ObjectClient {
    public record Sent(String kind, String id, ObjectCommand command) {}

    public final List<Sent> sent = new CopyOnWriteArrayList<>();
    /** Commands this matches are recorded but their ask fails, as one to a member that died does. */
    public volatile java.util.function.Predicate<Sent> lost = s -> false;
    private final ActorRef<ObjectReply> nobody;

    public RecordingObjects(ActorTestKit kit) {
        this.nobody = kit.<ObjectReply>createTestProbe().ref();
    }

    @Override
    public CompletionStage<ObjectReply> ask(ResourceKind kind, String id, Function<ActorRef<ObjectReply>, ObjectCommand> command) {
        Sent s;
        try {
            s = new Sent(kind.entityTypeName(), id, command.apply(nobody));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        sent.add(s);
        if (lost.test(s)) return CompletableFuture.failedFuture(new java.util.concurrent.TimeoutException("ask timed out"));
        return CompletableFuture.completedFuture(new ObjectReply.Done(Json.object(), 1, ObjectReply.Outcome.UPDATED));
    }

    public long count(String kind, String id, Class<?> type) {
        return sent.stream().filter(s -> s.kind().equals(kind) && s.id().equals(id) && type.isInstance(s.command())).count();
    }
}
