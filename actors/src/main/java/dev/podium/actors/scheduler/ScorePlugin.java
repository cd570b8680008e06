package dev.podium.actors.scheduler;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Arrays;
import java.util.List;

/** A Score extension point: how good is each feasible node, 0..{@link #MAX_SCORE} after normalizing. */
public interface ScorePlugin {
    long MAX_SCORE = 100;

    String name();

    long score(ObjectNode pod, NodeInfo node, ClusterSnapshot snapshot);

    /**
     * True when this plugin would give every node the same score for the pod (kube's PreScore
     * answering Skip), so it cannot change which node wins and is not run.
     */
    default boolean skipsScore(ObjectNode pod, ClusterSnapshot snapshot) {
        return false;
    }

    /** Rescales the raw scores of {@code nodes} in place (kube's NormalizeScore); default: as they are. */
    default void normalize(ObjectNode pod, List<NodeInfo> nodes, long[] scores, ClusterSnapshot snapshot) {}

    /** Scores the feasible nodes, normalized. Plugins whose scores depend on the whole feasible set override this. */
    default long[] scoreAll(ObjectNode pod, List<NodeInfo> feasible, ClusterSnapshot snapshot) {
        long[] scores = new long[feasible.size()];
        for (int i = 0; i < scores.length; i++) scores[i] = score(pod, feasible.get(i), snapshot);
        normalize(pod, feasible, scores, snapshot);
        return scores;
    }

    /** kube's helper.DefaultNormalizeScore: scale so the highest is 100, reversed when asked. */
    static void defaultNormalize(long[] scores, boolean reverse) {
        long max = 0;
        for (long s : scores) max = Math.max(max, s);
        if (max == 0) {
            if (reverse) Arrays.fill(scores, MAX_SCORE);
            return;
        }
        for (int i = 0; i < scores.length; i++) {
            long s = MAX_SCORE * scores[i] / max;
            scores[i] = reverse ? MAX_SCORE - s : s;
        }
    }
}
