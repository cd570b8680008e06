package dev.podium.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * How a node agent runs pods. A runtime owns the whole life of a pod's containers on its node
 * (init containers, restarts per restartPolicy, probes, termination) and reports every change
 * of the pod's status; the agent writes that status to the Pod entity.
 */
public interface ContainerRuntime extends AutoCloseable {
    /** "process", "containerd" or "simulated". */
    String name();

    /** The Node's {@code status.nodeInfo.containerRuntimeVersion}: {@code containerd://1.6.20}, {@code process://}. */
    default String version() {
        return name() + "://";
    }

    /** The images the runtime holds, as Node {@code status.images} lists them ({@code names}, {@code sizeBytes}). */
    default java.util.List<ObjectNode> images() {
        return java.util.List.of();
    }

    /** The control plane gave the node its {@code spec.podCIDR}; a runtime with a pod network sets it up from it. */
    default void podCidrAssigned(String nodeName, String podCidr) {}

    /** How {@link #logFile}s read: plain output with a time index (host processes), or CRI records (containerd). */
    default ContainerLogs logs() {
        return dev.podium.runtime.process.LogFiles.FORMAT;
    }

    /** Starts running the pod; a second call for a pod uid already known is ignored. */
    void startPod(ObjectNode pod, PodContext context, PodStatusListener listener);

    /**
     * Stops the pod: preStop hooks, SIGTERM, then SIGKILL after {@code gracePeriodSeconds}.
     * Completes once every process has ended; the final status has been reported by then.
     */
    CompletionStage<Void> stopPod(String podUid, long gracePeriodSeconds);

    /**
     * Uids of the pods this runtime runs or has run for the node (after an agent restart: those it
     * re-adopted). One runtime may serve several nodes (simulated ones do).
     */
    Set<String> knownPods(String nodeName);

    /** Whether the runtime runs or has run the pod, whatever its node. */
    boolean knows(String podUid);

    /** The log file of a container (its current run, or the previous one), for kubectl logs. */
    Optional<Path> logFile(String podUid, String container, boolean previous);

    /**
     * Runs a command in a running container ({@code kubectl exec}), or follows its main process's
     * output ({@code kubectl attach}, an empty command).
     *
     * @throws IllegalStateException when the container is not running, with the message for the client
     * @throws IllegalArgumentException when the command cannot start (no such executable)
     */
    default ExecSession exec(ExecRequest request) {
        throw new IllegalStateException("the " + name() + " runtime runs no commands in containers");
    }

    /** Drops everything kept for a stopped pod whose API object is gone (its files and logs included). */
    void forget(String podUid);

    @Override
    void close();
}
