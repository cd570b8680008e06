package dev.podium.actors.scheduler;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * kube-scheduler's scheduling cycle for one pod against a snapshot: filter the nodes, score the
 * feasible ones (weighted sum of normalized plugin scores), pick the highest. Ties go to the
 * first feasible node found (by name below 100 nodes), or to a uniformly random one when a Random is given. When nothing fits and
 * preemption is on, it looks for lower-priority victims (kube's DefaultPreemption PostFilter).
 * As kube's default percentageOfNodesToScore, filtering stops once enough feasible nodes are
 * found in large clusters ({@link #numFeasibleNodesToFind}), and the next pod's search starts
 * where this one stopped, so every node gets its turn; that start index is the only state
 * besides the Random.
 */
public final class SchedulingAlgorithm {
    private final Profile profile;
    private final Random random;
    private final Preemption preemption;
    private int nextStartNodeIndex;
    static final int MIN_FEASIBLE_NODES_TO_FIND = 100;
    static final int MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

    /** {@code random} may be null (deterministic ties); {@code preemption} may be null (off). */
    public SchedulingAlgorithm(Profile profile, Random random, Preemption preemption) {
        this.profile = profile;
        this.random = random;
        this.preemption = preemption;
    }

    /** The default profile, deterministic ties, preemption by spec.priority. */
    public static SchedulingAlgorithm defaults() {
        return new SchedulingAlgorithm(Profile.defaults(), null, new Preemption(Profile.defaults(), Pods::priority));
    }

    public Profile profile() {
        return profile;
    }

    public ScheduleResult schedule(ObjectNode pod, ClusterSnapshot snapshot) {
        if (snapshot.numNodes() == 0) {
            return new ScheduleResult.Unschedulable(FitError.NO_NODES_AVAILABLE, Map.of(), Optional.empty());
        }
        List<NodeInfo> nodes = snapshot.nodes();
        List<FilterPlugin> filters = profile.activeFilters(pod, snapshot);
        int wanted = numFeasibleNodesToFind(nodes.size());
        List<NodeInfo> feasible = new ArrayList<>();
        Map<String, FilterResult> failures = new LinkedHashMap<>();
        int start = nextStartNodeIndex % nodes.size();
        int processed = 0;
        while (processed < nodes.size() && feasible.size() < wanted) {
            NodeInfo node = nodes.get((start + processed) % nodes.size());
            processed++;
            FilterResult r = Profile.runFilters(filters, pod, node, snapshot);
            if (r.isSuccess()) feasible.add(node);
            else failures.put(node.name(), r);
        }
        nextStartNodeIndex = (start + processed) % nodes.size();
        if (feasible.isEmpty()) return unschedulable(pod, snapshot, failures);
        if (feasible.size() == 1) return new ScheduleResult.Scheduled(feasible.get(0).name());
        return new ScheduleResult.Scheduled(selectHost(feasible, totalScores(pod, feasible, snapshot)));
    }

    /**
     * kube-scheduler's numFeasibleNodesToFind with the adaptive default percentage: all nodes
     * below 100, otherwise (50 - nodes/125) percent, at least 5 %, and never fewer than 100.
     */
    static int numFeasibleNodesToFind(int numAllNodes) {
        if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
        int percentage = Math.max(MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND, 50 - numAllNodes / 125);
        return Math.max(MIN_FEASIBLE_NODES_TO_FIND, numAllNodes * percentage / 100);
    }

    /**
     * The weighted sum of every score plugin's normalized score per feasible node; plugins that
     * would score every node alike are left out, as they cannot change the winner.
     */
    public long[] totalScores(ObjectNode pod, List<NodeInfo> feasible, ClusterSnapshot snapshot) {
        long[] total = new long[feasible.size()];
        for (Profile.WeightedScore ws : profile.scores()) {
            if (ws.plugin().skipsScore(pod, snapshot)) continue;
            long[] s = ws.plugin().scoreAll(pod, feasible, snapshot);
            for (int i = 0; i < total.length; i++) total[i] += s[i] * ws.weight();
        }
        return total;
    }

    private String selectHost(List<NodeInfo> feasible, long[] scores) {
        int best = 0;
        int ties = 1;
        for (int i = 1; i < scores.length; i++) {
            if (scores[i] > scores[best]) {
                best = i;
                ties = 1;
            } else if (scores[i] == scores[best] && random != null) {
                // Reservoir sampling, as kube's selectHost: each tied node equally likely.
                ties++;
                if (random.nextInt(ties) == 0) best = i;
            }
        }
        return feasible.get(best).name();
    }

    private ScheduleResult unschedulable(ObjectNode pod, ClusterSnapshot snapshot, Map<String, FilterResult> failures) {
        String message = FitError.message(snapshot.numNodes(), failures.values());
        if (preemption == null) return new ScheduleResult.Unschedulable(message, failures, Optional.empty());
        Preemption.Outcome outcome = preemption.preempt(pod, snapshot, failures);
        if (outcome.nomination().isPresent()) return new ScheduleResult.Unschedulable(message, failures, outcome.nomination());
        return new ScheduleResult.Unschedulable(message + " preemption: " + outcome.message(), failures, Optional.empty());
    }
}
