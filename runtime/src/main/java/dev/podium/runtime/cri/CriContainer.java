package dev.podium.runtime.cri;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.runtime.Backoff;
import dev.podium.runtime.ContainerRunning;
import dev.podium.runtime.ContainerState;

/** One container of a pod on the CRI runtime: its lifecycle state and the CRI container of its current run. Owned by the pod's serial executor. */
final class CriContainer extends ContainerRunning {
    /** The CRI container id of the current run, null when none runs. */
    String id;
    /** The CRI container of the run before, kept for {@code kubectl logs --previous} until the next one ends. */
    String previousId;
    /** Image pull failures in a row (ErrImagePull, then ImagePullBackOff). */
    int pullFailures;

    CriContainer(JsonNode spec, boolean init, Backoff backoff, ContainerState initial) {
        super(spec, init, backoff, initial);
    }

    @Override
    public boolean alive() {
        return id != null;
    }
}
