package dev.podium.actors.scheduler;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** kube's FitError text: why no node fits, as the pod's PodScheduled condition and event print it. */
public final class FitError {
    /** kube's ErrNoNodesAvailable, the whole message when the cluster has no nodes. */
    public static final String NO_NODES_AVAILABLE = "no nodes available to schedule pods";

    private FitError() {}

    /**
     * {@code 0/N nodes are available: <count> <reason>, ....}: every reason of every node counted,
     * the "count reason" strings sorted (so the count leads the ordering, as in kube), joined by ", ".
     */
    public static String message(int numAllNodes, Collection<FilterResult> statuses) {
        Map<String, Integer> histogram = new TreeMap<>();
        for (FilterResult s : statuses) for (String r : s.reasons()) histogram.merge(r, 1, Integer::sum);
        List<String> parts = new ArrayList<>();
        histogram.forEach((reason, count) -> parts.add(count + " " + reason));
        parts.sort(null);
        String msg = "0/" + numAllNodes + " nodes are available:";
        return parts.isEmpty() ? msg : msg + " " + String.join(", ", parts) + ".";
    }

    /** A rejection before any node is looked at (kube's PreFilter), for which preemption cannot help. */
    public static String beforeFilters(int numAllNodes, String reason) {
        return "0/" + numAllNodes + " nodes are available: " + reason + ". preemption: 0/" + numAllNodes + " nodes are available: "
                + numAllNodes + " Preemption is not helpful for scheduling.";
    }
}
