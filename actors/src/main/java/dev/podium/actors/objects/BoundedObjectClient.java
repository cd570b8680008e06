package dev.podium.actors.objects;

import dev.podium.model.kinds.ResourceKind;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.japi.function.Function;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Backpressure in front of the entities: at most {@code inFlight} asks of one producer (the API,
 * the node agents of a JVM, the controllers and the scheduler) are out at once, the rest wait in
 * arrival order, and past {@code maxWaiting} waiting asks a new one is refused at once with
 * {@link Overloaded} (the API answers 429) instead of piling onto the journal, whose write buffer
 * is finite. A burst — five thousand node agents registering at start-up — is thereby paced to
 * what the journal takes.
 *
 * <p>The caller stops waiting after {@code callerTimeout} (a {@link TimeoutException}), but the
 * slot stays taken until the entity answers or the inner client gives up on the ask: a message
 * still queued in front of a busy entity is load all the same, and handing its slot to a retry
 * is how half a million timed-out status patches once piled up in the sharding buffers. An ask
 * whose caller gave up while it was still waiting here is never sent.
 */
public final class BoundedObjectClient implements ObjectClient {
    /** Refused because too many asks already wait. */
    public static final class Overloaded extends RuntimeException {
        public Overloaded(int waiting) {
            super(waiting + " requests are waiting for the object store");
        }
    }

    /** An ask and its caller's side (identity equality: each is its own entry of the waiting line). */
    private static final class Waiting {
        final ResourceKind kind;
        final String entityId;
        final Function<ActorRef<ObjectReply>, ObjectCommand> command;
        final CompletableFuture<ObjectReply> caller = new CompletableFuture<>();

        Waiting(ResourceKind kind, String entityId, Function<ActorRef<ObjectReply>, ObjectCommand> command) {
            this.kind = kind;
            this.entityId = entityId;
            this.command = command;
        }
    }

    private final ObjectClient inner;
    private final int inFlightLimit;
    private final int maxWaiting;
    private final long callerTimeoutMillis;
    /** In arrival order; an entry leaves as soon as its caller stops waiting, so a long line holds no dead asks. */
    private final Set<Waiting> waiting = new LinkedHashSet<>();
    private int inFlight;
    private long abandoned;

    /** @param inner answers or fails each ask in bounded time (its own timeout is how long a slot can be held) */
    public BoundedObjectClient(ObjectClient inner, int inFlight, int maxWaiting, Duration callerTimeout) {
        this.inner = inner;
        this.inFlightLimit = inFlight;
        this.maxWaiting = maxWaiting;
        this.callerTimeoutMillis = callerTimeout.toMillis();
    }

    @Override
    public CompletionStage<ObjectReply> ask(ResourceKind kind, String entityId, Function<ActorRef<ObjectReply>, ObjectCommand> command) {
        Waiting ask = new Waiting(kind, entityId, command);
        synchronized (this) {
            if (inFlight < inFlightLimit) {
                inFlight++;
            } else if (waiting.size() >= maxWaiting) {
                return CompletableFuture.failedFuture(new Overloaded(waiting.size()));
            } else {
                waiting.add(ask);
                ask.caller.whenComplete((r, e) -> {
                    synchronized (this) {
                        if (waiting.remove(ask)) abandoned++;
                    }
                });
                return withTimeout(ask.caller);
            }
        }
        send(ask);
        return withTimeout(ask.caller);
    }

    /** The caller's side: the entity's reply, or a {@link TimeoutException} once it has waited long enough. */
    private CompletionStage<ObjectReply> withTimeout(CompletableFuture<ObjectReply> caller) {
        return caller.orTimeout(callerTimeoutMillis, TimeUnit.MILLISECONDS);
    }

    private void send(Waiting ask) {
        CompletionStage<ObjectReply> reply;
        try {
            reply = inner.ask(ask.kind, ask.entityId, ask.command);
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        reply.whenComplete((r, e) -> {
            if (e != null) ask.caller.completeExceptionally(e);
            else ask.caller.complete(r);
            next();
        });
    }

    /** One ask ended: the oldest waiting one goes out in its place. */
    private void next() {
        Waiting w;
        synchronized (this) {
            Iterator<Waiting> oldest = waiting.iterator();
            if (!oldest.hasNext()) {
                inFlight--;
                return;
            }
            w = oldest.next();
            oldest.remove();
        }
        send(w);
    }

    /** Asks out now and waiting, for readiness reports. */
    public synchronized String load() {
        return inFlight + " in flight, " + waiting.size() + " waiting" + (abandoned == 0 ? "" : ", " + abandoned + " given up before being sent");
    }

    /** Whether new asks are refused now (every slot out and the waiting line full). */
    public synchronized boolean saturated() {
        return waiting.size() >= maxWaiting;
    }
}
