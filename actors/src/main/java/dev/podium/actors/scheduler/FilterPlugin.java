package dev.podium.actors.scheduler;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A Filter extension point: may the pod run on this node? */
public interface FilterPlugin {
    String name();

    FilterResult filter(ObjectNode pod, NodeInfo node, ClusterSnapshot snapshot);

    /**
     * True when the pod asks nothing of this plugin, so it would let every node through (kube's
     * PreFilter answering Skip); the algorithm then leaves it out of the per-node loop.
     */
    default boolean skipsFilter(ObjectNode pod, ClusterSnapshot snapshot) {
        return false;
    }
}
