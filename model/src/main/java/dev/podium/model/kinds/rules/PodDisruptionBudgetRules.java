package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.kinds.KindRules;

import java.util.ArrayList;
import java.util.List;

/** policy/v1 PodDisruptionBudget: stored now, honoured by evictions (drain). */
public final class PodDisruptionBudgetRules implements KindRules {
    @Override
    public List<Cause> validate(ObjectNode obj) {
        List<Cause> errs = new ArrayList<>();
        JsonNode spec = obj.path("spec");
        boolean min = spec.hasNonNull("minAvailable");
        boolean max = spec.hasNonNull("maxUnavailable");
        if (min && max) errs.add(Cause.invalid("spec", "", "minAvailable and maxUnavailable cannot be both set"));
        for (String f : List.of("minAvailable", "maxUnavailable")) {
            JsonNode v = spec.get(f);
            if (v == null || v.isNull()) continue;
            if (v.isInt() && v.asInt() < 0) errs.add(Cause.invalid("spec." + f, v.asInt(), "must be greater than or equal to 0"));
            if (v.isTextual() && !v.asText().matches("\\d+%")) errs.add(Cause.invalid("spec." + f, v.asText(), "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"));
        }
        return errs;
    }
}
