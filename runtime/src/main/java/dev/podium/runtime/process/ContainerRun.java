package dev.podium.runtime.process;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.runtime.Backoff;
import dev.podium.runtime.ContainerRunning;
import dev.podium.runtime.ContainerState;

import java.nio.file.Path;

/** One container of a pod on the process runtime: its lifecycle state and its current process. Owned by the pod's serial executor. */
final class ContainerRun extends ContainerRunning {
    ProcessHandle process;
    /** The Process when this JVM started it (its exit code is known); null for a re-adopted one. */
    Process child;
    Probes.Target target;
    /** The cgroup enforcing the memory limit of the current run, if any. */
    Path cgroup;
    /** The current run is in its own namespaces (its process is the unshare leading them). */
    boolean isolated;
    Path log;
    int signalSent;

    ContainerRun(JsonNode spec, boolean init, Backoff backoff, ContainerState initial) {
        super(spec, init, backoff, initial);
    }

    @Override
    public boolean alive() {
        return process != null;
    }
}
