package dev.podium.actors.controllers.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.controllers.Action;
import dev.podium.actors.controllers.ControllerRefs;
import dev.podium.actors.controllers.Plan;
import dev.podium.model.json.Json;
import dev.podium.model.meta.OwnerReference;
import dev.podium.model.validation.JsonCompare;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Deployment and its ReplicaSets at one reconcile: which ReplicaSet is new (its template is the
 * Deployment's), which are old, and the rollout arithmetic between them. Scaling a ReplicaSet also
 * records desired-replicas and max-replicas on it, as kube does; changes to a ReplicaSet go into
 * {@link #planned} too, so later decisions of the same reconcile see them.
 */
final class Rollout {
    final ObjectNode d;
    final List<ObjectNode> all;
    final ObjectNode newRS;
    final List<ObjectNode> old;
    final int replicas;
    final Instant now;
    private final RolloutMath.Fenceposts fence;
    private final Map<String, Integer> planned = new HashMap<>();
    private long plannedRevision;

    Rollout(ObjectNode d, List<ObjectNode> all, Instant now) {
        this.d = d;
        this.all = all;
        this.now = now;
        this.replicas = d.path("spec").path("replicas").asInt(1);
        JsonNode template = d.path("spec").path("template");
        ObjectNode found = null;
        for (ObjectNode rs : all) {
            if (found == null && sameTemplate(rs.path("spec").path("template"), template)) found = rs;
        }
        this.newRS = found;
        List<ObjectNode> others = new ArrayList<>(all);
        others.remove(found);
        this.old = others;
        JsonNode ru = d.path("spec").path("strategy").path("rollingUpdate");
        this.fence = recreate() ? new RolloutMath.Fenceposts(0, 0) : RolloutMath.fenceposts(ru.get("maxSurge"), ru.get("maxUnavailable"), replicas);
    }

    boolean recreate() {
        return "Recreate".equals(d.path("spec").path("strategy").path("type").asText("RollingUpdate"));
    }

    /** kube's MaxUnavailable: 0 for Recreate or no replicas, else at most replicas. */
    int maxUnavailable() {
        if (recreate() || replicas == 0) return 0;
        return Math.min(fence.unavailable(), replicas);
    }

    /** spec.replicas of a ReplicaSet, as this reconcile has planned it. */
    int spec(JsonNode rs) {
        Integer p = planned.get(rs.path("metadata").path("name").asText());
        return p != null ? p : rs.path("spec").path("replicas").asInt(1);
    }

    private List<Integer> allSpecs() {
        return all.stream().map(this::spec).toList();
    }

    int newReplicaSetReplicas() {
        if (recreate()) return replicas;
        return RolloutMath.newReplicaSetReplicas(replicas, fence.surge(), newRS == null ? 0 : spec(newRS), allSpecs());
    }

    void scaleTo(Plan.Builder plan, ObjectNode rs, int target) {
        int from = spec(rs);
        planned.put(rs.path("metadata").path("name").asText(), target);
        ObjectNode patch = Json.object();
        patch.putObject("metadata").put("uid", rs.path("metadata").path("uid").asText()).putObject("annotations")
                .put(Revisions.DESIRED_REPLICAS, Integer.toString(replicas)).put(Revisions.MAX_REPLICAS, Integer.toString(replicas + fence.surge()));
        patch.putObject("spec").put("replicas", target);
        Action scale = new Action.Patch(DeploymentReconciler.RS, ControllerRefs.keyOf(rs), 0, patch);
        plan.add(from == target ? scale : new Action.Announced(scale, new Action.Event(d, "Normal", "ScalingReplicaSet",
                "Scaled " + (target > from ? "up" : "down") + " replica set " + rs.path("metadata").path("name").asText() + " from " + from + " to " + target)));
    }

    /**
     * Old pods go while enough stay available: unhealthy old replicas first (cleanupUnhealthyReplicas),
     * then old ones down to replicas − maxUnavailable available in all. True when anything was scaled.
     */
    boolean scaleDownOld(Plan.Builder plan) {
        if (old.stream().allMatch(rs -> spec(rs) == 0)) return false;
        int newAvailable = newRS == null ? 0 : newRS.path("status").path("availableReplicas").asInt(0);
        int budget = RolloutMath.maxScaledDown(replicas, maxUnavailable(), allSpecs(), newRS == null ? 0 : spec(newRS), newAvailable);
        if (budget <= 0) return false;
        boolean scaled = false;
        List<ObjectNode> oldest = old.stream().sorted(Comparator.comparing(rs -> rs.path("metadata").path("creationTimestamp").asText())).toList();
        for (ObjectNode rs : oldest) {
            if (budget <= 0) break;
            int unhealthy = spec(rs) - rs.path("status").path("availableReplicas").asInt(0);
            if (spec(rs) == 0 || unhealthy <= 0) continue;
            int down = Math.min(budget, unhealthy);
            scaleTo(plan, rs, spec(rs) - down);
            budget -= down;
            scaled = true;
        }
        int available = all.stream().mapToInt(rs -> rs.path("status").path("availableReplicas").asInt(0)).sum();
        int totalDown = available - (replicas - maxUnavailable());
        for (ObjectNode rs : oldest) {
            if (totalDown <= 0) break;
            if (spec(rs) == 0) continue;
            int down = Math.min(spec(rs), totalDown);
            scaleTo(plan, rs, spec(rs) - down);
            totalDown -= down;
            scaled = true;
        }
        return scaled;
    }

    /** spec.replicas changed while ReplicaSets still record another desired count: scale proportionally instead of rolling. */
    boolean isScalingEvent() {
        for (ObjectNode rs : all) {
            if (spec(rs) == 0) continue;
            String desired = rs.path("metadata").path("annotations").path(Revisions.DESIRED_REPLICAS).asText("");
            if (!desired.isEmpty() && !desired.equals(Integer.toString(replicas))) return true;
        }
        return false;
    }

    /** kube's scale(): the only active ReplicaSet takes all replicas; otherwise each grows or shrinks in proportion to its size. */
    void scale(Plan.Builder plan) {
        List<ObjectNode> active = all.stream().filter(rs -> spec(rs) > 0).toList();
        if (active.size() <= 1) {
            ObjectNode target = active.isEmpty() ? (newRS != null ? newRS : latest()) : active.get(0);
            if (target != null && spec(target) != replicas) scaleTo(plan, target, replicas);
            return;
        }
        if (newRS != null && spec(newRS) == replicas && newRS.path("status").path("availableReplicas").asInt(0) == replicas) {
            for (ObjectNode rs : old) if (spec(rs) > 0) scaleTo(plan, rs, 0);
            return;
        }
        int allowed = replicas == 0 ? 0 : replicas + fence.surge();
        int current = active.stream().mapToInt(this::spec).sum();
        int toAdd = allowed - current;
        List<ObjectNode> order = new ArrayList<>(active);
        Comparator<ObjectNode> bySize = Comparator.comparingInt((ObjectNode rs) -> spec(rs)).reversed();
        Comparator<ObjectNode> byAge = Comparator.comparing((ObjectNode rs) -> rs.path("metadata").path("creationTimestamp").asText());
        order.sort(toAdd > 0 ? bySize.thenComparing(byAge.reversed()) : bySize.thenComparing(byAge));
        Map<ObjectNode, Integer> sizes = new HashMap<>();
        int added = 0;
        for (ObjectNode rs : order) {
            if (toAdd == 0) {
                sizes.put(rs, spec(rs));
                continue;
            }
            int proportion = fraction(rs, allowed);
            int remaining = toAdd - added;
            proportion = toAdd > 0 ? Math.min(proportion, remaining) : Math.max(proportion, remaining);
            sizes.put(rs, spec(rs) + proportion);
            added += proportion;
        }
        ObjectNode first = order.get(0);
        sizes.put(first, sizes.get(first) + toAdd - added);
        // a ReplicaSet whose size stays gets its desired/max-replicas annotations refreshed all the same,
        // or the Deployment would look like it is scaling for ever and never roll on
        for (ObjectNode rs : order) {
            int target = Math.max(0, sizes.get(rs));
            if (target != spec(rs) || staleAnnotations(rs)) scaleTo(plan, rs, target);
        }
    }

    /**
     * kube's getReplicaSetFraction: the ReplicaSet's share of {@code allowed} (replicas + maxSurge)
     * in proportion to the Deployment's size when the ReplicaSet was last scaled (its max-replicas
     * annotation; without a usable one, the Deployment's status.replicas; 0 when that is 0 too).
     */
    private int fraction(JsonNode rs, int allowed) {
        if (replicas == 0) return -spec(rs);
        int before;
        try {
            before = Integer.parseInt(rs.path("metadata").path("annotations").path(Revisions.MAX_REPLICAS).asText(""));
        } catch (NumberFormatException e) {
            before = 0;
        }
        if (before <= 0) before = d.path("status").path("replicas").asInt(0);
        if (before <= 0) return 0;
        return (int) Math.round(spec(rs) * (double) allowed / before) - spec(rs);
    }

    private boolean staleAnnotations(JsonNode rs) {
        JsonNode a = rs.path("metadata").path("annotations");
        return !Integer.toString(replicas).equals(a.path(Revisions.DESIRED_REPLICAS).asText())
                || !Integer.toString(replicas + fence.surge()).equals(a.path(Revisions.MAX_REPLICAS).asText());
    }

    private ObjectNode latest() {
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    /** kube's DeploymentComplete, against a status. */
    boolean complete(JsonNode status) {
        return status.path("updatedReplicas").asInt(0) == replicas && status.path("replicas").asInt(0) == replicas
                && status.path("availableReplicas").asInt(0) == replicas
                && status.path("observedGeneration").asLong(0) >= d.path("metadata").path("generation").asLong(1);
    }

    /** The new ReplicaSet of this template: named after its hash, labelled and selected by it, annotated with the next revision. */
    ObjectNode newReplicaSet(int replicas) {
        String hash = TemplateHash.of(d.path("spec").path("template"), d.path("status").path("collisionCount").asLong(0));
        String name = d.path("metadata").path("name").asText() + "-" + hash;
        ObjectNode rs = Json.object();
        rs.put("apiVersion", "apps/v1").put("kind", "ReplicaSet");
        ObjectNode meta = rs.putObject("metadata");
        meta.put("name", name).put("namespace", d.path("metadata").path("namespace").asText());
        ObjectNode template = d.path("spec").path("template").deepCopy();
        template.with("metadata").with("labels").put(TemplateHash.LABEL, hash);
        meta.set("labels", template.path("metadata").path("labels").deepCopy());
        ObjectNode annotations = copiedAnnotations();
        annotations.put(Revisions.REVISION, Long.toString(Revisions.max(old) + 1));
        annotations.put(Revisions.DESIRED_REPLICAS, Integer.toString(this.replicas)).put(Revisions.MAX_REPLICAS,
                Integer.toString(this.replicas + fence.surge()));
        meta.set("annotations", annotations);
        meta.putArray("ownerReferences").add(OwnerReference.controllerRefTo(d));
        ObjectNode spec = rs.putObject("spec");
        spec.put("replicas", replicas);
        if (d.path("spec").has("minReadySeconds")) spec.set("minReadySeconds", d.path("spec").get("minReadySeconds"));
        ObjectNode selector = d.path("spec").path("selector").deepCopy();
        selector.with("matchLabels").put(TemplateHash.LABEL, hash);
        spec.set("selector", selector);
        spec.set("template", template);
        return rs;
    }

    /**
     * The new ReplicaSet carries the Deployment's annotations (change-cause among them), its
     * minReadySeconds and the highest revision (kube's getNewReplicaSet); one found again for an
     * old revision (a rollback) gets the next revision, its old one going to revision-history.
     */
    void refreshNewReplicaSet(Plan.Builder plan) {
        ObjectNode wanted = copiedAnnotations();
        long revision = Revisions.of(newRS);
        long maxOld = Revisions.max(old);
        JsonNode current = newRS.path("metadata").path("annotations");
        if (revision <= maxOld) {
            plannedRevision = maxOld + 1;
            wanted.put(Revisions.REVISION, Long.toString(maxOld + 1));
            if (revision > 0) wanted.put(Revisions.REVISION_HISTORY, Revisions.history(current.path(Revisions.REVISION_HISTORY).asText(""), revision));
        }
        ObjectNode changes = Json.object();
        wanted.fields().forEachRemaining(e -> {
            if (!e.getValue().equals(current.get(e.getKey()))) changes.set(e.getKey(), e.getValue());
        });
        int minReadySeconds = d.path("spec").path("minReadySeconds").asInt(0);
        boolean minReadyChanged = minReadySeconds != newRS.path("spec").path("minReadySeconds").asInt(0);
        if (changes.isEmpty() && !minReadyChanged) return;
        ObjectNode patch = Json.object();
        ObjectNode meta = patch.putObject("metadata").put("uid", newRS.path("metadata").path("uid").asText());
        if (!changes.isEmpty()) meta.set("annotations", changes);
        if (minReadyChanged) patch.putObject("spec").put("minReadySeconds", minReadySeconds);
        plan.add(new Action.Patch(DeploymentReconciler.RS, ControllerRefs.keyOf(newRS), 0, patch));
    }

    /** The new ReplicaSet's revision once this reconcile's patches and creates land (0 while there is none). */
    long newRevision() {
        return plannedRevision > 0 ? plannedRevision : newRS == null ? 0 : Revisions.of(newRS);
    }

    /** This reconcile creates the new ReplicaSet, with {@code revision}. */
    void creating(long revision) {
        plannedRevision = revision;
    }

    private ObjectNode copiedAnnotations() {
        ObjectNode out = Json.object();
        d.path("metadata").path("annotations").fields().forEachRemaining(e -> {
            if (!Revisions.NOT_COPIED.contains(e.getKey())) out.set(e.getKey(), e.getValue());
        });
        return out;
    }

    /**
     * Templates equal but for the pod-template-hash label (kube's EqualIgnoreHash on typed
     * templates: nulls and empty values are absent, 30 equals 30 whatever its JSON node type).
     */
    static boolean sameTemplate(JsonNode rsTemplate, JsonNode deploymentTemplate) {
        ObjectNode a = rsTemplate.deepCopy();
        JsonNode labels = a.path("metadata").path("labels");
        if (labels instanceof ObjectNode l) l.remove(TemplateHash.LABEL);
        return JsonCompare.semanticEquals(a, deploymentTemplate);
    }
}
