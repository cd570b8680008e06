package dev.podium.actors.objects;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many writes the controllers of one member may have in flight together, so that many
 * controllers scaling at once hand the journal a bounded stream (the journal's buffer is finite).
 * Thread-safe.
 */
public final class WritePermits {
    private final AtomicInteger available;

    public WritePermits(int permits) {
        this.available = new AtomicInteger(permits);
    }

    /** Takes one permit if any is left. */
    public boolean tryAcquire() {
        while (true) {
            int now = available.get();
            if (now <= 0) return false;
            if (available.compareAndSet(now, now - 1)) return true;
        }
    }

    public void release() {
        available.incrementAndGet();
    }

    public int available() {
        return available.get();
    }
}
