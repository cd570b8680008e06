package dev.podium.actors.scheduler.plugins;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.scheduler.ClusterSnapshot;
import dev.podium.actors.scheduler.NodeInfo;
import dev.podium.actors.scheduler.PodRequests;
import dev.podium.actors.scheduler.Resources;
import dev.podium.actors.scheduler.ScorePlugin;

import java.util.ArrayList;
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
        Resources request = snapshot.memo(NAME, pod, () -> PodRequests.of(pod));
        ResourceAllocation a = ResourceAllocation.of(RESOURCES, request, node, true);
        List<Double> fractions = new ArrayList<>();
        double total = 0;
        for (int i = 0; i < RESOURCES.size(); i++) {
            if (a.allocatable()[i] == 0) continue;
            double f = Math.min(1.0, (double) a.requested()[i] / a.allocatable()[i]);
            fractions.add(f);
            total += f;
        }
        double std = 0;
        if (fractions.size() == 2) {
            std = Math.abs((fractions.get(0) - fractions.get(1)) / 2);
        } else if (fractions.size() > 2) {
            double mean = total / fractions.size();
            double sum = 0;
            for (double f : fractions) sum += (f - mean) * (f - mean);
            std = Math.sqrt(sum / fractions.size());
        }
        return (long) ((1 - std) * MAX_SCORE);
    }
}
