package dev.podium.actors.controllers.ingress;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.controllers.Action;
import dev.podium.actors.controllers.Observed;
import dev.podium.actors.controllers.Plan;
import dev.podium.actors.controllers.Reconciler;
import dev.podium.actors.controllers.endpoints.LoadBalancerIngress;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.network.IngressClasses;

import java.util.List;

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
        ObjectNode status = LoadBalancerIngress.withLoadBalancer(ingress, LoadBalancerIngress.atProxyAddresses(observed.reads().list("Node"), null));
        return status == null ? plan.build() : plan.add(new Action.UpdateStatus(status)).build();
    }
}
