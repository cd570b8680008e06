package dev.podium.actors.scheduler;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Names one piece of per-pod state a plugin computes once per scheduling cycle and reads for
 * every node (kube's CycleState key). Each key owns a slot, so a lookup is an array read.
 */
public final class CycleKey<T> {
    private static final AtomicInteger SLOTS = new AtomicInteger();
    private final String name;
    final int slot = SLOTS.getAndIncrement();

    public CycleKey(String name) {
        this.name = name;
    }

    static int count() {
        return SLOTS.get();
    }

    @Override
    public String toString() {
        return name;
    }
}
