package dev.podium.actors.scheduler.plugins;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.scheduler.ClusterSnapshot;
import dev.podium.actors.scheduler.FilterPlugin;
import dev.podium.actors.scheduler.FilterResult;
import dev.podium.actors.scheduler.NodeInfo;
import dev.podium.actors.scheduler.Pods;

/** A pod that names its node may only go there. */
public final class NodeName implements FilterPlugin {
    public static final String NAME = "NodeName";
    public static final String REASON = "node(s) didn't match the requested node name";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean skipsFilter(ObjectNode pod, ClusterSnapshot snapshot) {
        return Pods.nodeName(pod).isEmpty();
    }

    @Override
    public FilterResult filter(ObjectNode pod, NodeInfo node, ClusterSnapshot snapshot) {
        String wanted = Pods.nodeName(pod);
        return wanted.isEmpty() || wanted.equals(node.name()) ? FilterResult.success() : FilterResult.unresolvable(REASON);
    }
}
