package dev.podium.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Optional;

/**
 * What a runtime may need from the cluster while starting a pod: the node it runs on and the
 * ConfigMaps and Secrets that env, envFrom and volumes refer to (read from the watch cache).
 */
public interface PodContext {
    /** What a runtime knows of a pod it re-adopts before the agent claims it: its node, nothing of the cluster. */
    static PodContext unclaimed(String nodeName) {
        return new PodContext() {
            public String nodeName() { return nodeName; }
            public String hostIP() { return null; }
            public Optional<ObjectNode> lookup(String kind, String namespace, String name) { return Optional.empty(); }
        };
    }

    String nodeName();

    String hostIP();

    /** {@code kind} is an entity type name ("ConfigMap", "Secret", "PersistentVolumeClaim", …); {@code namespace} is "" for cluster-scoped kinds. */
    Optional<ObjectNode> lookup(String kind, String namespace, String name);

    /**
     * A token of the pod's service account for a projected {@code serviceAccountToken} source
     * (audience, expirationSeconds), bound to the pod; empty when none can be issued (no such
     * service account, or a node without the cluster's signing key).
     */
    /** The Services' environment variables for the pod's containers (kube's service links); their own env comes over them. */
    default java.util.Map<String, String> serviceEnvironment(ObjectNode pod) {
        return java.util.Map.of();
    }

    default Optional<String> serviceAccountToken(ObjectNode pod, com.fasterxml.jackson.databind.JsonNode source) {
        return Optional.empty();
    }
}
