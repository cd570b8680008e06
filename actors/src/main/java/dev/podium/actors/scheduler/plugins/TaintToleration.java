package dev.podium.actors.scheduler.plugins;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.scheduler.ClusterSnapshot;
import dev.podium.actors.scheduler.CycleKey;
import dev.podium.actors.scheduler.FilterPlugin;
import dev.podium.actors.scheduler.FilterResult;
import dev.podium.actors.scheduler.NodeInfo;
import dev.podium.actors.scheduler.ScorePlugin;

import java.util.List;

/**
 * Filters out nodes with an untolerated NoSchedule/NoExecute taint; scores by how few
 * PreferNoSchedule taints the pod does not tolerate.
 */
public final class TaintToleration implements FilterPlugin, ScorePlugin {
    public static final String NAME = "TaintToleration";
    private static final CycleKey<List<Toleration>> TOLERATIONS = new CycleKey<>(NAME);
    private static final CycleKey<List<Toleration>> PREFER_NO_SCHEDULE_TOLERATIONS = new CycleKey<>(NAME + "/score");

    @Override
    public String name() {
        return NAME;
    }

    /** kube's text, e.g. {@code node(s) had untolerated taint {node.kubernetes.io/unreachable: }}. */
    public static String reason(Taint taint) {
        return "node(s) had untolerated taint {" + taint.key() + ": " + taint.value() + "}";
    }

    @Override
    public FilterResult filter(ObjectNode pod, NodeInfo node, ClusterSnapshot snapshot) {
        if (node.taints().isEmpty()) return FilterResult.success();
        Taint t = Toleration.firstUntolerated(node.taints(), snapshot.memo(TOLERATIONS, pod, (p, s) -> Toleration.of(p)));
        return t == null ? FilterResult.success() : FilterResult.unresolvable(reason(t));
    }

    /** The count of intolerable PreferNoSchedule taints; only tolerations with no or that effect count. */
    @Override
    public long score(ObjectNode pod, NodeInfo node, ClusterSnapshot snapshot) {
        if (node.taints().isEmpty()) return 0;
        List<Toleration> preferNoSchedule = snapshot.memo(PREFER_NO_SCHEDULE_TOLERATIONS, pod, (p, s) -> Toleration.of(p).stream()
                .filter(t -> t.effect().isEmpty() || t.effect().equals(Taint.PREFER_NO_SCHEDULE)).toList());
        long count = 0;
        for (Taint t : node.taints()) {
            if (t.effect().equals(Taint.PREFER_NO_SCHEDULE) && !Toleration.anyTolerates(preferNoSchedule, t)) count++;
        }
        return count;
    }

    @Override
    public void normalize(ObjectNode pod, List<NodeInfo> nodes, long[] scores, ClusterSnapshot snapshot) {
        ScorePlugin.defaultNormalize(scores, true);
    }
}
