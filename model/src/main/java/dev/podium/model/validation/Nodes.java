package dev.podium.model.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lenient reads of API object JSON: a field of the wrong JSON type reads as absent, so
 * validation reports it as missing rather than failing with a ClassCastException.
 */
public final class Nodes {
    private Nodes() {}

    /** The field as text when it is a scalar; null when absent, null or a container. */
    public static String text(JsonNode parent, String field) {
        JsonNode n = parent == null ? null : parent.get(field);
        return n == null || n.isNull() || n.isContainerNode() ? null : n.asText();
    }

    /** Like {@link #text} but "" instead of null. */
    public static String str(JsonNode parent, String field) {
        String s = text(parent, field);
        return s == null ? "" : s;
    }

    public static ObjectNode obj(JsonNode parent, String field) {
        JsonNode n = parent == null ? null : parent.get(field);
        return n instanceof ObjectNode o ? o : null;
    }

    public static ArrayNode arr(JsonNode parent, String field) {
        JsonNode n = parent == null ? null : parent.get(field);
        return n instanceof ArrayNode a ? a : null;
    }

    /** The object elements of an array field; absent gives an empty list. Non-objects read as {}. */
    public static List<ObjectNode> objects(JsonNode parent, String field) {
        ArrayNode a = arr(parent, field);
        List<ObjectNode> out = new ArrayList<>();
        if (a == null) return out;
        for (JsonNode e : a) out.add(e instanceof ObjectNode o ? o : JsonNodeFactory.instance.objectNode());
        return out;
    }

    /** The textual elements of an array field. */
    public static List<String> strings(JsonNode parent, String field) {
        ArrayNode a = arr(parent, field);
        List<String> out = new ArrayList<>();
        if (a == null) return out;
        for (JsonNode e : a) out.add(e == null || e.isNull() ? "" : e.asText());
        return out;
    }

    /** A map<string,string> field in document order; values of other types read as their text. */
    public static Map<String, String> stringMap(JsonNode parent, String field) {
        ObjectNode o = obj(parent, field);
        Map<String, String> out = new LinkedHashMap<>();
        if (o == null) return out;
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            out.put(e.getKey(), v == null || v.isNull() ? "" : v.isValueNode() ? v.asText() : v.toString());
        }
        return out;
    }

    /** An integral number field, or null when absent or not an integer. */
    public static Long integer(JsonNode parent, String field) {
        JsonNode n = parent == null ? null : parent.get(field);
        if (n == null || !n.isIntegralNumber()) return null;
        return n.asLong();
    }

    public static boolean bool(JsonNode parent, String field) {
        JsonNode n = parent == null ? null : parent.get(field);
        return n != null && n.isBoolean() && n.asBoolean();
    }

    /** True when the field is absent, null, or an empty string, object or array. */
    public static boolean isEmpty(JsonNode parent, String field) {
        JsonNode n = parent == null ? null : parent.get(field);
        return n == null || n.isNull() || (n.isContainerNode() && n.isEmpty()) || (n.isTextual() && n.asText().isEmpty());
    }

    /** The object at {@code field}, created (replacing anything not an object) when needed. */
    public static ObjectNode child(ObjectNode parent, String field) {
        JsonNode n = parent.get(field);
        if (n instanceof ObjectNode o) return o;
        return parent.putObject(field);
    }

    public static void putIfAbsent(ObjectNode parent, String field, String value) {
        if (isEmpty(parent, field)) parent.put(field, value);
    }

    public static void putIfAbsent(ObjectNode parent, String field, long value) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) parent.put(field, value);
    }

    public static void putIfAbsent(ObjectNode parent, String field, boolean value) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) parent.put(field, value);
    }
}
