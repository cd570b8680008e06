package dev.podium.actors.controllers.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.controllers.Action;
import dev.podium.actors.controllers.ControllerRefs;
import dev.podium.actors.controllers.Observed;
import dev.podium.actors.controllers.Plan;
import dev.podium.actors.controllers.PodTemplates;
import dev.podium.actors.controllers.Reconciler;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.meta.OwnerReference;
import dev.podium.model.selectors.LabelSelector;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The Deployment controller (kube's pkg/controller/deployment): it owns ReplicaSets named
 * {@code <deployment>-<pod-template-hash>}, one per template revision, and moves replicas from the
 * old ones to the new one — RollingUpdate within maxSurge and maxUnavailable, Recreate by emptying
 * the old ones first — or scales them proportionally when only spec.replicas changed. Paused
 * Deployments scale but do not roll out. The status sums the ReplicaSets' counts, with the
 * Available and Progressing conditions (progressDeadlineSeconds), and old ReplicaSets beyond
 * revisionHistoryLimit are deleted once a rollout is complete. One step per reconcile: each
 * ReplicaSet change comes back as a hint and the next step follows.
 */
public final class DeploymentReconciler implements Reconciler {
    static final ResourceKind RS = KindRegistry.get("ReplicaSet.apps");

    @Override
    public List<ResourceKind> ownedKinds() {
        return List.of(RS);
    }

    @Override
    public Optional<LabelSelector> adoptionSelector(ObjectNode owner) {
        if (owner.path("metadata").has("deletionTimestamp")) return Optional.empty();
        return Optional.of(LabelSelector.fromObject(owner.path("spec").path("selector")));
    }

    @Override
    public Plan reconcile(Observed observed) {
        ObjectNode d = observed.owner();
        Instant now = observed.now();
        Plan.Builder plan = new Plan.Builder();
        boolean deleting = d.path("metadata").has("deletionTimestamp");
        LabelSelector selector = LabelSelector.fromObject(d.path("spec").path("selector"));
        List<ObjectNode> all = new ArrayList<>();
        for (ObjectNode rs : observed.owned(RS.entityTypeName())) {
            if (selector.matchesObject(rs)) all.add(rs);
            else if (!deleting) plan.add(ControllerRefs.release(d, rs));
        }
        if (!deleting) {
            for (ObjectNode orphan : observed.orphans(RS.entityTypeName())) {
                plan.add(ControllerRefs.adopt(d, orphan));
                all.add(orphan);
            }
        }
        all.sort(Comparator.comparing((ObjectNode rs) -> rs.path("metadata").path("creationTimestamp").asText())
                .thenComparing(rs -> rs.path("metadata").path("name").asText()));
        Rollout r = new Rollout(d, all, now);
        ObjectNode status = d.path("status").isObject() ? ((ObjectNode) d.path("status")).deepCopy() : Json.object();
        if (!deleting) step(r, observed, plan, status);
        finish(r, plan, status, observed.writeFailure());
        return plan.build();
    }

    /** One step toward the desired state: scale, create the new ReplicaSet, or move replicas; at most one kind of change. */
    private void step(Rollout r, Observed observed, Plan.Builder plan, ObjectNode status) {
        String now = DeploymentConditions.stamp(r.now);
        boolean paused = r.d.path("spec").path("paused").asBoolean(false);
        pausedConditions(status, paused, now);
        if (paused || r.isScalingEvent()) {
            r.scale(plan);
            if (paused) cleanup(r, plan);
            return;
        }
        if (r.recreate()) {
            recreate(r, observed, plan, status, now);
            return;
        }
        if (r.newRS == null) {
            createNewReplicaSet(r, plan, status, r.newReplicaSetReplicas(), now);
            return;
        }
        r.refreshNewReplicaSet(plan);
        int target = r.newReplicaSetReplicas();
        if (target != r.spec(r.newRS)) {
            r.scaleTo(plan, r.newRS, target);
            return;
        }
        if (r.scaleDownOld(plan)) return;
        if (r.complete(r.d.path("status"))) cleanup(r, plan);
    }

    private void recreate(Rollout r, Observed observed, Plan.Builder plan, ObjectNode status, String now) {
        boolean scaledDown = false;
        for (ObjectNode old : r.old) {
            if (r.spec(old) > 0) {
                r.scaleTo(plan, old, 0);
                scaledDown = true;
            }
        }
        if (scaledDown || oldPodsRunning(r, observed)) return;
        if (r.newRS == null) {
            createNewReplicaSet(r, plan, status, r.replicas, now);
            return;
        }
        r.refreshNewReplicaSet(plan);
        if (r.spec(r.newRS) != r.replicas) r.scaleTo(plan, r.newRS, r.replicas);
        else if (r.complete(r.d.path("status"))) cleanup(r, plan);
    }

    /** Whether an old ReplicaSet still has pods, or pods that are not finished (terminating ones included). */
    private static boolean oldPodsRunning(Rollout r, Observed observed) {
        for (ObjectNode old : r.old) {
            if (old.path("status").path("replicas").asInt(0) > 0) return true;
            for (ObjectNode pod : observed.reads().ownedBy("Pod", old.path("metadata").path("uid").asText())) {
                if (!PodTemplates.terminal(pod)) return true;
            }
        }
        return false;
    }

    private void createNewReplicaSet(Rollout r, Plan.Builder plan, ObjectNode status, int replicas, String now) {
        ObjectNode rs = r.newReplicaSet(replicas);
        r.creating(Revisions.of(rs));
        plan.add(new Action.Announced(new Action.Create(RS, rs, false), new Action.Event(r.d, "Normal", "ScalingReplicaSet",
                "Scaled up replica set " + rs.path("metadata").path("name").asText() + " from 0 to " + replicas)));
        if (r.d.path("spec").has("progressDeadlineSeconds")) {
            DeploymentConditions.set(status, DeploymentConditions.condition(DeploymentConditions.PROGRESSING, "True", "NewReplicaSetCreated",
                    "Created new replica set \"" + rs.path("metadata").path("name").asText() + "\"", now));
        }
    }

    private static void pausedConditions(ObjectNode status, boolean paused, String now) {
        Optional<JsonNode> progressing = DeploymentConditions.get(status, DeploymentConditions.PROGRESSING);
        String reason = progressing.map(c -> c.path("reason").asText()).orElse("");
        if (reason.equals("ProgressDeadlineExceeded")) return;
        if (paused && !reason.equals("DeploymentPaused")) {
            DeploymentConditions.set(status, DeploymentConditions.condition(DeploymentConditions.PROGRESSING, "Unknown", "DeploymentPaused",
                    "Deployment is paused", now));
        } else if (!paused && reason.equals("DeploymentPaused")) {
            DeploymentConditions.set(status, DeploymentConditions.condition(DeploymentConditions.PROGRESSING, "Unknown", "DeploymentResumed",
                    "Deployment is resumed", now));
        }
    }

    /** Old ReplicaSets that are empty and observed, beyond revisionHistoryLimit, oldest revision first. */
    private static void cleanup(Rollout r, Plan.Builder plan) {
        int limit = r.d.path("spec").path("revisionHistoryLimit").asInt(10);
        List<ObjectNode> candidates = r.old.stream()
                .filter(rs -> !rs.path("metadata").has("deletionTimestamp") && r.spec(rs) == 0 && rs.path("status").path("replicas").asInt(0) == 0
                        && rs.path("status").path("observedGeneration").asLong(0) >= rs.path("metadata").path("generation").asLong(1))
                .sorted(Comparator.comparingLong(Revisions::of).thenComparing(rs -> rs.path("metadata").path("creationTimestamp").asText()))
                .toList();
        for (int i = 0; i < candidates.size() - limit; i++) {
            ObjectNode rs = candidates.get(i);
            plan.add(new Action.Delete(RS, ControllerRefs.keyOf(rs), rs.path("metadata").path("uid").asText(), ""));
        }
    }

    /** The status the ReplicaSets add up to, the conditions, the revision annotation, and when to look again for the deadline. */
    private void finish(Rollout r, Plan.Builder plan, ObjectNode status, String failure) {
        DeploymentStatus.counts(r, status);
        String now = DeploymentConditions.stamp(r.now);
        if (failure != null && failure.contains("already exists") && r.newRS == null) {
            status.put("collisionCount", status.path("collisionCount").asInt(0) + 1);
        }
        DeploymentStatus.available(r, status, now);
        DeploymentStatus.progressing(r, status, now).ifPresent(plan::requeue);
        DeploymentStatus.replicaFailure(r, status);
        if (!status.equals(r.d.path("status"))) plan.add(new Action.UpdateStatus(status));
        // kube's getNewReplicaSet sets the revision in the same sync that finds or creates the new
        // ReplicaSet; the patch goes after the status, at whatever version the status write leaves
        long newRevision = r.newRevision();
        if (newRevision > 0) {
            String revision = Long.toString(newRevision);
            if (!revision.equals(r.d.path("metadata").path("annotations").path(Revisions.REVISION).asText())) {
                ObjectNode patch = Json.object();
                patch.putObject("metadata").put("uid", r.d.path("metadata").path("uid").asText()).putObject("annotations")
                        .put(Revisions.REVISION, revision);
                plan.add(new Action.PatchOwner(patch, true));
            }
        }
    }

    static boolean owns(ObjectNode d, JsonNode rs) {
        return d.path("metadata").path("uid").asText().equals(OwnerReference.controllerUid(rs));
    }

    static Duration deadline(ObjectNode d) {
        return Duration.ofSeconds(d.path("spec").path("progressDeadlineSeconds").asLong(600));
    }
}
