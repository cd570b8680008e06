package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.kinds.KindRules;
import dev.podium.model.validation.Nodes;
import dev.podium.model.validation.ObjectMetaValidation;
import dev.podium.model.validation.UpdatePreparation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Defaulting and validation for Namespace. */
public final class NamespaceRules implements KindRules, UpdatePreparation {
    public static final String FINALIZER_KUBERNETES = "kubernetes";
    private static final Map<String, Function<JsonNode, String>> FIELD_SELECTORS = Map.of("status.phase", o -> Nodes.str(o.get("status"), "phase"));

    /** Adds the "kubernetes" finalizer (as kube's PrepareForCreate) and phase Active when unset. */
    @Override
    public void applyDefaults(ObjectNode obj) {
        ObjectNode spec = Nodes.child(obj, "spec");
        ArrayNode finalizers = spec.get("finalizers") instanceof ArrayNode a ? a : spec.putArray("finalizers");
        boolean present = false;
        for (JsonNode f : finalizers) present |= FINALIZER_KUBERNETES.equals(f.asText());
        if (!present) finalizers.add(FINALIZER_KUBERNETES);
        Nodes.putIfAbsent(Nodes.child(obj, "status"), "phase", "Active");
    }

    @Override
    public List<Cause> validate(ObjectNode obj) {
        List<Cause> errs = new ArrayList<>();
        for (String f : Nodes.strings(obj.get("spec"), "finalizers")) {
            errs.addAll(ObjectMetaValidation.validateFinalizer(f, "spec.finalizers"));
        }
        return errs;
    }

    /** spec.finalizers only change through the finalize subresource, as in kube. */
    @Override
    public void prepareForUpdate(ObjectNode oldObj, ObjectNode newObj) {
        JsonNode oldFinalizers = oldObj.path("spec").get("finalizers");
        ObjectNode spec = Nodes.child(newObj, "spec");
        if (oldFinalizers == null) spec.remove("finalizers");
        else spec.set("finalizers", oldFinalizers.deepCopy());
    }

    @Override
    public Map<String, Function<JsonNode, String>> fieldSelectors() {
        return FIELD_SELECTORS;
    }
}
