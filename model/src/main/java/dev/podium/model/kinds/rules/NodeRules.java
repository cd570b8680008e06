package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.kinds.KindRules;
import dev.podium.model.validation.Nodes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Defaulting and validation for Node. */
public final class NodeRules implements KindRules {
    private static final Map<String, Function<JsonNode, String>> FIELD_SELECTORS = Map.of("spec.unschedulable", o -> String.valueOf(Nodes.bool(o.get("spec"), "unschedulable")));


    /** status.allocatable defaults to status.capacity, as SetDefaults_NodeStatus. */
    @Override
    public void applyDefaults(ObjectNode obj) {
        ObjectNode status = Nodes.obj(obj, "status");
        if (status != null && status.get("allocatable") == null && Nodes.obj(status, "capacity") != null) {
            status.set("allocatable", status.get("capacity").deepCopy());
        }
    }

    @Override
    public List<Cause> validate(ObjectNode obj) {
        return TaintValidation.taints(Nodes.objects(obj.get("spec"), "taints"), "spec.taints");
    }

    @Override
    public List<Cause> validateUpdate(ObjectNode oldObj, ObjectNode newObj) {
        List<Cause> errs = new ArrayList<>();
        JsonNode oldSpec = oldObj.get("spec");
        JsonNode newSpec = newObj.get("spec");
        List<String> oldCidrs = Nodes.strings(oldSpec, "podCIDRs");
        if (!oldCidrs.isEmpty() && !oldCidrs.equals(Nodes.strings(newSpec, "podCIDRs"))) {
            errs.add(Cause.forbidden("spec.podCIDRs", "node updates may not change podCIDR except from \"\" to valid"));
        }
        String oldProvider = Nodes.str(oldSpec, "providerID");
        if (!oldProvider.isEmpty() && !oldProvider.equals(Nodes.str(newSpec, "providerID"))) {
            errs.add(Cause.forbidden("spec.providerID", "node updates may not change providerID except from \"\" to valid"));
        }
        return errs;
    }

    @Override
    public Map<String, Function<JsonNode, String>> fieldSelectors() {
        return FIELD_SELECTORS;
    }
}
