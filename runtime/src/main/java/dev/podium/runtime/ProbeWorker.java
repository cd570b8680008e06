package dev.podium.runtime;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs one probe of one container run periodically and applies its thresholds (Kubernetes defaults:
 * period 10 s, timeout 1 s, success 1, failure 3). {@code onResult} is called, on the pod's serial
 * executor, each time the probe's result changes (first success or failure threshold reached).
 */
public final class ProbeWorker {
    private final JsonNode probe;
    private final ScheduledExecutorService timer;
    private final Executor pod;
    private final Supplier<CompletableFuture<Boolean>> check;
    private final Consumer<Boolean> onResult;
    private ScheduledFuture<?> task;
    private volatile boolean stopped;
    private boolean inFlight;
    private int successes, failures;
    private Boolean result;

    public ProbeWorker(JsonNode probe, ScheduledExecutorService timer, Executor pod,
                Supplier<CompletableFuture<Boolean>> check, Consumer<Boolean> onResult) {
        this.probe = probe;
        this.timer = timer;
        this.pod = pod;
        this.check = check;
        this.onResult = onResult;
    }

    public static Duration timeout(JsonNode probe) {
        return Duration.ofSeconds(Math.max(1, probe.path("timeoutSeconds").asInt(1)));
    }

    public void start() {
        long period = Math.max(1, probe.path("periodSeconds").asInt(10)) * 1000L;
        long delay = Math.max(0, probe.path("initialDelaySeconds").asInt(0)) * 1000L;
        task = timer.scheduleWithFixedDelay(() -> pod.execute(this::tick), delay, period, TimeUnit.MILLISECONDS);
    }

    public void stop() {
        stopped = true;
        if (task != null) task.cancel(false);
    }

    private void tick() {
        if (stopped || inFlight) return;
        inFlight = true;
        CompletableFuture<Boolean> f;
        try {
            f = check.get();
        } catch (RuntimeException e) {
            f = CompletableFuture.completedFuture(false);
        }
        f.exceptionally(e -> false).thenAccept(ok -> pod.execute(() -> record(Boolean.TRUE.equals(ok))));
    }

    private void record(boolean ok) {
        inFlight = false;
        if (stopped) return;
        if (ok) {
            failures = 0;
            if (++successes >= Math.max(1, probe.path("successThreshold").asInt(1)) && !Boolean.TRUE.equals(result)) {
                result = true;
                onResult.accept(true);
            }
        } else {
            successes = 0;
            if (++failures >= Math.max(1, probe.path("failureThreshold").asInt(3)) && !Boolean.FALSE.equals(result)) {
                result = false;
                onResult.accept(false);
            }
        }
    }
}
