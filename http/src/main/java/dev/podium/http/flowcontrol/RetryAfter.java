package dev.podium.http.flowcontrol;

import java.time.Clock;

/**
 * The Retry-After a priority level answers with, after kube's dropped-requests tracker: 1 s to
 * start, doubled (up to 32 s) once three times that many requests were dropped since it last
 * changed, and one less once it has held for its own length with fewer drops than that.
 */
final class RetryAfter {
    static final int MAX_SECONDS = 32;
    private final Clock clock;
    /** Drops per second over the last {@link #MAX_SECONDS} seconds, a ring indexed by epoch second. */
    private final long[] drops = new long[MAX_SECONDS];
    private final long[] bucketSecond = new long[MAX_SECONDS];
    private int seconds = 1;
    private long lastChange;
    private long dropsSinceChange;

    RetryAfter(Clock clock) {
        this.clock = clock;
        this.lastChange = clock.millis() / 1000;
    }

    synchronized void dropped() {
        long now = clock.millis() / 1000;
        int i = (int) (now % MAX_SECONDS);
        if (bucketSecond[i] != now) {
            bucketSecond[i] = now;
            drops[i] = 0;
        }
        drops[i]++;
        if (++dropsSinceChange >= 3L * seconds && seconds < MAX_SECONDS) changeTo(Math.min(MAX_SECONDS, seconds * 2), now);
    }

    synchronized int seconds() {
        long now = clock.millis() / 1000;
        if (seconds > 1 && now - lastChange >= seconds && dropsWithin(now, seconds) < seconds) changeTo(seconds - 1, now);
        return seconds;
    }

    private long dropsWithin(long now, int window) {
        long n = 0;
        for (int k = 0; k < MAX_SECONDS; k++) if (now - bucketSecond[k] < window) n += drops[k];
        return n;
    }

    private void changeTo(int value, long now) {
        seconds = value;
        lastChange = now;
        dropsSinceChange = 0;
    }
}
