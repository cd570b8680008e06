package dev.podium.actors.objects;

import dev.podium.model.kinds.ResourceKind;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.japi.function.Function;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Backpressure in front of the entities: at most {@code inFlight} asks of one producer (the API,
 * the node agents of a JVM) are out at once, the rest wait in arrival order, and past
 * {@code maxWaiting} waiting asks a new one is refused at once with {@link Overloaded} (the API
 * answers 429) instead of piling onto the journal, whose write buffer is finite. A burst — five
 * thousand node agents registering at start-up — is thereby paced to what the journal takes.
 */
public final class BoundedObjectClient implements ObjectClient {
    /** Refused because too many asks already wait. */
    public static final class Overloaded extends RuntimeException {
        public Overloaded(int waiting) {
            super(waiting + " requests are waiting for the object store");
        }
    }

    private record Waiting(ResourceKind kind, String entityId, Function<ActorRef<ObjectReply>, ObjectCommand> command,
                           CompletableFuture<ObjectReply> result) {}

    private final ObjectClient inner;
    private final int inFlightLimit;
    private final int maxWaiting;
    private final Deque<Waiting> waiting = new ArrayDeque<>();
    private int inFlight;

    public BoundedObjectClient(ObjectClient inner, int inFlight, int maxWaiting) {
        this.inner = inner;
        this.inFlightLimit = inFlight;
        this.maxWaiting = maxWaiting;
    }

    @Override
    public CompletionStage<ObjectReply> ask(ResourceKind kind, String entityId, Function<ActorRef<ObjectReply>, ObjectCommand> command) {
        synchronized (this) {
            if (inFlight < inFlightLimit) {
                inFlight++;
            } else if (waiting.size() >= maxWaiting) {
                return CompletableFuture.failedFuture(new Overloaded(waiting.size()));
            } else {
                Waiting w = new Waiting(kind, entityId, command, new CompletableFuture<>());
                waiting.addLast(w);
                return w.result();
            }
        }
        return send(kind, entityId, command);
    }

    private CompletionStage<ObjectReply> send(ResourceKind kind, String entityId, Function<ActorRef<ObjectReply>, ObjectCommand> command) {
        CompletionStage<ObjectReply> reply;
        try {
            reply = inner.ask(kind, entityId, command);
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        return reply.whenComplete((r, e) -> next());
    }

    /** One ask ended: the oldest waiting one goes out in its place. */
    private void next() {
        Waiting w;
        synchronized (this) {
            w = waiting.pollFirst();
            if (w == null) {
                inFlight--;
                return;
            }
        }
        send(w.kind(), w.entityId(), w.command()).whenComplete((r, e) -> {
            if (e != null) w.result().completeExceptionally(e);
            else w.result().complete(r);
        });
    }

    /** Asks out now and waiting, for readiness reports. */
    public synchronized String load() {
        return inFlight + " in flight, " + waiting.size() + " waiting";
    }

    /** Whether new asks are refused now (every slot out and the waiting line full). */
    public synchronized boolean saturated() {
        return waiting.size() >= maxWaiting;
    }
}
