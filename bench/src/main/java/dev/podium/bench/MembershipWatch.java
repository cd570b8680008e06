package dev.podium.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Reads one surviving JVM's {@code /readyz?verbose} after a member was killed at t0 and notes,
 * as offsets from t0 (-1 for never), when it first showed the victim unreachable, the victim
 * downed or gone, the victim removed, and only the survivors left, all Up and reachable.
 * A reading counts when its answer arrives. While a shard region is dead, readyz takes seconds
 * (it asks every region for statistics), so a new request is started every {@link #POLL}
 * without waiting for the ones still out.
 */
final class MembershipWatch {
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration READYZ_TIMEOUT = Duration.ofSeconds(10);
    private final String victimAddress;
    private final int survivors;
    private final long t0Nanos;
    private long unreachable = -1;
    private long down = -1;
    private long removed = -1;
    private long converged = -1;
    private int readings;
    private long slowestReading;

    record Times(long unreachableNanos, long downNanos, long removedNanos, long convergedNanos, int readings, long slowestReadingNanos) {}

    private MembershipWatch(String victimAddress, int survivors, long t0Nanos) {
        this.victimAddress = victimAddress;
        this.survivors = survivors;
        this.t0Nanos = t0Nanos;
    }

    static Times watch(HttpClient http, String api, String victimAddress, int survivors, long t0Nanos, long deadlineNanos)
            throws InterruptedException {
        MembershipWatch w = new MembershipWatch(victimAddress, survivors, t0Nanos);
        HttpRequest req = HttpRequest.newBuilder(URI.create(api + "/readyz?verbose")).timeout(READYZ_TIMEOUT).build();
        while (System.nanoTime() < deadlineNanos && !w.converged()) {
            long sent = System.nanoTime();
            CompletableFuture<HttpResponse<String>> reading = http.sendAsync(req, HttpResponse.BodyHandlers.ofString());
            reading.thenAccept(r -> w.record(sent, r.body()));
            Thread.sleep(POLL.toMillis());
        }
        return w.times();
    }

    private synchronized boolean converged() {
        return converged >= 0;
    }

    private synchronized void record(long sentNanos, String body) {
        long now = System.nanoTime();
        long at = now - t0Nanos;
        readings++;
        slowestReading = Math.max(slowestReading, now - sentNanos);
        ClusterMembers view = ClusterMembers.parse(body);
        Optional<ClusterMembers.Member> victim = view.member(victimAddress);
        if (unreachable < 0 && victim.map(ClusterMembers.Member::unreachable).orElse(false)) unreachable = at;
        if (down < 0 && victim.map(v -> !v.status().equals("Up")).orElse(true)) down = at;
        if (removed < 0 && victim.isEmpty()) removed = at;
        if (converged < 0 && view.converged(survivors)) converged = at;
    }

    private synchronized Times times() {
        return new Times(unreachable, down, removed, converged, readings, slowestReading);
    }
}
