package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.kinds.KindRules;
import dev.podium.model.validation.JsonCompare;
import dev.podium.model.validation.Nodes;

import java.util.ArrayList;
import java.util.List;

/**
 * networking.k8s.io/v1 Ingress, kube's ValidateIngressCreate and ValidateIngressUpdate. The spec is
 * checked in {@link #validateCreate} and {@link #validateUpdate} rather than {@link #validate}
 * because an update tolerates invalid secret names and wildcard rules the stored object already had.
 */
public final class IngressRules implements KindRules {
    private static final String CLASS_ANNOTATION = "kubernetes.io/ingress.class";

    @Override
    public List<Cause> validateCreate(ObjectNode obj) {
        JsonNode spec = obj.get("spec");
        List<Cause> errs = new ArrayList<>(IngressValidation.spec(spec, IngressValidation.Leniency.NONE));
        String annotation = Nodes.stringMap(obj.get("metadata"), "annotations").get(CLASS_ANNOTATION);
        String className = Nodes.text(spec, "ingressClassName");
        if (annotation != null && className != null && !annotation.equals(className)) {
            errs.add(Cause.invalid("annotations." + CLASS_ANNOTATION, annotation, "must match `ingressClassName` when both are specified"));
        }
        return errs;
    }

    /** Also kube's ValidateIngressStatusUpdate: a write that changes the status has its load balancer entries checked. */
    @Override
    public List<Cause> validateUpdate(ObjectNode oldObj, ObjectNode newObj) {
        List<Cause> errs = new ArrayList<>(IngressValidation.spec(newObj.get("spec"), IngressValidation.Leniency.forUpdateOf(oldObj.get("spec"))));
        if (!JsonCompare.semanticEquals(oldObj.get("status"), newObj.get("status"))) {
            errs.addAll(IngressValidation.loadBalancerStatus(newObj.get("status")));
        }
        return errs;
    }
}
