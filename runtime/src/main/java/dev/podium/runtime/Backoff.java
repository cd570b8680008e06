package dev.podium.runtime;

import java.time.Duration;

/** CrashLoopBackOff of one container: base, doubling up to the cap, reset after a long enough run. Not thread-safe. */
public final class Backoff {
    private final Duration base;
    private final Duration cap;
    private final Duration resetAfter;
    private Duration next;

    public Backoff(Duration base, Duration cap, Duration resetAfter) {
        this.base = base;
        this.cap = cap;
        this.resetAfter = resetAfter;
        this.next = base;
    }

    public static Backoff of(RuntimeSettings s) {
        return new Backoff(s.backoffBase(), s.backoffCap(), s.backoffResetAfter());
    }

    /** The delay before the next start of a container that just ended after running {@code ranFor}. */
    public Duration next(Duration ranFor) {
        if (ranFor != null && ranFor.compareTo(resetAfter) >= 0) next = base;
        Duration d = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(cap) > 0 ? cap : doubled;
        return d;
    }

    /** Formats like Go's time.Duration.String() for whole milliseconds: 10s, 1m20s, 5m0s, 250ms. */
    public static String goString(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) return "0s";
        if (ms < 1000) return ms + "ms";
        long h = ms / 3_600_000, m = (ms / 60_000) % 60, rest = ms % 60_000;
        String secs = rest % 1000 == 0 ? Long.toString(rest / 1000)
                : String.format(java.util.Locale.ROOT, "%d.%03d", rest / 1000, rest % 1000).replaceAll("0+$", "");
        StringBuilder sb = new StringBuilder();
        if (h > 0) sb.append(h).append('h');
        if (h > 0 || m > 0) sb.append(m).append('m');
        return sb.append(secs).append('s').toString();
    }
}
