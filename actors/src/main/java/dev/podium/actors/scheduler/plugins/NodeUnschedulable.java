package dev.podium.actors.scheduler.plugins;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.scheduler.ClusterSnapshot;
import dev.podium.actors.scheduler.FilterPlugin;
import dev.podium.actors.scheduler.FilterResult;
import dev.podium.actors.scheduler.NodeInfo;

/** A cordoned node (spec.unschedulable) takes only pods tolerating node.kubernetes.io/unschedulable:NoSchedule. */
public final class NodeUnschedulable implements FilterPlugin {
    public static final String NAME = "NodeUnschedulable";
    public static final String REASON = "node(s) were unschedulable";
    private static final Taint UNSCHEDULABLE = new Taint("node.kubernetes.io/unschedulable", "", Taint.NO_SCHEDULE);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FilterResult filter(ObjectNode pod, NodeInfo node, ClusterSnapshot snapshot) {
        if (!node.unschedulable()) return FilterResult.success();
        return Toleration.anyTolerates(Toleration.of(pod), UNSCHEDULABLE) ? FilterResult.success() : FilterResult.unresolvable(REASON);
    }
}
