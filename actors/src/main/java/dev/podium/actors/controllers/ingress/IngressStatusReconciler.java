package dev.podium.actors.controllers.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.controllers.Action;
import dev.podium.actors.controllers.Observed;
import dev.podium.actors.controllers.Plan;
import dev.podium.actors.controllers.Reconciler;
import dev.podium.actors.controllers.endpoints.LoadBalancerIngress;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.network.IngressClasses;

import java.util.List;
import java.util.TreeSet;

/**
 * An Ingress of Podium's ingress controller shows where it answers: the addresses of the real
 * nodes, whose ingress proxies serve it, in {@code status.loadBalancer.ingress} (kubectl's
 * ADDRESS). An Ingress of another controller is left alone (its status is that controller's).
 */
public final class IngressStatusReconciler implements Reconciler {
    static final String INGRESS_CLASS = "IngressClass.networking.k8s.io";

    @Override
    public List<ResourceKind> ownedKinds() {
        return List.of();
    }

    @Override
    public Plan reconcile(Observed observed) {
        ObjectNode ingress = observed.owner();
        Plan.Builder plan = new Plan.Builder();
        if (ingress.path("metadata").has("deletionTimestamp")) return plan.build();
        if (!new IngressClasses(IngressClasses.PODIUM_CONTROLLER, observed.reads().list(INGRESS_CLASS)).owns(ingress)) return plan.build();
        ObjectNode wanted = wanted(observed.reads().list("Node"));
        JsonNode current = ingress.path("status").path("loadBalancer");
        if (current.isMissingNode() ? wanted.isEmpty() : current.equals(wanted)) return plan.build();
        ObjectNode status = ingress.path("status").isObject() ? ((ObjectNode) ingress.path("status")).deepCopy() : Json.object();
        status.set("loadBalancer", wanted);
        return plan.add(new Action.UpdateStatus(status)).build();
    }

    static ObjectNode wanted(List<? extends JsonNode> nodes) {
        ObjectNode lb = Json.object();
        TreeSet<String> ips = LoadBalancerIngress.proxyAddresses(nodes);
        if (ips.isEmpty()) return lb;
        ArrayNode ingress = lb.putArray("ingress");
        ips.forEach(ip -> ingress.addObject().put("ip", ip));
        return lb;
    }
}
