package dev.podium.actors.scheduler.plugins;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.scheduler.ClusterSnapshot;
import dev.podium.actors.scheduler.CycleKey;
import dev.podium.actors.scheduler.FilterPlugin;
import dev.podium.actors.scheduler.FilterResult;
import dev.podium.actors.scheduler.NodeInfo;
import dev.podium.actors.scheduler.Pods;
import dev.podium.actors.scheduler.ScorePlugin;
import dev.podium.model.validation.Nodes;

import java.util.List;

/**
 * Filters on spec.nodeSelector and required node affinity; scores the summed weights of the
 * preferred terms the node matches, scaled so the best node gets 100.
 */
public final class NodeAffinity implements FilterPlugin, ScorePlugin {
    public static final String NAME = "NodeAffinity";
    public static final String REASON = "node(s) didn't match Pod's node affinity/selector";
    private static final CycleKey<NodeSelectors.RequiredNodeAffinity> REQUIRED = new CycleKey<>(NAME + "/required");
    private static final CycleKey<List<ObjectNode>> PREFERRED = new CycleKey<>(NAME + "/preferred");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean skipsFilter(ObjectNode pod, ClusterSnapshot snapshot) {
        return snapshot.memo(REQUIRED, pod, (p, s) -> NodeSelectors.RequiredNodeAffinity.of(p)).isEmpty();
    }

    @Override
    public boolean skipsScore(ObjectNode pod, ClusterSnapshot snapshot) {
        return preferred(pod, snapshot).isEmpty();
    }

    @Override
    public FilterResult filter(ObjectNode pod, NodeInfo node, ClusterSnapshot snapshot) {
        NodeSelectors.RequiredNodeAffinity required = snapshot.memo(REQUIRED, pod, (p, s) -> NodeSelectors.RequiredNodeAffinity.of(p));
        return required.isEmpty() || required.matches(node) ? FilterResult.success() : FilterResult.unresolvable(REASON);
    }

    @Override
    public long score(ObjectNode pod, NodeInfo node, ClusterSnapshot snapshot) {
        long sum = 0;
        for (ObjectNode p : preferred(pod, snapshot)) {
            Long weight = Nodes.integer(p, "weight");
            if (weight == null || weight == 0) continue;
            if (NodeSelectors.matchesTerm(Nodes.obj(p, "preference"), node)) sum += weight;
        }
        return sum;
    }

    private static List<ObjectNode> preferred(ObjectNode pod, ClusterSnapshot snapshot) {
        return snapshot.memo(PREFERRED, pod,
                (p, s) -> Nodes.objects(Pods.at(p, "spec", "affinity", "nodeAffinity"), "preferredDuringSchedulingIgnoredDuringExecution"));
    }

    @Override
    public void normalize(ObjectNode pod, List<NodeInfo> nodes, long[] scores, ClusterSnapshot snapshot) {
        ScorePlugin.defaultNormalize(scores, false);
    }
}
