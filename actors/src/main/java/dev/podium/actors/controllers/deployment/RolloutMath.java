package dev.podium.actors.controllers.deployment;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * The numbers of a rolling update (kube's deployment/util): maxSurge percentages round up and
 * maxUnavailable ones round down, and when both come out 0, maxUnavailable is 1.
 */
public final class RolloutMath {
    private RolloutMath() {}

    /** The surge and unavailability a Deployment of {@code replicas} allows. */
    public record Fenceposts(int surge, int unavailable) {}

    public static Fenceposts fenceposts(JsonNode maxSurge, JsonNode maxUnavailable, int replicas) {
        int surge = scaled(maxSurge, replicas, true, 25);
        int unavailable = scaled(maxUnavailable, replicas, false, 25);
        if (surge == 0 && unavailable == 0) unavailable = 1;
        return new Fenceposts(surge, unavailable);
    }

    /** An int-or-percent of {@code total}; a missing value is {@code defaultPercent}%. */
    public static int scaled(JsonNode value, int total, boolean roundUp, int defaultPercent) {
        if (value == null || value.isNull() || value.isMissingNode()) return percent(defaultPercent, total, roundUp);
        if (value.isNumber()) return value.asInt();
        String text = value.asText().trim();
        if (text.endsWith("%")) return percent(Integer.parseInt(text.substring(0, text.length() - 1)), total, roundUp);
        return Integer.parseInt(text);
    }

    private static int percent(int percent, int total, boolean roundUp) {
        double v = percent * (double) total / 100.0;
        return (int) (roundUp ? Math.ceil(v) : Math.floor(v));
    }

    /** How many the new ReplicaSet may have now (kube's NewRSNewReplicas for RollingUpdate). */
    public static int newReplicaSetReplicas(int replicas, int surge, int newSpec, List<Integer> allSpecs) {
        if (newSpec >= replicas) return replicas;
        int maxTotal = replicas + surge;
        int current = allSpecs.stream().mapToInt(Integer::intValue).sum();
        if (current >= maxTotal) return newSpec;
        return newSpec + Math.min(maxTotal - current, replicas - newSpec);
    }

    /** How many old pods may go now without the Deployment falling below replicas − maxUnavailable available. */
    public static int maxScaledDown(int replicas, int unavailable, List<Integer> allSpecs, int newSpec, int newAvailable) {
        int allPods = allSpecs.stream().mapToInt(Integer::intValue).sum();
        int minAvailable = replicas - unavailable;
        int newUnavailable = newSpec - newAvailable;
        return allPods - minAvailable - newUnavailable;
    }
}
