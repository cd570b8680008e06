package dev.podium.actors.controllers.replicaset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.controllers.Action;
import dev.podium.actors.controllers.CacheReads;
import dev.podium.actors.controllers.ControllerActor;
import dev.podium.actors.controllers.ControllerRefs;
import dev.podium.actors.controllers.Observed;
import dev.podium.actors.controllers.Plan;
import dev.podium.actors.controllers.PodTemplates;
import dev.podium.actors.controllers.Reconciler;
import dev.podium.model.json.Json;
import dev.podium.model.json.Times;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.meta.OwnerReference;
import dev.podium.model.selectors.LabelSelector;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ReplicaSet and ReplicationController controller (kube's pkg/controller/replicaset): exactly
 * spec.replicas active pods, adopting orphans its selector picks and releasing pods whose labels
 * stop matching; a scale-down deletes the least useful pods first ({@link DeletionRanking}); the
 * status counts replicas, fully labeled, ready and available pods, with the ReplicaFailure
 * condition while creating or deleting fails. A ReplicaSet being deleted only keeps its status.
 */
public final class ReplicaSetReconciler implements Reconciler {
    static final ResourceKind POD = KindRegistry.get("Pod");
    private final boolean mapSelector;

    /** {@code mapSelector}: the ReplicationController's equality-based selector (a map) instead of a LabelSelector. */
    public ReplicaSetReconciler(boolean mapSelector) {
        this.mapSelector = mapSelector;
    }

    @Override
    public List<ResourceKind> ownedKinds() {
        return List.of(POD);
    }

    @Override
    public Optional<LabelSelector> adoptionSelector(ObjectNode owner) {
        return owner.path("metadata").has("deletionTimestamp") ? Optional.empty() : Optional.of(selector(owner));
    }

    LabelSelector selector(JsonNode owner) {
        JsonNode s = owner.path("spec").path("selector");
        if (!mapSelector) return LabelSelector.fromObject(s);
        if (!s.isObject() || s.isEmpty()) return LabelSelector.nothing();
        return LabelSelector.fromMap(Json.MAPPER.convertValue(s, Map.class));
    }

    @Override
    public Plan reconcile(Observed observed) {
        ObjectNode rs = observed.owner();
        Instant now = observed.now();
        boolean deleting = rs.path("metadata").has("deletionTimestamp");
        LabelSelector selector = selector(rs);
        Plan.Builder plan = new Plan.Builder();
        List<JsonNode> active = new ArrayList<>();
        for (ObjectNode pod : observed.owned(POD.entityTypeName())) {
            if (!selector.matchesObject(pod)) {
                if (!deleting) plan.add(ControllerRefs.release(rs, pod));
            } else if (PodTemplates.active(pod)) {
                active.add(pod);
            }
        }
        for (ObjectNode orphan : observed.orphans(POD.entityTypeName())) {
            if (!PodTemplates.active(orphan)) continue;
            plan.add(ControllerRefs.adopt(rs, orphan));
            active.add(orphan);
        }
        long replicas = rs.path("spec").path("replicas").asLong(1);
        int diff = active.size() - (int) replicas;
        if (!deleting && diff < 0) {
            ObjectNode template = (ObjectNode) rs.path("spec").path("template");
            for (int i = 0; i < Math.min(-diff, observed.createsAllowed()); i++) {
                plan.add(new Action.Create(POD, PodTemplates.pod(rs, template, rs.path("metadata").path("name").asText() + "-", true), true));
            }
        } else if (!deleting && diff > 0) {
            for (JsonNode pod : DeletionRanking.order(active, relatedPods(rs, active, observed.reads()), now).subList(0, Math.min(diff, ControllerActor.BURST))) {
                plan.add(new Action.Delete(POD, ControllerRefs.keyOf(pod), pod.path("metadata").path("uid").asText(), ""));
            }
        }
        ObjectNode status = status(rs, active, observed.writeFailure(), diff, now);
        if (!status.equals(rs.path("status"))) plan.add(new Action.UpdateStatus(status));
        long minReady = rs.path("spec").path("minReadySeconds").asLong(0);
        active.stream().map(p -> PodTemplates.availableAt(p, minReady, now)).flatMap(Optional::stream).min(Instant::compareTo)
                .ifPresent(at -> plan.requeue(Duration.between(now, at).plusSeconds(1)));
        return plan.build();
    }

    /**
     * kube's getIndirectlyRelatedPods: the pods the selectors of every ReplicaSet with the same
     * controller pick (this one's own pods as its picture has them), each once; none for a
     * ReplicaSet without a controller.
     */
    private List<JsonNode> relatedPods(ObjectNode rs, List<JsonNode> own, CacheReads reads) {
        Optional<OwnerReference> controller = OwnerReference.controllerOf(rs);
        if (controller.isEmpty()) return List.of();
        String uid = rs.path("metadata").path("uid").asText();
        String namespace = rs.path("metadata").path("namespace").asText();
        Map<String, JsonNode> byUid = new LinkedHashMap<>();
        own.forEach(p -> byUid.put(p.path("metadata").path("uid").asText(), p));
        List<JsonNode> siblings = new ArrayList<>(List.of(rs));
        for (ObjectNode other : reads.ownedBy(ControllerRefs.kindOf(rs).entityTypeName(), controller.get().uid())) {
            if (controller.get().uid().equals(OwnerReference.controllerUid(other)) && !uid.equals(other.path("metadata").path("uid").asText())) {
                siblings.add(other);
            }
        }
        for (JsonNode sibling : siblings) {
            for (ObjectNode pod : reads.selected(POD.entityTypeName(), namespace, selector(sibling))) {
                byUid.putIfAbsent(pod.path("metadata").path("uid").asText(), pod);
            }
        }
        return new ArrayList<>(byUid.values());
    }

    @Override
    public Optional<String> createdMessage(ObjectNode created) {
        return Optional.of("Created pod: " + created.path("metadata").path("name").asText());
    }

    @Override
    public Optional<String> deletedMessage(ObjectNode deleted) {
        return Optional.of("Deleted pod: " + deleted.path("metadata").path("name").asText());
    }

    /** replicas, fullyLabeledReplicas, readyReplicas, availableReplicas, observedGeneration and ReplicaFailure, as kube counts them. */
    static ObjectNode status(ObjectNode rs, List<JsonNode> active, String failure, int diff, Instant now) {
        JsonNode templateLabels = rs.path("spec").path("template").path("metadata").path("labels");
        long minReady = rs.path("spec").path("minReadySeconds").asLong(0);
        int fullyLabeled = 0;
        int ready = 0;
        int available = 0;
        for (JsonNode pod : active) {
            if (hasAll(pod.path("metadata").path("labels"), templateLabels)) fullyLabeled++;
            if (PodTemplates.ready(pod)) ready++;
            if (PodTemplates.available(pod, minReady, now)) available++;
        }
        ObjectNode status = Json.object();
        status.put("replicas", active.size());
        if (fullyLabeled > 0) status.put("fullyLabeledReplicas", fullyLabeled);
        if (ready > 0) status.put("readyReplicas", ready);
        if (available > 0) status.put("availableReplicas", available);
        status.put("observedGeneration", rs.path("metadata").path("generation").asLong(1));
        // kube's calculateStatus sets ReplicaFailure only when there is none: while failures go on, the first one stays as it was
        JsonNode previous = failureCondition(rs);
        if (failure != null) {
            ArrayNode conditions = status.putArray("conditions");
            if (previous != null) {
                conditions.add(previous.deepCopy());
            } else {
                conditions.addObject().put("type", "ReplicaFailure").put("status", "True")
                        .put("reason", diff < 0 ? "FailedCreate" : "FailedDelete").put("message", failure).put("lastTransitionTime", Times.rfc3339(now));
            }
        }
        return status;
    }

    private static JsonNode failureCondition(JsonNode rs) {
        for (JsonNode c : rs.path("status").path("conditions")) if ("ReplicaFailure".equals(c.path("type").asText())) return c;
        return null;
    }

    private static boolean hasAll(JsonNode labels, JsonNode wanted) {
        for (var it = wanted.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getValue().equals(labels.get(e.getKey()))) return false;
        }
        return true;
    }

}
