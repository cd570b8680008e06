package dev.podium.actors.objects;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The entities' writes handed to the journal and not yet confirmed, for {@code /readyz}: how many
 * wait, how long the oldest has waited, and how many were never confirmed (the journal failed
 * them: its write buffer full, its circuit breaker open, the database away). A write counts as
 * never confirmed once it has waited {@code lostAfter}, longer than any journal call may take.
 * One per actor system; thread-safe.
 */
public final class JournalWrites implements Extension {
    public static final ExtensionId<JournalWrites> ID = new ExtensionId<>() {
        @Override
        public JournalWrites createExtension(ActorSystem<?> system) {
            return new JournalWrites(System::nanoTime, Duration.ofSeconds(30));
        }
    };

    /** What the journal is doing now. {@code lastLostAgoNanos} is -1 when no write was ever lost. */
    public record Load(int waiting, long oldestWaitNanos, long lost, long lastLostAgoNanos) {}

    /**
     * Far more than the bounded paths ever have out at once: past it, writes the journal failed
     * are swept on the next start, so they do not pile up on a member whose readiness nobody reads.
     */
    private static final int SWEEP_ABOVE = 10_000;
    private final LongSupplier nanoTime;
    private final long lostAfterNanos;
    private final Map<Object, Long> waiting = new ConcurrentHashMap<>();
    private final AtomicLong lost = new AtomicLong();
    private volatile long lastLostAt;

    JournalWrites(LongSupplier nanoTime, Duration lostAfter) {
        this.nanoTime = nanoTime;
        this.lostAfterNanos = lostAfter.toNanos();
    }

    public static JournalWrites get(ActorSystem<?> system) {
        return ID.apply(system);
    }

    /** A write goes to the journal; the token is handed back to {@link #confirmed}. */
    Object started() {
        Object token = new Object();
        waiting.put(token, nanoTime.getAsLong());
        if (waiting.size() > SWEEP_ABOVE) sweep();
        return token;
    }

    void confirmed(Object token) {
        waiting.remove(token);
    }

    public Load load() {
        long now = nanoTime.getAsLong();
        long oldest = sweep();
        return new Load(waiting.size(), oldest, lost.get(), lost.get() == 0 ? -1 : now - lastLostAt);
    }

    /** Counts the writes waiting longer than {@code lostAfter} as lost and forgets them; returns the longest wait of the others. */
    private long sweep() {
        long now = nanoTime.getAsLong();
        long oldest = 0;
        for (Iterator<Map.Entry<Object, Long>> it = waiting.entrySet().iterator(); it.hasNext(); ) {
            long waited = now - it.next().getValue();
            if (waited >= lostAfterNanos) {
                it.remove();
                lost.incrementAndGet();
                lastLostAt = now;
            } else {
                oldest = Math.max(oldest, waited);
            }
        }
        return oldest;
    }
}
