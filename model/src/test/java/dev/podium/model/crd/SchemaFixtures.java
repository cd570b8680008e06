package dev.podium.model.crd;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.json.Json;

import java.util.List;

/** YAML literals and rendering of causes for the structural schema tests. */
final class SchemaFixtures {
    static final String ROOT = "spec.versions[0].schema.openAPIV3Schema";

    private SchemaFixtures() {}

    static JsonNode yaml(String text) {
        try {
            return Json.YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static ObjectNode object(String text) {
        return (ObjectNode) yaml(text);
    }

    static StructuralSchema schema(String text) {
        return new StructuralSchema(yaml(text), StructuralSchema.RuleChecker.NONE);
    }

    /** A root object schema with {@code spec} described by the given YAML (indented under spec). */
    static StructuralSchema spec(String specYaml) {
        return schema("type: object\nproperties:\n  spec:\n" + specYaml.indent(4));
    }

    /** Each cause as {@code Reason field: message}, kube's error line with the reason in front. */
    static List<String> render(List<Cause> causes) {
        return causes.stream().map(c -> c.reason() + " " + c.field() + ": " + c.message()).toList();
    }
}
