package dev.podium.actors.controllers.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** A Deployment's status as kube's calculateStatus and syncRolloutStatus compute it. */
final class DeploymentStatus {
    private DeploymentStatus() {}

    /** replicas, updatedReplicas, readyReplicas, availableReplicas, unavailableReplicas and observedGeneration from the ReplicaSets. */
    static void counts(Rollout r, ObjectNode status) {
        int replicas = 0;
        int ready = 0;
        int available = 0;
        int specs = 0;
        for (ObjectNode rs : r.all) {
            replicas += rs.path("status").path("replicas").asInt(0);
            ready += rs.path("status").path("readyReplicas").asInt(0);
            available += rs.path("status").path("availableReplicas").asInt(0);
            specs += r.spec(rs);
        }
        int updated = r.newRS == null ? 0 : r.newRS.path("status").path("replicas").asInt(0);
        status.put("observedGeneration", r.d.path("metadata").path("generation").asLong(1));
        putOrRemove(status, "replicas", replicas);
        putOrRemove(status, "updatedReplicas", updated);
        putOrRemove(status, "readyReplicas", ready);
        putOrRemove(status, "availableReplicas", available);
        putOrRemove(status, "unavailableReplicas", Math.max(0, specs - available));
    }

    private static void putOrRemove(ObjectNode status, String field, int value) {
        if (value == 0) status.remove(field);
        else status.put(field, value);
    }

    static void available(Rollout r, ObjectNode status, String now) {
        int minAvailable = r.replicas - r.maxUnavailable();
        boolean enough = status.path("availableReplicas").asInt(0) >= minAvailable;
        DeploymentConditions.set(status, enough
                ? DeploymentConditions.condition(DeploymentConditions.AVAILABLE, "True", "MinimumReplicasAvailable", "Deployment has minimum availability.", now)
                : DeploymentConditions.condition(DeploymentConditions.AVAILABLE, "False", "MinimumReplicasUnavailable",
                "Deployment does not have minimum availability.", now));
    }

    /**
     * The Progressing condition (unless paused or without a deadline): complete, progressing when
     * something moved since the last status, or timed out past progressDeadlineSeconds. Returns
     * when to look again for the deadline while a rollout is under way.
     */
    static Optional<Duration> progressing(Rollout r, ObjectNode status, String now) {
        if (r.d.path("spec").path("paused").asBoolean(false) || !r.d.path("spec").has("progressDeadlineSeconds")) return Optional.empty();
        String subject = r.newRS == null ? "Deployment \"" + r.d.path("metadata").path("name").asText() + "\""
                : "ReplicaSet \"" + r.newRS.path("metadata").path("name").asText() + "\"";
        Optional<JsonNode> current = DeploymentConditions.get(status, DeploymentConditions.PROGRESSING);
        if (r.complete(status)) {
            DeploymentConditions.set(status, DeploymentConditions.condition(DeploymentConditions.PROGRESSING, "True", "NewReplicaSetAvailable",
                    subject + " has successfully progressed.", now));
            return Optional.empty();
        }
        if (madeProgress(r.d.path("status"), status)) {
            ObjectNode c = DeploymentConditions.condition(DeploymentConditions.PROGRESSING, "True", "ReplicaSetUpdated", subject + " is progressing.", now);
            if (current.isPresent() && "True".equals(current.get().path("status").asText())) c.set("lastTransitionTime", current.get().path("lastTransitionTime"));
            DeploymentConditions.remove(status, DeploymentConditions.PROGRESSING);
            DeploymentConditions.set(status, c);
            return Optional.of(DeploymentReconciler.deadline(r.d).plusSeconds(1));
        }
        if (current.isEmpty() || current.get().path("reason").asText().equals("NewReplicaSetAvailable")) return Optional.empty();
        if (current.get().path("reason").asText().equals("ProgressDeadlineExceeded")) return Optional.empty();
        Instant from = Instant.parse(current.get().path("lastUpdateTime").asText(now));
        Instant deadline = from.plus(DeploymentReconciler.deadline(r.d));
        if (deadline.isBefore(r.now)) {
            DeploymentConditions.set(status, DeploymentConditions.condition(DeploymentConditions.PROGRESSING, "False", "ProgressDeadlineExceeded",
                    subject + " has timed out progressing.", now));
            return Optional.empty();
        }
        return Optional.of(Duration.between(r.now, deadline).plusSeconds(1));
    }

    /** kube's DeploymentProgressing: more updated, fewer old, more ready or more available replicas than the last status. */
    private static boolean madeProgress(JsonNode before, JsonNode after) {
        int oldBefore = before.path("replicas").asInt(0) - before.path("updatedReplicas").asInt(0);
        int oldAfter = after.path("replicas").asInt(0) - after.path("updatedReplicas").asInt(0);
        return after.path("updatedReplicas").asInt(0) > before.path("updatedReplicas").asInt(0) || oldAfter < oldBefore
                || after.path("readyReplicas").asInt(0) > before.path("readyReplicas").asInt(0)
                || after.path("availableReplicas").asInt(0) > before.path("availableReplicas").asInt(0);
    }

    /** The ReplicaFailure of the new ReplicaSet (or else of an old one), copied onto the Deployment. */
    static void replicaFailure(Rollout r, ObjectNode status) {
        Optional<JsonNode> failure = Optional.empty();
        if (r.newRS != null) failure = DeploymentConditions.get(r.newRS.path("status"), DeploymentConditions.REPLICA_FAILURE);
        for (ObjectNode old : r.old) {
            if (failure.isPresent()) break;
            failure = DeploymentConditions.get(old.path("status"), DeploymentConditions.REPLICA_FAILURE);
        }
        if (failure.isEmpty()) {
            DeploymentConditions.remove(status, DeploymentConditions.REPLICA_FAILURE);
            return;
        }
        JsonNode f = failure.get();
        DeploymentConditions.set(status, DeploymentConditions.condition(DeploymentConditions.REPLICA_FAILURE, f.path("status").asText(),
                f.path("reason").asText(), f.path("message").asText(), f.path("lastTransitionTime").asText()));
    }
}
