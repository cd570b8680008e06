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
import java.util.List;
import java.util.Map;

/**
 * Required pod affinity and anti-affinity of the incoming pod, and the existing pods' required
 * anti-affinity against it, counted per topology domain (kube's interpodaffinity plugin);
 * preferred terms, both the pod's and the existing pods', are scored by weight.
 */
public final class InterPodAffinity implements FilterPlugin, ScorePlugin {
    public static final String NAME = "InterPodAffinity";
    public static final String AFFINITY_REASON = "node(s) didn't match pod affinity rules";
    public static final String ANTI_AFFINITY_REASON = "node(s) didn't match pod anti-affinity rules";
    public static final String EXISTING_ANTI_AFFINITY_REASON = "node(s) didn't satisfy existing pods anti-affinity rules";
    /** kube's hardPodAffinityWeight default: existing pods' required affinity counts this much when scoring. */
    public static final long HARD_POD_AFFINITY_WEIGHT = 1;
    private static final CycleKey<FilterState> FILTER_STATE = new CycleKey<>(NAME + "/filter");
    private static final CycleKey<Map<TopologyPair, Long>> TOPOLOGY_SCORE = new CycleKey<>(NAME + "/score");

    private record FilterState(List<AffinityTerm> affinity, List<AffinityTerm> antiAffinity,
                               Map<TopologyPair, Long> affinityCounts, Map<TopologyPair, Long> antiAffinityCounts,
                               Map<TopologyPair, Long> existingAntiAffinityCounts) {
        /** Nothing to check: kube's PreFilter answers Skip. */
        boolean isEmpty() {
            return affinity.isEmpty() && antiAffinity.isEmpty() && existingAntiAffinityCounts.isEmpty();
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean skipsFilter(ObjectNode pod, ClusterSnapshot snapshot) {
        return snapshot.memo(FILTER_STATE, pod, InterPodAffinity::filterState).isEmpty();
    }

    @Override
    public boolean skipsScore(ObjectNode pod, ClusterSnapshot snapshot) {
        return snapshot.memo(TOPOLOGY_SCORE, pod, InterPodAffinity::topologyScore).isEmpty();
    }

    @Override
    public FilterResult filter(ObjectNode pod, NodeInfo node, ClusterSnapshot snapshot) {
        FilterState s = snapshot.memo(FILTER_STATE, pod, InterPodAffinity::filterState);
        if (s.isEmpty()) return FilterResult.success();
        if (!satisfiesAffinity(pod, s, node, snapshot)) return FilterResult.unresolvable(AFFINITY_REASON);
        for (AffinityTerm t : s.antiAffinity) {
            String v = node.labels().get(t.topologyKey());
            if (v != null && s.antiAffinityCounts.getOrDefault(new TopologyPair(t.topologyKey(), v), 0L) > 0) {
                return FilterResult.unschedulable(ANTI_AFFINITY_REASON);
            }
        }
        for (Map.Entry<String, String> label : node.labels().entrySet()) {
            if (s.existingAntiAffinityCounts.getOrDefault(new TopologyPair(label.getKey(), label.getValue()), 0L) > 0) {
                return FilterResult.unschedulable(EXISTING_ANTI_AFFINITY_REASON);
            }
        }
        return FilterResult.success();
    }

    private static boolean satisfiesAffinity(ObjectNode pod, FilterState s, NodeInfo node, ClusterSnapshot snapshot) {
        boolean podsExist = true;
        for (AffinityTerm t : s.affinity) {
            String v = node.labels().get(t.topologyKey());
            if (v == null) return false;
            if (s.affinityCounts.getOrDefault(new TopologyPair(t.topologyKey(), v), 0L) <= 0) podsExist = false;
        }
        if (podsExist) return true;
        // The first pod of a group with affinity to itself: nothing matches anywhere yet, so let it
        // in when it matches its own terms, or it would stay pending forever.
        return s.affinityCounts.isEmpty() && matchesAll(s.affinity, pod, snapshot.namespaceLabels(Pods.namespace(pod)));
    }

    private static boolean matchesAll(List<AffinityTerm> terms, ObjectNode pod, Map<String, String> nsLabels) {
        for (AffinityTerm t : terms) if (!t.matches(pod, nsLabels)) return false;
        return true;
    }

    private static FilterState filterState(ObjectNode pod, ClusterSnapshot snapshot) {
        List<AffinityTerm> affinity = AffinityTerm.requiredAffinity(pod);
        List<AffinityTerm> anti = AffinityTerm.requiredAntiAffinity(pod);
        Map<TopologyPair, Long> affinityCounts = new HashMap<>();
        Map<TopologyPair, Long> antiCounts = new HashMap<>();
        Map<TopologyPair, Long> existingCounts = new HashMap<>();
        Map<String, String> podNsLabels = snapshot.namespaceLabels(Pods.namespace(pod));
        // without terms of its own, only existing pods' anti-affinity can keep the pod out
        List<ClusterSnapshot.AssignedPod> candidates = affinity.isEmpty() && anti.isEmpty() ? snapshot.podsWithPodAffinity() : snapshot.pods();
        for (ClusterSnapshot.AssignedPod ap : candidates) {
            Map<String, String> nodeLabels = ap.node().labels();
            Map<String, String> nsLabels = snapshot.namespaceLabels(Pods.namespace(ap.pod()));
            if (!affinity.isEmpty() && matchesAll(affinity, ap.pod(), nsLabels)) {
                for (AffinityTerm t : affinity) count(affinityCounts, t.topologyKey(), nodeLabels, 1);
            }
            for (AffinityTerm t : anti) {
                if (t.matches(ap.pod(), nsLabels)) count(antiCounts, t.topologyKey(), nodeLabels, 1);
            }
            for (AffinityTerm t : AffinityTerm.requiredAntiAffinity(ap.pod())) {
                if (t.matches(pod, podNsLabels)) count(existingCounts, t.topologyKey(), nodeLabels, 1);
            }
        }
        return new FilterState(affinity, anti, affinityCounts, antiCounts, existingCounts);
    }

    private static void count(Map<TopologyPair, Long> counts, String key, Map<String, String> nodeLabels, long by) {
        String v = nodeLabels.get(key);
        if (v != null) counts.merge(new TopologyPair(key, v), by, Long::sum);
    }

    @Override
    public long score(ObjectNode pod, NodeInfo node, ClusterSnapshot snapshot) {
        Map<TopologyPair, Long> topologyScore = snapshot.memo(TOPOLOGY_SCORE, pod, InterPodAffinity::topologyScore);
        if (topologyScore.isEmpty()) return 0;
        long score = 0;
        for (Map.Entry<String, String> label : node.labels().entrySet()) {
            score += topologyScore.getOrDefault(new TopologyPair(label.getKey(), label.getValue()), 0L);
        }
        return score;
    }

    private static Map<TopologyPair, Long> topologyScore(ObjectNode pod, ClusterSnapshot snapshot) {
        List<AffinityTerm> preferred = AffinityTerm.preferredAffinity(pod);
        List<AffinityTerm> preferredAnti = AffinityTerm.preferredAntiAffinity(pod);
        Map<String, String> podNsLabels = snapshot.namespaceLabels(Pods.namespace(pod));
        Map<TopologyPair, Long> scores = new HashMap<>();
        // without preferences of its own, only existing pods' terms can score
        List<ClusterSnapshot.AssignedPod> candidates = preferred.isEmpty() && preferredAnti.isEmpty() ? snapshot.podsWithPodAffinity() : snapshot.pods();
        for (ClusterSnapshot.AssignedPod ap : candidates) {
            Map<String, String> nodeLabels = ap.node().labels();
            if (nodeLabels.isEmpty()) continue;
            ObjectNode existing = ap.pod();
            Map<String, String> nsLabels = snapshot.namespaceLabels(Pods.namespace(existing));
            for (AffinityTerm t : preferred) if (t.matches(existing, nsLabels)) count(scores, t.topologyKey(), nodeLabels, t.weight());
            for (AffinityTerm t : preferredAnti) if (t.matches(existing, nsLabels)) count(scores, t.topologyKey(), nodeLabels, -t.weight());
            for (AffinityTerm t : AffinityTerm.requiredAffinity(existing)) {
                if (t.matches(pod, podNsLabels)) count(scores, t.topologyKey(), nodeLabels, HARD_POD_AFFINITY_WEIGHT);
            }
            for (AffinityTerm t : AffinityTerm.preferredAffinity(existing)) {
                if (t.matches(pod, podNsLabels)) count(scores, t.topologyKey(), nodeLabels, t.weight());
            }
            for (AffinityTerm t : AffinityTerm.preferredAntiAffinity(existing)) {
                if (t.matches(pod, podNsLabels)) count(scores, t.topologyKey(), nodeLabels, -t.weight());
            }
        }
        return scores;
    }

    /** Min-max scaling onto 0..100 (all equal gives 0). */
    @Override
    public void normalize(ObjectNode pod, List<NodeInfo> nodes, long[] scores, ClusterSnapshot snapshot) {
        if (scores.length == 0) return;
        long min = Long.MAX_VALUE, max = Long.MIN_VALUE;
        for (long s : scores) {
            min = Math.min(min, s);
            max = Math.max(max, s);
        }
        long diff = max - min;
        for (int i = 0; i < scores.length; i++) {
            scores[i] = diff > 0 ? (long) (MAX_SCORE * ((double) (scores[i] - min) / diff)) : 0;
        }
    }
}
