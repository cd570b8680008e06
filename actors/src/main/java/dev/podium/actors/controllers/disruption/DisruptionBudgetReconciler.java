package dev.podium.actors.controllers.disruption;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.controllers.Action;
import dev.podium.actors.controllers.CacheReads;
import dev.podium.actors.controllers.Observed;
import dev.podium.actors.controllers.Plan;
import dev.podium.actors.controllers.Reconciler;
import dev.podium.actors.disruption.DisruptionBudgets;
import dev.podium.model.json.Json;
import dev.podium.model.json.Times;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.meta.OwnerReference;
import dev.podium.model.selectors.LabelSelector;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A PodDisruptionBudget's status (kube's disruption controller): the pods its selector picks,
 * how many are expected (the scale of their controllers, or the pods themselves for an integer
 * minAvailable), how many are healthy and must stay so, and the disruptions allowed now, with the
 * DisruptionAllowed condition. Pods tell the budgets that select them when their readiness, phase
 * or labels change.
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
        ObjectNode disrupted = DisruptionBudgets.stillDisrupted(pdb, pods, now);
        int expected = pdb.path("spec").path("minAvailable").isInt() ? pods.size() : expected(pods, observed.reads());
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
        Plan.Builder plan = new Plan.Builder();
        if (!status.equals(pdb.path("status"))) plan.add(new Action.UpdateStatus(status));
        disrupted.fields().forEachRemaining(e -> plan.requeue(Duration.between(now,
                Instant.parse(e.getValue().asText()).plus(DisruptionBudgets.DISRUPTION_WINDOW)).plusSeconds(1)));
        return plan.build();
    }

    /**
     * The pods expected: the replicas of the controllers of the selected pods, each counted once
     * (a ReplicaSet's Deployment when it has one); a pod without a known controller counts itself.
     */
    static int expected(List<ObjectNode> pods, CacheReads reads) {
        Map<String, Integer> byController = new HashMap<>();
        int bare = 0;
        for (ObjectNode pod : pods) {
            var ref = OwnerReference.controllerOf(pod);
            if (ref.isEmpty()) {
                bare++;
                continue;
            }
            String namespace = pod.path("metadata").path("namespace").asText();
            JsonNode controller = reads.get(ref.get().entityTypeName(), namespace + "/" + ref.get().name()).orElse(null);
            if (controller == null) {
                bare++;
                continue;
            }
            var grand = OwnerReference.controllerOf(controller);
            if (ref.get().kind().equals("ReplicaSet") && grand.isPresent() && grand.get().kind().equals("Deployment")) {
                JsonNode deployment = reads.get(grand.get().entityTypeName(), namespace + "/" + grand.get().name()).orElse(null);
                if (deployment != null) controller = deployment;
            }
            JsonNode replicas = controller.path("spec").path("replicas");
            byController.put(controller.path("metadata").path("uid").asText(), replicas.isMissingNode() ? 1 : replicas.asInt());
        }
        return bare + byController.values().stream().mapToInt(Integer::intValue).sum();
    }
}
