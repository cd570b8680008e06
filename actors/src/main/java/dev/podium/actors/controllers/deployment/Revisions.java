package dev.podium.actors.controllers.deployment;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Set;

/** The annotations a Deployment keeps on its ReplicaSets and on itself. */
public final class Revisions {
    public static final String REVISION = "deployment.kubernetes.io/revision";
    public static final String REVISION_HISTORY = "deployment.kubernetes.io/revision-history";
    public static final String DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
    public static final String MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";
    /** Deployment annotations not copied to its ReplicaSets (kube's annotationsToSkip). */
    public static final Set<String> NOT_COPIED = Set.of("kubectl.kubernetes.io/last-applied-configuration", REVISION, REVISION_HISTORY,
            DESIRED_REPLICAS, MAX_REPLICAS, "deprecated.deployment.rollback.to");

    private Revisions() {}

    /** A ReplicaSet's revision (0 when it has none). */
    public static long of(JsonNode rs) {
        try {
            return Long.parseLong(rs.path("metadata").path("annotations").path(REVISION).asText("0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public static long max(List<? extends JsonNode> replicaSets) {
        return replicaSets.stream().mapToLong(Revisions::of).max().orElse(0);
    }

    /** The revision-history annotation after {@code old} was replaced: appended, the oldest dropped past 2,000 characters. */
    static String history(String current, long old) {
        String next = current == null || current.isEmpty() ? Long.toString(old) : current + "," + old;
        while (next.length() > 2000 && next.contains(",")) next = next.substring(next.indexOf(',') + 1);
        return next;
    }
}
