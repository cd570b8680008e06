package dev.podium.actors.scheduler;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A Filter extension point: may the pod run on this node? */
public interface FilterPlugin {
    String name();

    FilterResult filter(ObjectNode pod, NodeInfo node, ClusterSnapshot snapshot);
}
