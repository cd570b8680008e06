package dev.podium.runtime.process;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.runtime.Backoff;
import dev.podium.runtime.ContainerState;
import dev.podium.runtime.ContainerStatus;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/** One container of a pod: its spec, reported status and current process. Owned by the pod's serial executor. */
final class ContainerRun {
    final JsonNode spec;
    final String name;
    final ContainerStatus status;
    final Backoff backoff;
    /** Incremented at every launch; events of an older run are ignored. */
    int run;
    ProcessHandle process;
    /** The Process when this JVM started it (its exit code is known); null for a re-adopted one. */
    Process child;
    Instant startedAt;
    Probes.Target target;
    /** The cgroup enforcing the memory limit of the current run, if any. */
    Path cgroup;
    /** The current run is in its own namespaces (its process is the unshare leading them). */
    boolean isolated;
    Path log;
    boolean terminating;
    int signalSent;
    ScheduledFuture<?> timer;
    final List<ProbeWorker> probes = new ArrayList<>();

    ContainerRun(JsonNode spec, boolean init, Backoff backoff, ContainerState initial) {
        this.spec = spec;
        this.name = spec.path("name").asText();
        this.status = new ContainerStatus(name, spec.path("image").asText(""), init, initial);
        this.backoff = backoff;
    }

    boolean alive() {
        return process != null;
    }

    void cancelTimer() {
        if (timer != null) timer.cancel(false);
        timer = null;
    }

    void stopProbes() {
        probes.forEach(ProbeWorker::stop);
        probes.clear();
    }
}
