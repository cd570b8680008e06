package dev.podium.actors.scheduler.plugins;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.scheduler.ClusterSnapshot;
import dev.podium.actors.scheduler.NodeInfo;
import dev.podium.actors.scheduler.PodRequests;
import dev.podium.actors.scheduler.Resources;
import dev.podium.actors.scheduler.ScorePlugin;

import java.util.List;

/**
 * NodeResourcesFit's default LeastAllocated scoring: the weighted mean over cpu and memory of
 * {@code (allocatable - requested) * 100 / allocatable}, counting the pod itself and using the
 * non-zero request defaults, so emptier nodes score higher.
 */
public final class NodeResourcesLeastAllocated implements ScorePlugin {
    public static final String NAME = "NodeResourcesLeastAllocated";
    private static final List<String> RESOURCES = List.of(Resources.CPU, Resources.MEMORY);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long score(ObjectNode pod, NodeInfo node, ClusterSnapshot snapshot) {
        Resources request = snapshot.memo(PodRequests.NON_ZERO_REQUESTS, pod, (p, s) -> PodRequests.nonZero(p));
        ResourceAllocation a = ResourceAllocation.of(RESOURCES, request, node, false);
        long sum = 0, weights = 0;
        for (int i = 0; i < RESOURCES.size(); i++) {
            if (a.allocatable()[i] == 0) continue;
            sum += leastRequested(a.requested()[i], a.allocatable()[i]);
            weights++;
        }
        return weights == 0 ? 0 : sum / weights;
    }

    static long leastRequested(long requested, long capacity) {
        if (capacity == 0 || requested > capacity) return 0;
        return (capacity - requested) * MAX_SCORE / capacity;
    }
}
