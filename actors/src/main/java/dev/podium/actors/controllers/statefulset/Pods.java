package dev.podium.actors.controllers.statefulset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.controllers.Action;
import dev.podium.actors.controllers.ControllerRefs;
import dev.podium.actors.controllers.ControllerRevisions;
import dev.podium.actors.controllers.Observed;
import dev.podium.actors.controllers.Plan;
import dev.podium.actors.controllers.PodTemplates;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One reconcile's pod management for a StatefulSet: what to create, delete or replace, in
 * ordinal order. Each step returns whether later steps may go on (OrderedReady stops at the
 * first pod that is missing, terminating or not Running and Ready).
 */
final class Pods {
    private final ObjectNode sts;
    private final Map<Integer, ObjectNode> pods;
    private final List<ObjectNode> revisions;
    private final String currentRevision;
    private final String updateRevision;
    private final Observed observed;
    private final Plan.Builder plan;

    Pods(ObjectNode sts, Map<Integer, ObjectNode> pods, List<ObjectNode> revisions, String currentRevision, String updateRevision, Observed observed,
         Plan.Builder plan) {
        this.sts = sts;
        this.pods = pods;
        this.revisions = revisions;
        this.currentRevision = currentRevision;
        this.updateRevision = updateRevision;
        this.observed = observed;
        this.plan = plan;
    }

    /** Ordinals start … start+replicas-1 exist and are healthy (OrderedReady: one at a time, in order); finished pods are replaced. */
    boolean ensureReplicas(int start, int replicas, boolean parallel) {
        int partition = partition();
        boolean progress = true;
        for (int ordinal = start; ordinal < start + replicas; ordinal++) {
            ObjectNode pod = pods.get(ordinal);
            if (pod == null) {
                create(ordinal, ordinal - start < partition ? currentRevision : updateRevision);
                if (!parallel) return false;
                progress = false;
                continue;
            }
            if (PodTemplates.terminal(pod) && !pod.path("metadata").has("deletionTimestamp")) {
                plan.add(delete(pod));
                if (!parallel) return false;
                progress = false;
                continue;
            }
            if (!parallel && !healthy(pod)) return false;
        }
        return progress || parallel;
    }

    /**
     * Pods beyond the replicas go, highest ordinal first (OrderedReady: one at a time, only while
     * every pod within the replicas is healthy, and an unhealthy one only if it is the first
     * unhealthy pod, the lowest ordinal, as kube's processCondemned decides).
     */
    boolean removeCondemned(int start, int replicas, boolean parallel) {
        List<Integer> condemned = pods.keySet().stream().filter(o -> o < start || o >= start + replicas).sorted((a, b) -> b - a).toList();
        if (condemned.isEmpty()) return true;
        if (parallel) {
            condemned.forEach(o -> {
                if (!pods.get(o).path("metadata").has("deletionTimestamp")) plan.add(delete(pods.get(o)));
            });
            return false;
        }
        if (pods.values().stream().anyMatch(p -> p.path("metadata").has("deletionTimestamp"))) return false;
        boolean othersHealthy = pods.entrySet().stream().filter(e -> !condemned.contains(e.getKey())).allMatch(e -> healthy(e.getValue()));
        if (!othersHealthy) return false;
        int target = condemned.get(0);
        int firstUnhealthy = condemned.stream().filter(o -> !healthy(pods.get(o))).min(Integer::compare).orElse(-1);
        if (!healthy(pods.get(target)) && target != firstUnhealthy) return false;
        plan.add(delete(pods.get(target)));
        return false;
    }

    /** RollingUpdate: the highest ordinal at or above the partition not yet at the update revision is deleted (and comes back updated). */
    void rollingUpdate(int start, int replicas) {
        if (!"RollingUpdate".equals(sts.path("spec").path("updateStrategy").path("type").asText("RollingUpdate"))) return;
        if (pods.values().stream().anyMatch(p -> p.path("metadata").has("deletionTimestamp") || !healthy(p))) return;
        int partition = partition();
        for (int ordinal = start + replicas - 1; ordinal >= start + partition; ordinal--) {
            ObjectNode pod = pods.get(ordinal);
            if (pod != null && !updateRevision.equals(pod.path("metadata").path("labels").path(ControllerRevisions.HASH_LABEL).asText())) {
                plan.add(delete(pod));
                return;
            }
        }
    }

    private int partition() {
        return sts.path("spec").path("updateStrategy").path("rollingUpdate").path("partition").asInt(0);
    }

    /** Creates the pod's missing claims, then the pod from the revision's template. */
    private void create(int ordinal, String revisionName) {
        ObjectNode revision = revisions.stream().filter(r -> r.path("metadata").path("name").asText().equals(revisionName)).findFirst()
                .or(() -> revisions.stream().filter(r -> r.path("metadata").path("name").asText().equals(updateRevision)).findFirst())
                .orElseThrow();
        String podName = sts.path("metadata").path("name").asText() + "-" + ordinal;
        String namespace = sts.path("metadata").path("namespace").asText();
        boolean claimsMissing = false;
        for (JsonNode template : sts.path("spec").path("volumeClaimTemplates")) {
            ObjectNode claim = StatefulSetReconciler.claim(sts, template, podName);
            Optional<ObjectNode> existing = observed.reads().get("PersistentVolumeClaim", namespace + "/" + claim.path("metadata").path("name").asText());
            if (existing.isEmpty()) {
                plan.add(new Action.Create(StatefulSetReconciler.PVC, claim, false));
                claimsMissing = true;
            }
        }
        // the pod comes once its claims exist, so its volumes are there when it starts
        if (!claimsMissing) plan.add(new Action.Create(StatefulSetReconciler.POD, StatefulSetReconciler.pod(sts, ordinal, revision), false));
    }

    private static boolean healthy(JsonNode pod) {
        return "Running".equals(pod.path("status").path("phase").asText()) && PodTemplates.ready(pod) && !pod.path("metadata").has("deletionTimestamp");
    }

    private static Action delete(JsonNode pod) {
        return new Action.Delete(StatefulSetReconciler.POD, ControllerRefs.keyOf(pod), pod.path("metadata").path("uid").asText(), "");
    }
}
