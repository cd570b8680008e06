package dev.podium.runtime.cri;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.runtime.Backoff;
import dev.podium.runtime.ContainerState;
import dev.podium.runtime.ContainerStatus;
import dev.podium.runtime.process.ProbeWorker;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/** One container of a pod on the CRI runtime: spec, reported status and the CRI container of its current run. Owned by the pod's serial executor. */
final class CriContainer {
    final JsonNode spec;
    final String name;
    final ContainerStatus status;
    final Backoff backoff;
    /** Incremented at every launch; events of an older run are ignored. */
    int run;
    /** The CRI container id of the current run, null when none runs. */
    String id;
    /** The CRI container of the run before, kept for {@code kubectl logs --previous} until the next one ends. */
    String previousId;
    Instant startedAt;
    boolean terminating;
    ScheduledFuture<?> timer;
    /** Image pull failures in a row (ErrImagePull, then ImagePullBackOff). */
    int pullFailures;
    final List<ProbeWorker> probes = new ArrayList<>();

    CriContainer(JsonNode spec, boolean init, Backoff backoff, ContainerState initial) {
        this.spec = spec;
        this.name = spec.path("name").asText();
        this.status = new ContainerStatus(name, spec.path("image").asText(""), init, initial);
        this.backoff = backoff;
    }

    boolean alive() {
        return id != null;
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
