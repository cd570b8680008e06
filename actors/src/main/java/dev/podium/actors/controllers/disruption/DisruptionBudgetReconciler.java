package dev.podium.actors.controllers.disruption;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.controllers.Action;
import dev.podium.actors.controllers.CacheReads;
import dev.podium.actors.controllers.Observed;
import dev.podium.actors.controllers.Plan;
import dev.podium.actors.controllers.Reconciler;
import dev.podium.actors.disruption.DisruptionBudgets;
import dev.podium.model.json.Json;
import dev.podium.model.discovery.Subresources;
import dev.podium.model.json.Times;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.meta.OwnerReference;
import dev.podium.model.selectors.LabelSelector;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A PodDisruptionBudget's status (kube's disruption controller): the pods its selector picks,
 * how many are expected (the scale of their controllers, or the pods themselves for an integer
 * minAvailable), how many are healthy and must stay so, and the disruptions allowed now, with the
 * DisruptionAllowed condition. Pods tell the budgets that select them when their readiness, phase
 * or labels change. For maxUnavailable and percentage minAvailable, pods without a controller are
 * left out of the count (an UnmanagedPods warning), and a pod whose controller is gone or has no
 * scale makes the budget fail safe: no disruption allowed (reason SyncFailed).
 */
public final class DisruptionBudgetReconciler implements Reconciler {

    @Override
    public List<ResourceKind> ownedKinds() {
        return List.of();
    }

    @Override
    public Plan reconcile(Observed observed) {
        ObjectNode pdb = observed.owner();
        Instant now = observed.now();
        String namespace = pdb.path("metadata").path("namespace").asText();
        List<ObjectNode> pods = observed.reads().selected("Pod", namespace, LabelSelector.fromObject(pdb.path("spec").path("selector")));
        Plan.Builder plan = new Plan.Builder();
        int expected;
        if (pdb.path("spec").path("minAvailable").isInt()) {
            expected = pods.size();
        } else {
            Expected e = expected(pods, observed.reads());
            if (e.error() != null) return failSafe(pdb, e.error(), now, plan);
            expected = e.count();
            if (!e.unmanaged().isEmpty()) {
                plan.add(new Action.Event(pdb, "Warning", "UnmanagedPods", "Pods selected by this PodDisruptionBudget (selector: "
                        + LabelSelector.fromObject(pdb.path("spec").path("selector")) + ") were found to be unmanaged. As a result, the status of the PDB "
                        + "cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set "
                        + "\".spec.minAvailable\" field of the PDB to an integer value."));
            }
        }
        ObjectNode disrupted = DisruptionBudgets.stillDisrupted(pdb, pods, now);
        int desired = DisruptionBudgets.desiredHealthy(pdb, expected);
        int healthy = (int) pods.stream().filter(p -> DisruptionBudgets.healthy(p, disrupted)).count();
        int allowed = expected <= 0 ? 0 : Math.max(0, healthy - desired);
        ObjectNode status = Json.object();
        status.put("observedGeneration", pdb.path("metadata").path("generation").asLong(1));
        if (!disrupted.isEmpty()) status.set("disruptedPods", disrupted);
        status.put("disruptionsAllowed", allowed).put("currentHealthy", healthy).put("desiredHealthy", desired).put("expectedPods", expected);
        JsonNode previous = pdb.path("status").path("conditions").path(0);
        String value = allowed > 0 ? "True" : "False";
        boolean same = value.equals(previous.path("status").asText());
        status.putArray("conditions").addObject().put("type", "DisruptionAllowed").put("status", value)
                .put("reason", allowed > 0 ? "SufficientPods" : "InsufficientPods").put("message", "")
                .put("observedGeneration", pdb.path("metadata").path("generation").asLong(1))
                .put("lastTransitionTime", same ? previous.path("lastTransitionTime").asText() : Times.rfc3339(now));
        if (!status.equals(pdb.path("status"))) plan.add(new Action.UpdateStatus(status));
        disrupted.fields().forEachRemaining(e -> plan.requeue(Duration.between(now,
                Instant.parse(e.getValue().asText()).plus(DisruptionBudgets.DISRUPTION_WINDOW)).plusSeconds(1)));
        return plan.build();
    }

    /**
     * kube's failSafe when the expected pods cannot be told: no disruption allowed, DisruptionAllowed
     * False with reason SyncFailed and the error; the rest of the status stays as it was.
     */
    private static Plan failSafe(ObjectNode pdb, String error, Instant now, Plan.Builder plan) {
        plan.add(new Action.Event(pdb, "Warning", "CalculateExpectedPodCountFailed", "Failed to calculate the number of expected pods: " + error));
        ObjectNode status = pdb.path("status").isObject() ? ((ObjectNode) pdb.path("status")).deepCopy() : Json.object();
        status.put("disruptionsAllowed", 0);
        ArrayNode conditions = status.withArray("conditions");
        JsonNode previous = null;
        for (int i = 0; i < conditions.size(); i++) {
            if ("DisruptionAllowed".equals(conditions.get(i).path("type").asText())) {
                previous = conditions.remove(i);
                break;
            }
        }
        ObjectNode c = Json.object().put("type", "DisruptionAllowed").put("status", "False").put("reason", "SyncFailed").put("message", error);
        long observedGeneration = status.path("observedGeneration").asLong(0);
        if (observedGeneration > 0) c.put("observedGeneration", observedGeneration);
        boolean same = previous != null && "False".equals(previous.path("status").asText()) && previous.has("lastTransitionTime");
        c.put("lastTransitionTime", same ? previous.path("lastTransitionTime").asText() : Times.rfc3339(now));
        conditions.add(c);
        if (!status.equals(pdb.path("status"))) plan.add(new Action.UpdateStatus(status));
        return plan.build();
    }

    /** kube's getExpectedScale: the controllers' scales added up, the pods without a controller, or why the count cannot be told. */
    record Expected(int count, List<String> unmanaged, String error) {}

    /**
     * The pods expected, for maxUnavailable and percentage minAvailable: the scale of the
     * controllers of the selected pods, each counted once (a ReplicaSet's Deployment when it has
     * one). A pod without a controller is left out (and reported); one whose controller is gone,
     * or has no scale, makes the count impossible, as in kube's getExpectedScale.
     */
    static Expected expected(List<ObjectNode> pods, CacheReads reads) {
        Map<String, Integer> byController = new HashMap<>();
        Set<String> refsSeen = new HashSet<>();
        List<String> unmanaged = new ArrayList<>();
        for (ObjectNode pod : pods) {
            String podName = pod.path("metadata").path("name").asText();
            Optional<OwnerReference> ref = OwnerReference.controllerOf(pod);
            if (ref.isEmpty()) {
                unmanaged.add(podName);
                continue;
            }
            if (!refsSeen.add(ref.get().uid())) continue;
            String namespace = pod.path("metadata").path("namespace").asText();
            Optional<ResourceKind> kind = KindRegistry.byEntityType(ref.get().entityTypeName());
            if (kind.isEmpty()) {
                return new Expected(0, unmanaged, "no matches for kind \"" + ref.get().kind() + "\" in version \"" + ref.get().apiVersion() + "\"");
            }
            if (Subresources.of(kind.get()).stream().noneMatch(sub -> sub.name().equals("scale"))) {
                String resource = kind.get().group().isEmpty() ? kind.get().plural() : kind.get().plural() + "." + kind.get().group();
                return new Expected(0, unmanaged, resource + " does not implement the scale subresource");
            }
            JsonNode controller = reads.get(ref.get().entityTypeName(), namespace + "/" + ref.get().name())
                    .filter(c -> ref.get().uid().equals(c.path("metadata").path("uid").asText())).orElse(null);
            if (controller == null) return new Expected(0, unmanaged, "found no controllers for pod \"" + podName + "\"");
            Optional<OwnerReference> grand = OwnerReference.controllerOf(controller);
            if (ref.get().kind().equals("ReplicaSet") && grand.isPresent() && grand.get().kind().equals("Deployment")) {
                String deploymentUid = grand.get().uid();
                JsonNode deployment = reads.get(grand.get().entityTypeName(), namespace + "/" + grand.get().name())
                        .filter(d -> deploymentUid.equals(d.path("metadata").path("uid").asText())).orElse(null);
                if (deployment != null) controller = deployment;
            }
            JsonNode replicas = controller.path("spec").path("replicas");
            byController.put(controller.path("metadata").path("uid").asText(), replicas.isMissingNode() ? 1 : replicas.asInt());
        }
        return new Expected(byController.values().stream().mapToInt(Integer::intValue).sum(), unmanaged, null);
    }
}
