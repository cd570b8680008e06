package dev.podium.persistence.watch;

import java.time.Duration;
import java.util.Collections;
import java.util.Set;

/**
 * Decides, from observed facts only, whether a hole in the journal ordering may still be filled.
 *
 * <p>A hole is orderings {@code from..next-1} missing while {@code next} is already readable.
 * Each of them was handed out before {@code next} was, so any transaction that can still commit
 * one of them was already running when {@code next} was read. The tail therefore records the
 * writers in flight right after such a read ({@link #observed}); once a later check finds all of
 * them ended ({@link #checked}), every ordering below that read's {@code next} is final, and a read
 * made after that check that still lacks one proves it permanent. Where writers cannot be seen
 * (H2) the gap timeout alone decides, and it stays the backstop everywhere.
 */
final class HoleTracker {

    enum Decision {
        /** The hole may still be filled: stop delivering and look again. */
        WAIT,
        /** Every transaction that could fill the hole has ended: it is permanent. */
        SKIP_SETTLED,
        /** The hole outlived the gap timeout: taken as permanent without proof. */
        SKIP_TIMED_OUT
    }

    private record Observation(long bound, Set<String> writers) {}

    private final long timeoutNanos;
    /** Orderings below this are final: missing ones never appear. */
    private long settledBelow = 1;
    /** Writers that may still fill orderings below {@code bound}; null when nothing is pending. */
    private Observation pending;
    private long holeFrom = -1;
    private long holeNext;
    private long holeSince;

    HoleTracker(Duration gapTimeout) {
        this.timeoutNanos = gapTimeout.toNanos();
    }

    /**
     * At start-up: the highest ordering readable then, and the writers in flight right after it was
     * read. Holes up to {@code max} are settled as soon as those writers have ended (at once when
     * there are none).
     */
    void startedAt(long max, Set<String> writersInFlight) {
        pending = null;
        holeNext = max + 1;
        observed(writersInFlight);
    }

    /** What to do about the hole {@code from..next-1} just met by a read, at time {@code nowNanos}. */
    Decision onHole(long from, long next, long nowNanos) {
        if (from != holeFrom) {
            holeFrom = from;
            holeSince = nowNanos;
        }
        holeNext = next;
        if (next <= settledBelow) return Decision.SKIP_SETTLED;
        if (nowNanos - holeSince >= timeoutNanos) return Decision.SKIP_TIMED_OUT;
        return Decision.WAIT;
    }

    /** True when the last hole met is not covered yet by writers recorded after seeing it. */
    boolean wantsObservation() {
        return holeNext > settledBelow && (pending == null || holeNext > pending.bound);
    }

    /**
     * The writers in flight right after the read that met the last hole. A newer observation may
     * replace an older one: a writer of the older one that is still running is in the newer one too.
     */
    void observed(Set<String> writersInFlight) {
        if (writersInFlight.isEmpty()) {
            settledBelow = Math.max(settledBelow, holeNext);
            pending = null;
        } else {
            pending = new Observation(holeNext, Set.copyOf(writersInFlight));
        }
    }

    /** True while recorded writers may still be running, so a check before the next read is useful. */
    boolean awaitsCheck() {
        return pending != null;
    }

    /** The writers in flight now, checked before the next read. */
    void checked(Set<String> writersInFlight) {
        if (pending != null && Collections.disjoint(pending.writers, writersInFlight)) {
            settledBelow = Math.max(settledBelow, pending.bound);
            pending = null;
        }
    }
}
