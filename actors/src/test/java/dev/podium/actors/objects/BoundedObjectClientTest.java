package dev.podium.actors.objects;

import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedObjectClientTest {
    static final ResourceKind CM = KindRegistry.get("ConfigMap");

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
        BoundedObjectClient client = new BoundedObjectClient(store, 2, 10);
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
        BoundedObjectClient client = new BoundedObjectClient(store, 1, 1);
        client.ask(CM, "ns/a", r -> null);
        client.ask(CM, "ns/b", r -> null);
        CompletableFuture<ObjectReply> refused = client.ask(CM, "ns/c", r -> null).toCompletableFuture();
        assertThat(refused).isCompletedExceptionally();
        assertThat(refused.handle((r, e) -> e).join()).isInstanceOf(BoundedObjectClient.Overloaded.class);
        assertThat(store.sent).containsExactly("ns/a");
    }
}
