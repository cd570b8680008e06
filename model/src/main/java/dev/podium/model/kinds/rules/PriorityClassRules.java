package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.kinds.KindRules;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** scheduling.k8s.io/v1 PriorityClass: a name for a pod priority value. */
public final class PriorityClassRules implements KindRules {
    static final long HIGHEST_USER_DEFINABLE = 1_000_000_000L;
    private static final Set<String> POLICIES = Set.of("PreemptLowerPriority", "Never");

    @Override
    public void applyDefaults(ObjectNode obj) {
        if (!obj.hasNonNull("preemptionPolicy")) obj.put("preemptionPolicy", "PreemptLowerPriority");
    }

    @Override
    public List<Cause> validate(ObjectNode obj) {
        List<Cause> errs = new ArrayList<>();
        String name = obj.path("metadata").path("name").asText("");
        JsonNode value = obj.get("value");
        if (value == null || !value.canConvertToLong()) {
            errs.add(Cause.required("value"));
        } else if (value.asLong() > HIGHEST_USER_DEFINABLE && !name.startsWith("system-")) {
            errs.add(Cause.forbidden("value", "maximum allowed value of a user defined priority is " + HIGHEST_USER_DEFINABLE));
        }
        if (name.startsWith("system-") && !Set.of("system-cluster-critical", "system-node-critical").contains(name)) {
            errs.add(Cause.forbidden("metadata.name", "priority class names with 'system-' prefix are reserved for system use only"));
        }
        String policy = obj.path("preemptionPolicy").asText("PreemptLowerPriority");
        if (!POLICIES.contains(policy)) errs.add(Cause.notSupported("preemptionPolicy", policy, List.of("Never", "PreemptLowerPriority")));
        return errs;
    }

    @Override
    public List<Cause> validateUpdate(ObjectNode oldObj, ObjectNode newObj) {
        if (!oldObj.path("value").equals(newObj.path("value"))) return List.of(Cause.forbidden("value", "may not be changed in an update."));
        return List.of();
    }
}
