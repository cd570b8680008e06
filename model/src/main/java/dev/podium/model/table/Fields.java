package dev.podium.model.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.ArrayList;
import java.util.List;

/** Reads object fields with Go zero-value semantics: absent text is "", absent lists are empty. */
final class Fields {
    private Fields() {}

    static JsonNode at(JsonNode node, String... path) {
        JsonNode cur = node == null ? MissingNode.getInstance() : node;
        for (String p : path) cur = cur.path(p);
        return cur;
    }

    static String text(JsonNode node, String... path) {
        JsonNode v = at(node, path);
        return v.isValueNode() && !v.isNull() ? v.asText() : "";
    }

    static long number(JsonNode node, String... path) {
        return at(node, path).asLong(0);
    }

    static boolean bool(JsonNode node, String... path) {
        return at(node, path).asBoolean(false);
    }

    /** True when the field holds an object, as a non-nil Go pointer to a struct would. */
    static boolean present(JsonNode node, String... path) {
        return at(node, path).isObject();
    }

    static List<JsonNode> list(JsonNode node, String... path) {
        JsonNode v = at(node, path);
        List<JsonNode> out = new ArrayList<>();
        if (v.isArray()) v.forEach(out::add);
        return out;
    }

    static int size(JsonNode node, String... path) {
        JsonNode v = at(node, path);
        return v.isContainerNode() ? v.size() : 0;
    }
}
