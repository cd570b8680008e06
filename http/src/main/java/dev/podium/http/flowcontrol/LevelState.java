package dev.podium.http.flowcontrol;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * One priority level's seats in use and its queues. Not thread-safe: {@link FlowController} holds
 * its lock around every call. Queues are shuffle-sharded: a flow may use {@code handSize} of them
 * (always the same ones) and joins the shortest, so one busy flow fills only its own hand; seats
 * that free up go to the queues in turn.
 */
final class LevelState {
    /** A request waiting in a queue; {@code admitted} completes when it gets a seat. */
    static final class Waiter {
        final Classified classified;
        final String flow;
        final CompletableFuture<Void> admitted = new CompletableFuture<>();
        ArrayDeque<Waiter> queue;

        Waiter(Classified classified) {
            this.classified = classified;
            this.flow = classified.flow();
        }
    }

    LevelSpec spec;
    LevelLimits limits;
    final RetryAfter retryAfter;
    int inUse;
    int waiting;
    private ArrayDeque<Waiter>[] queues;
    private int nextQueue;

    LevelState(LevelSpec spec, LevelLimits limits, Clock clock) {
        this.retryAfter = new RetryAfter(clock);
        reconfigure(spec, limits);
    }

    /** A changed PriorityLevelConfiguration: new limits; with a new queue count, the waiting requests are dealt again. */
    void reconfigure(LevelSpec spec, LevelLimits limits) {
        boolean sameQueues = queues != null && this.spec.queues() == spec.queues() && this.spec.handSize() == spec.handSize();
        this.spec = spec;
        this.limits = limits;
        if (sameQueues) return;
        List<Waiter> old = new ArrayList<>();
        if (queues != null) for (ArrayDeque<Waiter> q : queues) old.addAll(q);
        queues = newQueues(spec.reject() || spec.exempt() ? 0 : spec.queues());
        waiting = 0;
        nextQueue = 0;
        for (Waiter w : old) {
            if (queues.length == 0) {
                w.queue = null;
                // the level no longer queues: what waited is refused as a full queue would refuse it
                w.admitted.completeExceptionally(new TooManyRequests(retryAfter.seconds(), w.classified));
            } else {
                enqueue(w);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static ArrayDeque<Waiter>[] newQueues(int n) {
        ArrayDeque<Waiter>[] q = new ArrayDeque[n];
        for (int i = 0; i < n; i++) q[i] = new ArrayDeque<>();
        return q;
    }

    /** Queues the request in the shortest queue of its flow's hand; false when that queue is full. */
    boolean enqueue(Waiter w) {
        if (queues.length == 0) return false;
        ArrayDeque<Waiter> shortest = null;
        for (int i : hand(w.flow)) if (shortest == null || queues[i].size() < shortest.size()) shortest = queues[i];
        if (shortest.size() >= spec.queueLengthLimit()) return false;
        shortest.addLast(w);
        w.queue = shortest;
        waiting++;
        return true;
    }

    /** The flow's queues: {@code handSize} distinct ones drawn by a generator seeded with the flow. */
    int[] hand(String flow) {
        int size = Math.min(spec.handSize(), queues.length);
        SplittableRandom draw = new SplittableRandom(flow.hashCode() * 0x9E3779B97F4A7C15L);
        int[] picked = new int[size];
        int n = 0;
        while (n < size) {
            int q = draw.nextInt(queues.length);
            boolean seen = false;
            for (int k = 0; k < n; k++) seen |= picked[k] == q;
            if (!seen) picked[n++] = q;
        }
        return picked;
    }

    /** Takes the request out of its queue (its wait ran out); false if it already left it. */
    boolean remove(Waiter w) {
        if (w.queue == null || !w.queue.remove(w)) return false;
        w.queue = null;
        waiting--;
        return true;
    }

    /** The next waiting request, the queues taking turns; null when none waits. */
    Waiter next() {
        for (int k = 0; k < queues.length; k++) {
            ArrayDeque<Waiter> q = queues[(nextQueue + k) % queues.length];
            Waiter w = q.pollFirst();
            if (w != null) {
                nextQueue = (nextQueue + k + 1) % queues.length;
                w.queue = null;
                waiting--;
                return w;
            }
        }
        return null;
    }
}
