package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.kinds.KindRules;

import java.util.ArrayList;
import java.util.List;

/** coordination.k8s.io/v1 Lease: node agents renew one each in kube-node-lease. */
public final class LeaseRules implements KindRules {
    @Override
    public List<Cause> validate(ObjectNode obj) {
        List<Cause> errs = new ArrayList<>();
        JsonNode spec = obj.path("spec");
        for (String f : List.of("leaseDurationSeconds", "leaseTransitions")) {
            JsonNode v = spec.get(f);
            if (v != null && !v.isNull() && (!v.canConvertToInt() || v.asInt() < (f.equals("leaseDurationSeconds") ? 1 : 0))) {
                errs.add(Cause.invalid("spec." + f, v.asText(), f.equals("leaseDurationSeconds") ? "must be greater than 0" : "must be greater than or equal to 0"));
            }
        }
        return errs;
    }
}
