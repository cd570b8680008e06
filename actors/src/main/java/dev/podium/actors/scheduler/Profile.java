package dev.podium.actors.scheduler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.scheduler.plugins.InterPodAffinity;
import dev.podium.actors.scheduler.plugins.NodeAffinity;
import dev.podium.actors.scheduler.plugins.NodeName;
import dev.podium.actors.scheduler.plugins.NodePorts;
import dev.podium.actors.scheduler.plugins.NodeResourcesBalancedAllocation;
import dev.podium.actors.scheduler.plugins.NodeResourcesFit;
import dev.podium.actors.scheduler.plugins.NodeResourcesLeastAllocated;
import dev.podium.actors.scheduler.plugins.NodeUnschedulable;
import dev.podium.actors.scheduler.plugins.PodTopologySpread;
import dev.podium.actors.scheduler.plugins.TaintToleration;

import java.util.ArrayList;
import java.util.List;

/** The plugins a scheduler runs: filters in order (a node stops at its first failure) and weighted scores. */
public record Profile(List<FilterPlugin> filters, List<WeightedScore> scores) {

    public record WeightedScore(ScorePlugin plugin, long weight) {}

    public Profile {
        filters = List.copyOf(filters);
        scores = List.copyOf(scores);
    }

    /** kube-scheduler's default profile, in its filter order and with its default score weights. */
    public static Profile defaults() {
        NodeAffinity nodeAffinity = new NodeAffinity();
        TaintToleration taints = new TaintToleration();
        PodTopologySpread spread = new PodTopologySpread();
        InterPodAffinity podAffinity = new InterPodAffinity();
        return new Profile(
                List.of(new NodeUnschedulable(), new NodeName(), taints, nodeAffinity, new NodePorts(),
                        new NodeResourcesFit(), spread, podAffinity),
                List.of(new WeightedScore(taints, 3), new WeightedScore(nodeAffinity, 2),
                        new WeightedScore(new NodeResourcesLeastAllocated(), 1), new WeightedScore(spread, 2),
                        new WeightedScore(podAffinity, 2), new WeightedScore(new NodeResourcesBalancedAllocation(), 1)));
    }

    /** Runs the filters in order and returns the first failure, or success. */
    public FilterResult runFilters(ObjectNode pod, NodeInfo node, ClusterSnapshot snapshot) {
        return runFilters(filters, pod, node, snapshot);
    }

    /** The filters that have something to check for this pod, in order. */
    public List<FilterPlugin> activeFilters(ObjectNode pod, ClusterSnapshot snapshot) {
        List<FilterPlugin> active = new ArrayList<>(filters.size());
        for (FilterPlugin f : filters) if (!f.skipsFilter(pod, snapshot)) active.add(f);
        return active;
    }

    /** Runs {@code filters} in order and returns the first failure, or success. */
    public static FilterResult runFilters(List<FilterPlugin> filters, ObjectNode pod, NodeInfo node, ClusterSnapshot snapshot) {
        for (FilterPlugin f : filters) {
            FilterResult r = f.filter(pod, node, snapshot);
            if (!r.isSuccess()) return r;
        }
        return FilterResult.success();
    }
}
