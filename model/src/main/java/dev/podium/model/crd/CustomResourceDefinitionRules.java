package dev.podium.model.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.kinds.KindRules;
import dev.podium.model.validation.Causes;
import dev.podium.model.validation.Nodes;
import dev.podium.model.validation.UpdatePreparation;

import java.util.ArrayList;
import java.util.List;

/**
 * apiextensions.k8s.io/v1 CustomResourceDefinition: kube-apiserver's defaulting and validation.
 * The versions' openAPIV3Schemas are only required here; judging them is the {@link SchemaCheck}'s.
 */
public final class CustomResourceDefinitionRules implements KindRules, UpdatePreparation {
    /** Checks one version's schema root, reporting under {@code fieldPath} (e.g. spec.validation.openAPIV3Schema). */
    @FunctionalInterface
    public interface SchemaCheck {
        SchemaCheck NONE = (schema, fieldPath) -> List.of();

        List<Cause> errors(JsonNode schema, String fieldPath);
    }

    private final SchemaCheck schemaCheck;

    public CustomResourceDefinitionRules() {
        this(SchemaCheck.NONE);
    }

    public CustomResourceDefinitionRules(SchemaCheck schemaCheck) {
        this.schemaCheck = schemaCheck;
    }

    /**
     * The path kube reports version {@code versionIndex}'s schema errors under:
     * {@code spec.validation.openAPIV3Schema} when all versions share one schema.
     */
    public static String schemaPath(JsonNode crd, int versionIndex) {
        return CrdLayout.schemaPath(crd.path("spec"), versionIndex);
    }

    @Override
    public void applyDefaults(ObjectNode obj) {
        CrdDefaults.apply(obj);
    }

    @Override
    public void prepareForUpdate(ObjectNode oldObj, ObjectNode newObj) {
        CrdDefaults.recordStorageVersion(newObj);
    }

    @Override
    public List<Cause> validate(ObjectNode obj) {
        return CrdValidation.validate(obj, schemaCheck);
    }

    /**
     * Group and plural make up the definition's name and never change; scope and kind decide how
     * objects are stored, so they are fixed once the definition is Established.
     */
    @Override
    public List<Cause> validateUpdate(ObjectNode oldObj, ObjectNode newObj) {
        List<Cause> errs = new ArrayList<>();
        JsonNode spec = newObj.path("spec");
        JsonNode oldSpec = oldObj.path("spec");
        if (established(oldObj)) {
            immutable(spec, oldSpec, "scope", "spec.scope", errs);
            immutable(spec.path("names"), oldSpec.path("names"), "kind", "spec.names.kind", errs);
        }
        immutable(spec, oldSpec, "group", "spec.group", errs);
        immutable(spec.path("names"), oldSpec.path("names"), "plural", "spec.names.plural", errs);
        return errs;
    }

    static boolean established(JsonNode crd) {
        for (JsonNode c : crd.path("status").path("conditions")) {
            if (Nodes.str(c, "type").equals("Established")) return Nodes.str(c, "status").equals("True");
        }
        return false;
    }

    private static void immutable(JsonNode now, JsonNode before, String field, String path, List<Cause> errs) {
        String value = Nodes.str(now, field);
        if (!value.equals(Nodes.str(before, field))) errs.add(Causes.immutable(path, value));
    }
}
