package dev.podium.actors.objects;

import dev.podium.model.kinds.ResourceKind;
import dev.podium.persistence.db.StoreHealth;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.japi.function.Function;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Asks that fail fast while the database is away: refused at once ({@link StoreUnavailable}, the
 * API's 503) while the probe finds it unreachable, and those already out when it goes away are
 * answered at that moment ({@link OutcomeUnknown}, the API's 504: the write may or may not have been
 * stored) instead of after the journal's own timeouts.
 */
public final class StoreGuardedObjectClient implements ObjectClient {
    /** The database is unreachable: nothing was attempted. */
    public static final class StoreUnavailable extends RuntimeException {
        public StoreUnavailable(String health) {
            super("the database is " + health, null, false, false);
        }
    }

    /** The database went away while the ask was out: whether it took effect is not known. */
    public static final class OutcomeUnknown extends RuntimeException {
        public OutcomeUnknown() {
            super("the database became unreachable while the request was being stored", null, false, false);
        }
    }

    private final ObjectClient inner;
    private final StoreHealth health;
    private final Set<CompletableFuture<ObjectReply>> out = ConcurrentHashMap.newKeySet();

    public StoreGuardedObjectClient(ObjectClient inner, StoreHealth health) {
        this.inner = inner;
        this.health = health;
        health.onUnreachable(this::failOutstanding);
    }

    @Override
    public CompletionStage<ObjectReply> ask(ResourceKind kind, String entityId, Function<ActorRef<ObjectReply>, ObjectCommand> command) {
        if (!health.reachable()) return CompletableFuture.failedFuture(new StoreUnavailable(health.describe()));
        CompletableFuture<ObjectReply> answer = new CompletableFuture<>();
        out.add(answer);
        CompletionStage<ObjectReply> reply;
        try {
            reply = inner.ask(kind, entityId, command);
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        reply.whenComplete((r, e) -> {
            out.remove(answer);
            if (e != null) answer.completeExceptionally(e);
            else answer.complete(r);
        });
        return answer;
    }

    private void failOutstanding() {
        for (CompletableFuture<ObjectReply> f : out) f.completeExceptionally(new OutcomeUnknown());
    }
}
