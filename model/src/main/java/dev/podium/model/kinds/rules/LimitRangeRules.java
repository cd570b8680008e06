package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.kinds.KindRules;
import dev.podium.model.validation.Quantities;

import java.util.ArrayList;
import java.util.List;

/** v1 LimitRange: each limit of a supported type, its quantities valid. */
public final class LimitRangeRules implements KindRules {
    private static final List<String> TYPES = List.of("Pod", "Container", "PersistentVolumeClaim");

    @Override
    public List<Cause> validate(ObjectNode obj) {
        List<Cause> errs = new ArrayList<>();
        JsonNode limits = obj.path("spec").path("limits");
        for (int i = 0; i < limits.size(); i++) {
            JsonNode limit = limits.get(i);
            String path = "spec.limits[" + i + "]";
            String type = limit.path("type").asText();
            if (type.isEmpty()) errs.add(Cause.required(path + ".type"));
            else if (!TYPES.contains(type)) errs.add(Cause.notSupported(path + ".type", type, TYPES));
            for (String field : new String[] {"max", "min", "default", "defaultRequest", "maxLimitRequestRatio"}) {
                limit.path(field).fields().forEachRemaining(e -> {
                    if (Quantities.parse(e.getValue()) == null) {
                        errs.add(Cause.invalid(path + "." + field + "[" + e.getKey() + "]", e.getValue().asText(), Quantities.FORMAT_ERROR));
                    }
                });
            }
        }
        return errs;
    }
}
