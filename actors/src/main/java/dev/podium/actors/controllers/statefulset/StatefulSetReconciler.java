package dev.podium.actors.controllers.statefulset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.controllers.Action;
import dev.podium.actors.controllers.ControllerRefs;
import dev.podium.actors.controllers.ControllerRevisions;
import dev.podium.actors.controllers.Observed;
import dev.podium.actors.controllers.Plan;
import dev.podium.actors.controllers.PodTemplates;
import dev.podium.actors.controllers.Reconciler;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.meta.OwnerReference;
import dev.podium.model.selectors.LabelSelector;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The StatefulSet controller (kube's pkg/controller/statefulset): pods {@code <name>-0 … -N-1}
 * with stable hostnames under the governing Service, each with its PersistentVolumeClaims
 * ({@code <claim>-<name>-<ordinal>}, created before the pod and kept when it goes unless the
 * retention policy says otherwise). OrderedReady creates them in order, each Running and Ready
 * before the next, and removes them in reverse; Parallel does both at once. A new template is a
 * new ControllerRevision; RollingUpdate replaces pods from the highest ordinal down to the
 * partition, one at a time; OnDelete waits for pods to be deleted.
 */
public final class StatefulSetReconciler implements Reconciler {
    static final ResourceKind POD = KindRegistry.get("Pod");
    static final ResourceKind PVC = KindRegistry.get("PersistentVolumeClaim");
    static final String POD_NAME = "statefulset.kubernetes.io/pod-name";
    static final String POD_INDEX = "apps.kubernetes.io/pod-index";

    @Override
    public List<ResourceKind> ownedKinds() {
        return List.of(POD, ControllerRevisions.KIND);
    }

    @Override
    public Optional<LabelSelector> adoptionSelector(ObjectNode owner) {
        if (owner.path("metadata").has("deletionTimestamp")) return Optional.empty();
        return Optional.of(LabelSelector.fromObject(owner.path("spec").path("selector")));
    }

    @Override
    public Optional<String> createdMessage(ObjectNode created) {
        return Optional.of("create Pod " + created.path("metadata").path("name").asText() + " in StatefulSet "
                + OwnerReference.controllerOf(created).map(OwnerReference::name).orElse("") + " successful");
    }

    @Override
    public Optional<String> deletedMessage(ObjectNode deleted) {
        return Optional.of("delete Pod " + deleted.path("metadata").path("name").asText() + " in StatefulSet "
                + OwnerReference.controllerOf(deleted).map(OwnerReference::name).orElse("") + " successful");
    }

    @Override
    public Plan reconcile(Observed observed) {
        ObjectNode sts = observed.owner();
        Instant now = observed.now();
        Plan.Builder plan = new Plan.Builder();
        boolean deleting = sts.path("metadata").has("deletionTimestamp");
        String name = sts.path("metadata").path("name").asText();
        List<ObjectNode> revisions = observed.owned(ControllerRevisions.KIND.entityTypeName());
        Optional<ObjectNode> update = ControllerRevisions.current(sts, revisions);
        if (!deleting && update.isEmpty()) {
            plan.add(new Action.Create(ControllerRevisions.KIND, ControllerRevisions.create(sts, revisions), false));
            return plan.build();
        }
        String updateRevision = update.map(r -> r.path("metadata").path("name").asText()).orElse("");
        String currentRevision = sts.path("status").path("currentRevision").asText(updateRevision);
        Map<Integer, ObjectNode> pods = new TreeMap<>();
        Set<String> live = new HashSet<>(List.of(updateRevision, currentRevision));
        for (ObjectNode pod : observed.owned(POD.entityTypeName())) {
            int ordinal = Ordinals.of(name, pod.path("metadata").path("name").asText());
            if (ordinal >= 0) pods.put(ordinal, pod);
            live.add(pod.path("metadata").path("labels").path(ControllerRevisions.HASH_LABEL).asText());
        }
        int replicas = sts.path("spec").path("replicas").asInt(1);
        int start = sts.path("spec").path("ordinals").path("start").asInt(0);
        boolean parallel = "Parallel".equals(sts.path("spec").path("podManagementPolicy").asText("OrderedReady"));
        long minReady = sts.path("spec").path("minReadySeconds").asLong(0);
        if (!deleting) {
            Pods p = new Pods(sts, pods, revisions, currentRevision, updateRevision, observed, plan);
            if (p.ensureReplicas(start, replicas, parallel) && p.removeCondemned(start, replicas, parallel)) p.rollingUpdate(start, replicas);
            for (ObjectNode r : ControllerRevisions.surplus(sts, revisions, live)) {
                plan.add(new Action.Delete(ControllerRevisions.KIND, ControllerRefs.keyOf(r), r.path("metadata").path("uid").asText(), ""));
            }
        }
        ObjectNode status = status(sts, pods.values(), currentRevision, updateRevision, replicas, minReady, now);
        if (!status.equals(sts.path("status"))) plan.add(new Action.UpdateStatus(status));
        // no event marks the moment a ready pod becomes available: look again then (kube requeues after minReadySeconds)
        pods.values().stream().map(p -> PodTemplates.availableAt(p, minReady, now)).flatMap(Optional::stream).min(Instant::compareTo)
                .ifPresent(at -> plan.requeue(java.time.Duration.between(now, at).plusSeconds(1)));
        return plan.build();
    }

    /** replicas, readyReplicas, availableReplicas, currentReplicas, updatedReplicas and the revisions; a finished rollout makes the update revision current. */
    static ObjectNode status(ObjectNode sts, java.util.Collection<ObjectNode> pods, String currentRevision, String updateRevision, int replicas,
                             long minReady, Instant now) {
        int count = 0;
        int ready = 0;
        int available = 0;
        int current = 0;
        int updated = 0;
        for (ObjectNode pod : pods) {
            if (pod.path("metadata").has("deletionTimestamp") && PodTemplates.terminal(pod)) continue;
            count++;
            if (PodTemplates.ready(pod)) ready++;
            if (PodTemplates.available(pod, minReady, now)) available++;
            if (pod.path("metadata").has("deletionTimestamp")) continue;
            String revision = pod.path("metadata").path("labels").path(ControllerRevisions.HASH_LABEL).asText();
            if (revision.equals(currentRevision)) current++;
            if (revision.equals(updateRevision)) updated++;
        }
        if (updated == replicas && ready == replicas && count == replicas) {
            currentRevision = updateRevision;
            current = updated;
        }
        ObjectNode status = Json.object();
        status.put("observedGeneration", sts.path("metadata").path("generation").asLong(1));
        status.put("replicas", count);
        status.put("availableReplicas", available);
        if (ready > 0) status.put("readyReplicas", ready);
        if (current > 0) status.put("currentReplicas", current);
        if (updated > 0) status.put("updatedReplicas", updated);
        status.put("currentRevision", currentRevision);
        status.put("updateRevision", updateRevision);
        status.put("collisionCount", sts.path("status").path("collisionCount").asInt(0));
        return status;
    }

    /** The pod for an ordinal from a revision's template: its name and hostname, subdomain, labels, and its claims' volumes. */
    static ObjectNode pod(ObjectNode sts, int ordinal, ObjectNode revision) {
        String stsName = sts.path("metadata").path("name").asText();
        String podName = stsName + "-" + ordinal;
        JsonNode template = revision.path("data").path("spec").path("template").deepCopy();
        ((ObjectNode) template).remove("$patch");
        ObjectNode pod = PodTemplates.pod(sts, template, podName, false);
        ObjectNode labels = pod.with("metadata").with("labels");
        labels.put(POD_NAME, podName).put(POD_INDEX, Integer.toString(ordinal))
                .put(ControllerRevisions.HASH_LABEL, revision.path("metadata").path("name").asText());
        ObjectNode spec = pod.with("spec");
        spec.put("hostname", podName);
        String service = sts.path("spec").path("serviceName").asText("");
        if (!service.isEmpty()) spec.put("subdomain", service);
        ArrayNode volumes = spec.withArray("volumes");
        for (JsonNode claim : sts.path("spec").path("volumeClaimTemplates")) {
            String claimName = claim.path("metadata").path("name").asText();
            for (int i = volumes.size() - 1; i >= 0; i--) if (claimName.equals(volumes.get(i).path("name").asText())) volumes.remove(i);
            volumes.addObject().put("name", claimName).putObject("persistentVolumeClaim").put("claimName", claimName + "-" + podName);
        }
        if (volumes.isEmpty()) spec.remove("volumes");
        return pod;
    }

    /** The claim of a volumeClaimTemplate for a pod: labelled with the template's labels and the selector's, owned per the retention policy. */
    static ObjectNode claim(ObjectNode sts, JsonNode template, String podName) {
        ObjectNode claim = Json.object();
        claim.put("apiVersion", "v1").put("kind", "PersistentVolumeClaim");
        ObjectNode meta = claim.putObject("metadata");
        meta.put("name", template.path("metadata").path("name").asText() + "-" + podName).put("namespace", sts.path("metadata").path("namespace").asText());
        ObjectNode labels = meta.putObject("labels");
        template.path("metadata").path("labels").fields().forEachRemaining(e -> labels.set(e.getKey(), e.getValue()));
        sts.path("spec").path("selector").path("matchLabels").fields().forEachRemaining(e -> labels.set(e.getKey(), e.getValue()));
        if (template.path("metadata").has("annotations")) meta.set("annotations", template.path("metadata").path("annotations").deepCopy());
        if ("Delete".equals(sts.path("spec").path("persistentVolumeClaimRetentionPolicy").path("whenDeleted").asText("Retain"))) {
            meta.putArray("ownerReferences").add(OwnerReference.controllerRefTo(sts).put("controller", false));
        }
        claim.set("spec", template.path("spec").deepCopy());
        return claim;
    }
}
