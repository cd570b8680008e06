package dev.podium.model.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Equality as kube's apiequality.Semantic sees decoded objects: null, absent, empty objects and
 * empty lists are alike, and numbers compare by value whatever their JSON type.
 */
public final class JsonCompare {
    private JsonCompare() {}

    public static boolean semanticEquals(JsonNode a, JsonNode b) {
        boolean ea = isEmpty(a), eb = isEmpty(b);
        if (ea || eb) return ea && eb;
        if (a.isNumber() && b.isNumber()) return a.decimalValue().compareTo(b.decimalValue()) == 0;
        if (a.isObject() && b.isObject()) {
            for (String f : fieldUnion(a, b)) if (!semanticEquals(a.get(f), b.get(f))) return false;
            return true;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) return false;
            for (int i = 0; i < a.size(); i++) if (!semanticEquals(a.get(i), b.get(i))) return false;
            return true;
        }
        return a.equals(b);
    }

    /**
     * The differing leaves, one pair of lines each ({@code - path: old} / {@code + path: new}),
     * standing in for the cmp.Diff kube appends to some messages.
     */
    public static List<String> diff(String path, JsonNode a, JsonNode b) {
        List<String> out = new ArrayList<>();
        diff(path, a, b, out);
        return out;
    }

    private static void diff(String path, JsonNode a, JsonNode b, List<String> out) {
        if (semanticEquals(a, b)) return;
        if (a instanceof ObjectNode && b instanceof ObjectNode) {
            for (String f : fieldUnion(a, b)) diff(Causes.child(path, f), a.get(f), b.get(f), out);
            return;
        }
        if (a instanceof ArrayNode && b instanceof ArrayNode && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) diff(Causes.index(path, i), a.get(i), b.get(i), out);
            return;
        }
        out.add("- " + path + ": " + (isEmpty(a) ? "<unset>" : a.toString()));
        out.add("+ " + path + ": " + (isEmpty(b) ? "<unset>" : b.toString()));
    }

    private static Set<String> fieldUnion(JsonNode a, JsonNode b) {
        Set<String> fields = new LinkedHashSet<>();
        for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) fields.add(it.next());
        for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) fields.add(it.next());
        return fields;
    }

    private static boolean isEmpty(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() || (n.isContainerNode() && n.isEmpty());
    }
}
