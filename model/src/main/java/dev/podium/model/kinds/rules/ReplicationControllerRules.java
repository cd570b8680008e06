package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.kinds.KindRules;
import dev.podium.model.selectors.LabelSelector;
import dev.podium.model.validation.Nodes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * core/v1 ReplicationController: a map selector that defaults to the template labels, and a
 * template that is optional in the schema but required by validation.
 */
public final class ReplicationControllerRules implements KindRules {
    @Override
    public void applyDefaults(ObjectNode obj) {
        ObjectNode spec = Nodes.child(obj, "spec");
        ObjectNode template = Nodes.obj(spec, "template");
        ObjectNode labels = Nodes.obj(Nodes.obj(template, "metadata"), "labels");
        if (labels != null) {
            if (Nodes.isEmpty(spec, "selector")) spec.set("selector", labels.deepCopy());
            ObjectNode meta = Nodes.child(obj, "metadata");
            if (Nodes.isEmpty(meta, "labels")) meta.set("labels", labels.deepCopy());
        }
        Nodes.putIfAbsent(spec, "replicas", 1L);
        if (template != null) PodDefaults.applyToTemplate(template);
    }

    @Override
    public List<Cause> validate(ObjectNode obj) {
        JsonNode spec = Nodes.obj(obj, "spec");
        List<Cause> errs = new ArrayList<>();
        Workloads.nonNegative(spec, "minReadySeconds", "spec.minReadySeconds", errs);
        Map<String, String> selector = Nodes.stringMap(spec, "selector");
        if (selector.isEmpty()) errs.add(Cause.required("spec.selector"));
        Workloads.nonNegative(spec, "replicas", "spec.replicas", errs);
        Workloads.replicatedTemplate(Nodes.obj(spec, "template"), LabelSelector.fromMap(selector), "spec.template", "ReplicationController", errs);
        return errs;
    }

    @Override
    public Map<String, Function<JsonNode, String>> fieldSelectors() {
        return ReplicaSetRules.FIELD_SELECTORS;
    }
}
