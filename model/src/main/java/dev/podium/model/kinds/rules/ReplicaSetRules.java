package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.kinds.KindRules;
import dev.podium.model.selectors.LabelSelector;
import dev.podium.model.validation.Causes;
import dev.podium.model.validation.GoValues;
import dev.podium.model.validation.Nodes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** apps/v1 ReplicaSet: kube's ValidateReplicaSetSpec; the field selector status.replicas. */
public final class ReplicaSetRules implements KindRules {
    static final Map<String, Function<JsonNode, String>> FIELD_SELECTORS = Map.of(
            "status.replicas", o -> String.valueOf(o.path("status").path("replicas").asLong(0)));

    @Override
    public void applyDefaults(ObjectNode obj) {
        ObjectNode spec = Nodes.child(obj, "spec");
        Nodes.putIfAbsent(spec, "replicas", 1L);
        Workloads.defaultTemplate(spec);
    }

    @Override
    public List<Cause> validate(ObjectNode obj) {
        JsonNode spec = Nodes.obj(obj, "spec");
        List<Cause> errs = new ArrayList<>();
        Workloads.nonNegative(spec, "replicas", "spec.replicas", errs);
        Workloads.nonNegative(spec, "minReadySeconds", "spec.minReadySeconds", errs);
        // kube words the empty-selector error for deployments here too: the two share it.
        Workloads.requiredSelector(spec, "deployment", errs);
        JsonNode selector = Nodes.obj(spec, "selector");
        Optional<LabelSelector> parsed = Workloads.asSelector(selector);
        if (parsed.isEmpty()) errs.add(Causes.invalidRendered("spec.selector", GoValues.labelSelector(selector), "invalid label selector"));
        else Workloads.replicatedTemplate(Nodes.obj(spec, "template"), parsed.get(), "spec.template", "ReplicaSet", errs);
        return errs;
    }

    @Override
    public List<Cause> validateUpdate(ObjectNode oldObj, ObjectNode newObj) {
        List<Cause> errs = new ArrayList<>();
        Workloads.selectorImmutable(oldObj, newObj, errs);
        return errs;
    }

    @Override
    public Map<String, Function<JsonNode, String>> fieldSelectors() {
        return FIELD_SELECTORS;
    }
}
