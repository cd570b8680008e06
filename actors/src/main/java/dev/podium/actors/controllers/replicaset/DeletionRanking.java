package dev.podium.actors.controllers.replicaset;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.actors.controllers.PodTemplates;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which pods a scale-down removes first, kube's ActivePodsWithRanks: unscheduled before scheduled,
 * Pending before Unknown before Running, not ready before ready, lower pod-deletion-cost, more
 * related active pods on the same node, ready for less time, more restarts, newer (times compared in
 * powers-of-two buckets of seconds, as with LogarithmicScaleDown), then by uid.
 */
public final class DeletionRanking {
    static final String DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";

    private DeletionRanking() {}

    /**
     * The pods, most deletable first; each pod's rank is the number of active pods of {@code related}
     * on its node (kube's getPodsRankedByRelatedPodsOnSameNode; related is generally a superset of pods).
     */
    public static List<JsonNode> order(List<? extends JsonNode> pods, List<? extends JsonNode> related, Instant now) {
        Map<String, Integer> perNode = new HashMap<>();
        for (JsonNode s : related) {
            String node = nodeName(s);
            if (!node.isEmpty() && PodTemplates.active(s)) perNode.merge(node, 1, Integer::sum);
        }
        Comparator<JsonNode> order = Comparator
                .<JsonNode>comparingInt(p -> nodeName(p).isEmpty() ? 0 : 1)
                .thenComparingInt(DeletionRanking::phaseRank)
                .thenComparingInt(p -> PodTemplates.ready(p) ? 1 : 0)
                .thenComparingLong(DeletionRanking::deletionCost)
                .thenComparingInt(p -> -perNode.getOrDefault(nodeName(p), 0))
                .thenComparingLong(p -> PodTemplates.ready(p) ? bucket(PodTemplates.readySince(p).orElse(now), now) : 0)
                .thenComparingInt(p -> -maxRestarts(p))
                .thenComparingLong(p -> bucket(Instant.parse(p.path("metadata").path("creationTimestamp").asText(now.toString())), now))
                .thenComparing(p -> p.path("metadata").path("uid").asText(""));
        return pods.stream().map(p -> (JsonNode) p).sorted(order).toList();
    }

    private static String nodeName(JsonNode pod) {
        return pod.path("spec").path("nodeName").asText("");
    }

    private static int phaseRank(JsonNode pod) {
        return switch (pod.path("status").path("phase").asText("Pending")) {
            case "Pending" -> 0;
            case "Unknown" -> 1;
            case "Running" -> 2;
            default -> 3;
        };
    }

    private static long deletionCost(JsonNode pod) {
        try {
            return Integer.parseInt(pod.path("metadata").path("annotations").path(DELETION_COST).asText("0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int maxRestarts(JsonNode pod) {
        int max = 0;
        for (JsonNode c : pod.path("status").path("containerStatuses")) max = Math.max(max, c.path("restartCount").asInt(0));
        return max;
    }

    /** floor(log2(seconds since t)) + 1, 0 for the future or the last second: newer sorts first. */
    private static long bucket(Instant t, Instant now) {
        long seconds = Duration.between(t, now).getSeconds();
        return seconds <= 0 ? 0 : 64 - Long.numberOfLeadingZeros(seconds);
    }
}
