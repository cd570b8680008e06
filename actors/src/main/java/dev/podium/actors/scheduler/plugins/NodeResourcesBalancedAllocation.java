package dev.podium.actors.scheduler.plugins;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.scheduler.ClusterSnapshot;
import dev.podium.actors.scheduler.NodeInfo;
import dev.podium.actors.scheduler.PodRequests;
import dev.podium.actors.scheduler.Resources;
import dev.podium.actors.scheduler.ScorePlugin;

import java.util.List;

/**
 * Favors nodes whose cpu and memory would be used in equal fractions after placing the pod:
 * {@code (1 - std(fractions)) * 100}, with plain (not non-zero) requests as kube does.
 */
public final class NodeResourcesBalancedAllocation implements ScorePlugin {
    public static final String NAME = "NodeResourcesBalancedAllocation";
    private static final List<String> RESOURCES = List.of(Resources.CPU, Resources.MEMORY);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long score(ObjectNode pod, NodeInfo node, ClusterSnapshot snapshot) {
        Resources request = snapshot.memo(PodRequests.REQUESTS, pod, (p, s) -> PodRequests.of(p));
        ResourceAllocation a = ResourceAllocation.of(RESOURCES, request, node, true);
        double[] fractions = new double[RESOURCES.size()];
        int count = 0;
        double total = 0;
        for (int i = 0; i < RESOURCES.size(); i++) {
            if (a.allocatable()[i] == 0) continue;
            double f = Math.min(1.0, (double) a.requested()[i] / a.allocatable()[i]);
            fractions[count++] = f;
            total += f;
        }
        double std = 0;
        if (count == 2) {
            std = Math.abs((fractions[0] - fractions[1]) / 2);
        } else if (count > 2) {
            double mean = total / count;
            double sum = 0;
            for (int i = 0; i < count; i++) sum += (fractions[i] - mean) * (fractions[i] - mean);
            std = Math.sqrt(sum / count);
        }
        return (long) ((1 - std) * MAX_SCORE);
    }
}
