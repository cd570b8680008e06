package dev.podium.model.crd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.values.NullValue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns JSON into the values cel-java evaluates: objects into maps with string keys (so {@code self.spec.x}
 * and {@code has(self.x)} work), arrays into lists, integers into Long, other numbers into Double, null into CEL's null.
 */
public final class JsonToCel {
    private JsonToCel() {}

    /** A JSON value as CEL sees it; no value at all (null) is CEL's null. */
    public static Object value(JsonNode node) {
        if (node == null) return NullValue.NULL_VALUE;
        return switch (node.getNodeType()) {
            case OBJECT -> object(node);
            case ARRAY -> array(node);
            case STRING -> node.textValue();
            case BOOLEAN -> node.booleanValue();
            case NUMBER -> number(node);
            case NULL, MISSING -> NullValue.NULL_VALUE;
            case BINARY, POJO -> node.asText();
        };
    }

    /** The OpenAPI type name kube prints as the "value" of a failed rule, e.g. {@code Invalid value: "object"}. */
    static String typeName(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> "object";
            case ARRAY -> "array";
            case STRING -> "string";
            case BOOLEAN -> "boolean";
            case NUMBER -> node.isIntegralNumber() ? "integer" : "number";
            default -> "";
        };
    }

    private static Map<String, Object> object(JsonNode node) {
        Map<String, Object> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), value(e.getValue())));
        return Collections.unmodifiableMap(map);
    }

    private static List<Object> array(JsonNode node) {
        List<Object> list = new ArrayList<>(node.size());
        node.forEach(item -> list.add(value(item)));
        return Collections.unmodifiableList(list);
    }

    /** Integers beyond int64 become doubles, as in Go's JSON decoding of unstructured objects. */
    private static Object number(JsonNode node) {
        if (node.isIntegralNumber() && node.canConvertToLong()) return node.longValue();
        return node.doubleValue();
    }
}
