package dev.podium.model.crd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.model.api.Cause;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What is wrong with a definition's schema: kube's structural rules, then every
 * x-kubernetes-validations rule that does not compile, at the path of the schema node holding it.
 */
public final class DefinitionSchemaErrors {
    private DefinitionSchemaErrors() {}

    public static List<Cause> of(JsonNode schema, String path) {
        List<Cause> out = new ArrayList<>(StructuralSchema.structuralErrors(schema, path));
        rules(schema, path, out);
        return out;
    }

    private static void rules(JsonNode schema, String path, List<Cause> out) {
        if (schema == null || !schema.isObject()) return;
        JsonNode rules = schema.get("x-kubernetes-validations");
        if (rules != null && rules.isArray() && !rules.isEmpty()) out.addAll(CelValidations.compileErrors(rules, path));
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            rules(p.getValue(), path + ".properties[" + p.getKey() + "]", out);
        }
        rules(schema.get("items"), path + ".items", out);
        rules(schema.get("additionalProperties"), path + ".additionalProperties", out);
    }
}
