package dev.podium.bench;

import dev.podium.persistence.watch.CachedObject;
import dev.podium.persistence.watch.WatchCache;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * How late the node leases are while the benchmark runs: every half second, for every Lease in
 * {@code kube-node-lease}, how long past its renewal period its {@code renewTime} is (0 when on
 * time). A busy API that starves heartbeats shows here before nodes turn NotReady.
 */
final class LeaseLag implements AutoCloseable {
    private final WatchCache cache;
    private final long periodMillis;
    private final Histogram lateMillis = new Histogram(3_600_000L, 3);
    /** The same, per 30 s of the run, to tell a start-up burst from a steady lag. */
    private final List<Histogram> windows = new ArrayList<>();
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lease-lag");
        t.setDaemon(true);
        return t;
    });

    private LeaseLag(WatchCache cache, Duration period) {
        this.cache = cache;
        this.periodMillis = period.toMillis();
    }

    static LeaseLag start(WatchCache cache, Duration period) {
        LeaseLag lag = new LeaseLag(cache, period);
        lag.sampler.scheduleWithFixedDelay(lag::sample, 500, 500, TimeUnit.MILLISECONDS);
        return lag;
    }

    private void sample() {
        Instant now = Instant.now();
        int window = (int) ((System.nanoTime() - startNanos) / 30_000_000_000L);
        for (CachedObject lease : cache.list("Lease.coordination.k8s.io", "kube-node-lease", o -> true, 0, null).items()) {
            String renewed = lease.object().path("spec").path("renewTime").asText("");
            if (renewed.isEmpty()) continue;
            long age = Duration.between(OffsetDateTime.parse(renewed).toInstant(), now).toMillis();
            long late = Math.min(lateMillis.getHighestTrackableValue(), Math.max(0, age - periodMillis));
            synchronized (lateMillis) {
                lateMillis.recordValue(late);
                while (windows.size() <= window) windows.add(new Histogram(3_600_000L, 2));
                windows.get(window).recordValue(late);
            }
        }
    }

    String summary() {
        synchronized (lateMillis) {
            StringBuilder perWindow = new StringBuilder();
            for (Histogram w : windows) perWindow.append(perWindow.length() == 0 ? "" : ", ").append(w.getValueAtPercentile(99));
            return String.format("lease renewals late by p50 %d ms, p99 %d ms, max %d ms (%d samples of every node lease, period %d ms); p99 per 30 s: %s ms",
                    lateMillis.getValueAtPercentile(50), lateMillis.getValueAtPercentile(99), lateMillis.getMaxValue(), lateMillis.getTotalCount(), periodMillis,
                    perWindow);
        }
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
