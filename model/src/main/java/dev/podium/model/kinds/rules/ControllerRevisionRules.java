package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.kinds.KindRules;
import dev.podium.model.validation.Causes;
import dev.podium.model.validation.JsonCompare;

import java.util.ArrayList;
import java.util.List;

/** apps/v1 ControllerRevision: a snapshot of a workload's template, written once. */
public final class ControllerRevisionRules implements KindRules {
    @Override
    public List<Cause> validate(ObjectNode obj) {
        List<Cause> errs = new ArrayList<>();
        JsonNode data = obj.get("data");
        if (data == null || data.isNull()) errs.add(Cause.required("data", "data is mandatory"));
        Workloads.nonNegative(obj, "revision", "revision", errs);
        return errs;
    }

    @Override
    public List<Cause> validateUpdate(ObjectNode oldObj, ObjectNode newObj) {
        if (JsonCompare.semanticEquals(oldObj.get("data"), newObj.get("data"))) return List.of();
        // kube prints the whole runtime object here; the type name says what changed.
        return List.of(Causes.invalidRendered("data", "runtime.RawExtension{...}", "field is immutable"));
    }
}
