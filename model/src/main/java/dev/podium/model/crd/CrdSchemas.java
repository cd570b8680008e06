package dev.podium.model.crd;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** Searches through a version's openAPIV3Schema, without judging it (that is the structural schema's job). */
final class CrdSchemas {
    private static final List<String> SUBSCHEMA = List.of("items", "additionalProperties", "additionalItems", "not");
    private static final List<String> SUBSCHEMA_LISTS = List.of("allOf", "anyOf", "oneOf", "items");
    private static final List<String> SUBSCHEMA_MAPS = List.of("properties", "patternProperties", "definitions", "dependencies");

    private CrdSchemas() {}

    /** Whether any schema in the tree sets a (non-null) default. */
    static boolean hasDefault(JsonNode schema) {
        if (schema == null || !schema.isObject()) return false;
        JsonNode d = schema.get("default");
        if (d != null && !d.isNull()) return true;
        for (String f : SUBSCHEMA) if (hasDefault(schema.get(f))) return true;
        for (String f : SUBSCHEMA_LISTS) {
            JsonNode list = schema.get(f);
            if (list != null && list.isArray()) for (JsonNode s : list) if (hasDefault(s)) return true;
        }
        for (String f : SUBSCHEMA_MAPS) {
            JsonNode map = schema.get(f);
            if (map != null && map.isObject()) for (JsonNode s : map) if (hasDefault(s)) return true;
        }
        return false;
    }
}
