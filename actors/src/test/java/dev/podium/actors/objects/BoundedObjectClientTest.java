package dev.podium.actors.objects;

import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedObjectClientTest {
    static final ResourceKind CM = KindRegistry.get("ConfigMap");
    static final Duration LONG = Duration.ofMinutes(5);

    /** Answers only when told to, and records the order asks reached it. */
    static final class Manual implements ObjectClient {
        final List<String> sent = new ArrayList<>();
        final List<CompletableFuture<ObjectReply>> open = new ArrayList<>();

        @Override
        public synchronized CompletionStage<ObjectReply> ask(ResourceKind kind, String id, org.apache.pekko.japi.function.Function<
                org.apache.pekko.actor.typed.ActorRef<ObjectReply>, ObjectCommand> command) {
            sent.add(id);
            CompletableFuture<ObjectReply> f = new CompletableFuture<>();
            open.add(f);
            return f;
        }

        void answer(int i) {
            open.get(i).complete(null);
        }
    }

    @Test
    void atMostTheLimitIsOutAndTheRestFollowInArrivalOrder() {
        Manual store = new Manual();
        BoundedObjectClient client = new BoundedObjectClient(store, 2, 10, LONG);
        List<CompletionStage<ObjectReply>> replies = new ArrayList<>();
        for (String id : List.of("a", "b", "c", "d")) replies.add(client.ask(CM, "ns/" + id, r -> null));
        assertThat(store.sent).containsExactly("ns/a", "ns/b");
        store.answer(1);
        assertThat(store.sent).containsExactly("ns/a", "ns/b", "ns/c");
        assertThat(replies.get(1).toCompletableFuture()).isDone();
        store.answer(0);
        store.answer(2);
        store.answer(3);
        assertThat(store.sent).containsExactly("ns/a", "ns/b", "ns/c", "ns/d");
        assertThat(replies).allMatch(r -> r.toCompletableFuture().isDone());
        assertThat(client.load()).isEqualTo("0 in flight, 0 waiting");
    }

    @Test
    void pastTheWaitingLimitANewAskIsRefusedAtOnce() {
        Manual store = new Manual();
        BoundedObjectClient client = new BoundedObjectClient(store, 1, 1, LONG);
        client.ask(CM, "ns/a", r -> null);
        client.ask(CM, "ns/b", r -> null);
        CompletableFuture<ObjectReply> refused = client.ask(CM, "ns/c", r -> null).toCompletableFuture();
        assertThat(refused).isCompletedExceptionally();
        assertThat(refused.handle((r, e) -> e).join()).isInstanceOf(BoundedObjectClient.Overloaded.class);
        assertThat(store.sent).containsExactly("ns/a");
    }

    @Test
    void aCallerThatGaveUpKeepsItsSlotTakenUntilTheEntityAnswers() {
        Manual store = new Manual();
        BoundedObjectClient client = new BoundedObjectClient(store, 1, 10, Duration.ofMillis(50));
        CompletableFuture<ObjectReply> first = client.ask(CM, "ns/a", r -> null).toCompletableFuture();
        assertThat(first.handle((r, e) -> e).join()).isInstanceOf(TimeoutException.class);
        CompletableFuture<ObjectReply> second = client.ask(CM, "ns/b", r -> null).toCompletableFuture();
        assertThat(store.sent).as("the first message is still queued at its entity: no second one goes out").containsExactly("ns/a");
        assertThat(client.load()).isEqualTo("1 in flight, 1 waiting");
        store.answer(0);
        assertThat(store.sent).containsExactly("ns/a", "ns/b");
        store.answer(1);
        assertThat(second).isCompleted();
    }

    @Test
    void anAskWhoseCallerGaveUpWhileWaitingIsNeverSent() {
        Manual store = new Manual();
        BoundedObjectClient client = new BoundedObjectClient(store, 1, 10, Duration.ofMillis(50));
        CompletableFuture<ObjectReply> first = client.ask(CM, "ns/a", r -> null).toCompletableFuture();
        CompletableFuture<ObjectReply> stale = client.ask(CM, "ns/b", r -> null).toCompletableFuture();
        assertThat(stale.handle((r, e) -> e).join()).isInstanceOf(TimeoutException.class);
        client.ask(CM, "ns/c", r -> null);
        store.answer(0);
        assertThat(store.sent).containsExactly("ns/a", "ns/c");
        assertThat(client.load()).isEqualTo("1 in flight, 0 waiting, 1 given up before being sent");
        store.answer(1);
        assertThat(first).isCompletedExceptionally();
        assertThat(client.load()).startsWith("0 in flight");
    }
}
