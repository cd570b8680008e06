package dev.podium.actors.scheduler.plugins;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.scheduler.ClusterSnapshot;
import dev.podium.actors.scheduler.CycleKey;
import dev.podium.actors.scheduler.FilterPlugin;
import dev.podium.actors.scheduler.FilterResult;
import dev.podium.actors.scheduler.NodeInfo;
import dev.podium.actors.scheduler.Pods;
import dev.podium.actors.scheduler.ScorePlugin;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Topology spread constraints: DoNotSchedule ones filter (the skew after placing the pod may
 * not exceed maxSkew), ScheduleAnyway ones score (fewer matching pods in the node's domain is
 * better). kube's cluster-level default constraints are not applied.
 */
public final class PodTopologySpread implements FilterPlugin, ScorePlugin {
    public static final String NAME = "PodTopologySpread";
    public static final String REASON = "node(s) didn't match pod topology spread constraints";
    public static final String MISSING_LABEL_REASON = REASON + " (missing required label)";
    static final String HOSTNAME = "kubernetes.io/hostname";
    private static final CycleKey<FilterState> FILTER_STATE = new CycleKey<>(NAME + "/filter");

    /** The DoNotSchedule constraints and matching-pod counts per domain of the eligible nodes. */
    private record FilterState(List<SpreadConstraint> constraints, Map<TopologyPair, Long> counts) {
        long minMatch(SpreadConstraint c) {
            long min = Long.MAX_VALUE;
            int domains = 0;
            for (Map.Entry<TopologyPair, Long> e : counts.entrySet()) {
                if (!e.getKey().key().equals(c.topologyKey())) continue;
                domains++;
                min = Math.min(min, e.getValue());
            }
            if (c.minDomains() != null && domains < c.minDomains()) return 0;
            return min;
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean skipsFilter(ObjectNode pod, ClusterSnapshot snapshot) {
        return snapshot.memo(FILTER_STATE, pod, PodTopologySpread::filterState).constraints().isEmpty();
    }

    @Override
    public boolean skipsScore(ObjectNode pod, ClusterSnapshot snapshot) {
        return SpreadConstraint.of(pod, false).isEmpty();
    }

    @Override
    public FilterResult filter(ObjectNode pod, NodeInfo node, ClusterSnapshot snapshot) {
        FilterState s = snapshot.memo(FILTER_STATE, pod, PodTopologySpread::filterState);
        for (SpreadConstraint c : s.constraints) {
            String value = node.labels().get(c.topologyKey());
            if (value == null) return FilterResult.unresolvable(MISSING_LABEL_REASON);
            long self = c.selector().matchesObject(pod) ? 1 : 0;
            long matching = s.counts.getOrDefault(new TopologyPair(c.topologyKey(), value), 0L);
            long min = s.minMatch(c);
            if (min == Long.MAX_VALUE) continue;
            if (matching + self - min > c.maxSkew()) return FilterResult.unschedulable(REASON);
        }
        return FilterResult.success();
    }

    private static FilterState filterState(ObjectNode pod, ClusterSnapshot snapshot) {
        List<SpreadConstraint> constraints = SpreadConstraint.of(pod, true);
        Map<TopologyPair, Long> counts = new HashMap<>();
        if (constraints.isEmpty()) return new FilterState(constraints, counts);
        String ns = Pods.namespace(pod);
        for (NodeInfo n : snapshot.nodes()) {
            if (!SpreadConstraint.hasAllKeys(n, constraints)) continue;
            for (SpreadConstraint c : constraints) {
                if (!c.includes(pod, n)) continue;
                counts.merge(new TopologyPair(c.topologyKey(), n.labels().get(c.topologyKey())), c.countMatching(n.pods(), ns), Long::sum);
            }
        }
        return new FilterState(constraints, counts);
    }

    /** Raw score without the feasible set's domains; the algorithm calls {@link #scoreAll}. */
    @Override
    public long score(ObjectNode pod, NodeInfo node, ClusterSnapshot snapshot) {
        return scoreAll(pod, List.of(node), snapshot)[0];
    }

    /**
     * kube's PreScore/Score/NormalizeScore: domains come from the feasible nodes, counts from all
     * nodes; each constraint weighs its count by log(domains + 2) and adds maxSkew - 1; the lowest
     * total scores 100. Feasible nodes lacking a topology key score 0.
     */
    @Override
    public long[] scoreAll(ObjectNode pod, List<NodeInfo> feasible, ClusterSnapshot snapshot) {
        long[] scores = new long[feasible.size()];
        List<SpreadConstraint> constraints = SpreadConstraint.of(pod, false);
        if (constraints.isEmpty()) return scores;
        String ns = Pods.namespace(pod);
        Set<String> ignored = new HashSet<>();
        Map<TopologyPair, Long> counts = new HashMap<>();
        int[] domains = new int[constraints.size()];
        for (NodeInfo n : feasible) {
            if (!SpreadConstraint.hasAllKeys(n, constraints)) {
                ignored.add(n.name());
                continue;
            }
            for (int i = 0; i < constraints.size(); i++) {
                SpreadConstraint c = constraints.get(i);
                if (c.topologyKey().equals(HOSTNAME)) continue;
                if (counts.putIfAbsent(new TopologyPair(c.topologyKey(), n.labels().get(c.topologyKey())), 0L) == null) domains[i]++;
            }
        }
        for (NodeInfo n : snapshot.nodes()) {
            if (!SpreadConstraint.hasAllKeys(n, constraints)) continue;
            for (SpreadConstraint c : constraints) {
                if (c.topologyKey().equals(HOSTNAME) || !c.includes(pod, n)) continue;
                TopologyPair pair = new TopologyPair(c.topologyKey(), n.labels().get(c.topologyKey()));
                if (counts.containsKey(pair)) counts.merge(pair, c.countMatching(n.pods(), ns), Long::sum);
            }
        }
        double[] weights = new double[constraints.size()];
        for (int i = 0; i < weights.length; i++) {
            int size = constraints.get(i).topologyKey().equals(HOSTNAME) ? feasible.size() - ignored.size() : domains[i];
            weights[i] = Math.log(size + 2);
        }
        for (int j = 0; j < scores.length; j++) {
            NodeInfo n = feasible.get(j);
            if (ignored.contains(n.name())) continue;
            double score = 0;
            for (int i = 0; i < constraints.size(); i++) {
                SpreadConstraint c = constraints.get(i);
                long cnt = c.topologyKey().equals(HOSTNAME) ? c.countMatching(n.pods(), ns)
                        : counts.get(new TopologyPair(c.topologyKey(), n.labels().get(c.topologyKey())));
                score += cnt * weights[i] + (c.maxSkew() - 1);
            }
            scores[j] = Math.round(score);
        }
        long min = Long.MAX_VALUE, max = 0;
        for (int j = 0; j < scores.length; j++) {
            if (ignored.contains(feasible.get(j).name())) continue;
            min = Math.min(min, scores[j]);
            max = Math.max(max, scores[j]);
        }
        for (int j = 0; j < scores.length; j++) {
            if (ignored.contains(feasible.get(j).name())) scores[j] = 0;
            else scores[j] = max == 0 ? MAX_SCORE : MAX_SCORE * (max + min - scores[j]) / max;
        }
        return scores;
    }
}
