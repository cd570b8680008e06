package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.kinds.KindRules;
import dev.podium.model.validation.Defaulter;
import dev.podium.model.validation.Nodes;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Defaulting, validation and field selectors for Pod. */
public final class PodRules implements KindRules, Defaulter.StatusPreparation {
    private static final Map<String, Function<JsonNode, String>> FIELD_SELECTORS = Map.of(
            "spec.nodeName", o -> Nodes.str(o.get("spec"), "nodeName"),
            "spec.restartPolicy", o -> Nodes.str(o.get("spec"), "restartPolicy"),
            "spec.schedulerName", o -> Nodes.str(o.get("spec"), "schedulerName"),
            "spec.serviceAccountName", o -> Nodes.str(o.get("spec"), "serviceAccountName"),
            "spec.hostNetwork", o -> String.valueOf(Nodes.bool(o.get("spec"), "hostNetwork")),
            "status.phase", o -> Nodes.str(o.get("status"), "phase"),
            "status.podIP", PodRules::podIP,
            "status.nominatedNodeName", o -> Nodes.str(o.get("status"), "nominatedNodeName"));


    @Override
    public void applyDefaults(ObjectNode obj) {
        PodDefaults.apply(obj);
    }

    @Override
    public List<Cause> validate(ObjectNode obj) {
        return PodValidation.validate(obj);
    }

    /** The strict update rule: spec.nodeName may not change here either. */
    @Override
    public List<Cause> validateUpdate(ObjectNode oldObj, ObjectNode newObj) {
        return PodUpdateValidation.validate(oldObj, newObj, false);
    }

    /**
     * The update rule with one exception for binding: spec.nodeName may go from unset to set.
     * kube's pods/binding writes nodeName without running update validation at all; use this when
     * the binding path still wants every other spec check.
     */
    public List<Cause> validateUpdateAllowingBinding(ObjectNode oldObj, ObjectNode newObj) {
        return PodUpdateValidation.validate(oldObj, newObj, true);
    }

    /** A status write never clears qosClass, which is fixed at creation. */
    @Override
    public void prepareForStatusUpdate(ObjectNode oldObj, ObjectNode newObj) {
        String oldQos = Nodes.str(oldObj.get("status"), "qosClass");
        if (!oldQos.isEmpty()) Nodes.putIfAbsent(Nodes.child(newObj, "status"), "qosClass", oldQos);
    }

    @Override
    public Map<String, Function<JsonNode, String>> fieldSelectors() {
        return FIELD_SELECTORS;
    }

    private static String podIP(JsonNode pod) {
        JsonNode status = pod.get("status");
        List<ObjectNode> ips = Nodes.objects(status, "podIPs");
        if (!ips.isEmpty()) return Nodes.str(ips.get(0), "ip");
        return Nodes.str(status, "podIP");
    }
}
