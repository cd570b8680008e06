package dev.podium.runtime;

import java.time.Duration;

/**
 * Tunables of a runtime; tests shorten them.
 *
 * @param backoffBase           first CrashLoopBackOff delay (Kubernetes: 10 s), doubled on each restart
 * @param backoffCap            the longest CrashLoopBackOff delay (5 min)
 * @param backoffResetAfter     a container that ran this long before exiting starts again from {@code backoffBase} (10 min)
 * @param defaultGracePeriod    termination grace period when the pod spec has none (30 s)
 * @param retryInterval         how often a pod blocked on a missing ConfigMap/Secret (volumes, env) is retried
 * @param logIndexInterval      how often log files are sampled to record line timestamps (see LogFiles)
 * @param simulatedStartDelay   simulated runtime only: time from startPod to Running (1 s)
 * @param isolation             process runtime only: run each container in its own PID, UTS, IPC and mount
 *                              namespaces where the host allows it (true); false runs plain host processes
 * @param clusterDns            the cluster DNS address and domain pods with a ClusterFirst dnsPolicy resolve with,
 *                              or null when no cluster DNS is reachable from this host (they get the host's resolver)
 */
public record RuntimeSettings(Duration backoffBase, Duration backoffCap, Duration backoffResetAfter,
                              Duration defaultGracePeriod, Duration retryInterval, Duration logIndexInterval,
                              Duration simulatedStartDelay, boolean isolation, ClusterDns clusterDns) {

    /** The cluster DNS Service's address and the cluster domain. */
    public record ClusterDns(String ip, String domain) {}

    /** The settings of before isolation existed; isolation is on (where available). */
    public RuntimeSettings(Duration backoffBase, Duration backoffCap, Duration backoffResetAfter,
                           Duration defaultGracePeriod, Duration retryInterval, Duration logIndexInterval,
                           Duration simulatedStartDelay) {
        this(backoffBase, backoffCap, backoffResetAfter, defaultGracePeriod, retryInterval, logIndexInterval, simulatedStartDelay, true, null);
    }

    public static RuntimeSettings defaults() {
        return new RuntimeSettings(Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofMinutes(10),
                Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofMillis(200), Duration.ofSeconds(1), true, null);
    }

    public RuntimeSettings withBackoff(Duration base, Duration cap) {
        return new RuntimeSettings(base, cap, backoffResetAfter, defaultGracePeriod, retryInterval, logIndexInterval, simulatedStartDelay, isolation, clusterDns);
    }

    public RuntimeSettings withDefaultGracePeriod(Duration grace) {
        return new RuntimeSettings(backoffBase, backoffCap, backoffResetAfter, grace, retryInterval, logIndexInterval, simulatedStartDelay, isolation, clusterDns);
    }

    public RuntimeSettings withRetryInterval(Duration retry) {
        return new RuntimeSettings(backoffBase, backoffCap, backoffResetAfter, defaultGracePeriod, retry, logIndexInterval, simulatedStartDelay, isolation, clusterDns);
    }

    public RuntimeSettings withSimulatedStartDelay(Duration delay) {
        return new RuntimeSettings(backoffBase, backoffCap, backoffResetAfter, defaultGracePeriod, retryInterval, logIndexInterval, delay, isolation, clusterDns);
    }

    public RuntimeSettings withIsolation(boolean on) {
        return new RuntimeSettings(backoffBase, backoffCap, backoffResetAfter, defaultGracePeriod, retryInterval, logIndexInterval, simulatedStartDelay, on, clusterDns);
    }

    public RuntimeSettings withClusterDns(ClusterDns dns) {
        return new RuntimeSettings(backoffBase, backoffCap, backoffResetAfter, defaultGracePeriod, retryInterval, logIndexInterval, simulatedStartDelay, isolation, dns);
    }
}
