package dev.podium.runtime;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/**
 * What a pod's lifecycle keeps of one container whatever runs it: its spec, reported status, back-off,
 * the current run's number and start, its timer (back-off, kill) and probes. Owned by the pod's serial executor.
 */
public abstract class ContainerRunning {
    public final JsonNode spec;
    public final String name;
    public final ContainerStatus status;
    public final Backoff backoff;
    /** Incremented at every launch; events of an older run are ignored. */
    public int run;
    public Instant startedAt;
    public boolean terminating;
    public ScheduledFuture<?> timer;
    public final List<ProbeWorker> probes = new ArrayList<>();

    protected ContainerRunning(JsonNode spec, boolean init, Backoff backoff, ContainerState initial) {
        this.spec = spec;
        this.name = spec.path("name").asText();
        this.status = new ContainerStatus(name, spec.path("image").asText(""), init, initial);
        this.backoff = backoff;
    }

    /** Whether a run of the container is going on (a process or a runtime's container). */
    public abstract boolean alive();

    public void cancelTimer() {
        if (timer != null) timer.cancel(false);
        timer = null;
    }

    public void stopProbes() {
        probes.forEach(ProbeWorker::stop);
        probes.clear();
    }
}
