package dev.podium.model.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.validation.Causes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The uniqueness of x-kubernetes-list-type set items and of map items' x-kubernetes-list-map-keys.
 * Paths are field paths ({@code spec.ports[1]}, map values {@code spec.labels[key]}); only the
 * second occurrence of a value is reported.
 */
final class ListTypeValidation {
    private ListTypeValidation() {}

    static List<Cause> validate(JsonNode object, Schema root) {
        List<Cause> errs = new ArrayList<>();
        if (object != null && object.isObject()) walkObject("", root, object, errs);
        return errs;
    }

    private static void walkObject(String path, Schema s, JsonNode obj, List<Cause> errs) {
        if (s == null) return;
        for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (s.additionalProperties() != null) walk(Causes.key(path, e.getKey()), s.additionalProperties(), e.getValue(), errs);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Schema sub = s.properties().get(e.getKey());
            if (sub != null) walk(Causes.child(path, e.getKey()), sub, e.getValue(), errs);
        }
    }

    private static void walk(String path, Schema s, JsonNode v, List<Cause> errs) {
        if (v.isObject()) {
            walkObject(path, s, v, errs);
        } else if (v.isArray()) {
            switch (s.listType()) {
                case "set" -> duplicates(v).forEach(i -> errs.add(SchemaCauses.duplicate(Causes.index(path, i), GoPrinting.errorValue(v.get(i)))));
                case "map" -> errs.addAll(mapKeys(path, s, v));
                default -> { }
            }
            if (s.items() != null) for (int i = 0; i < v.size(); i++) walk(Causes.index(path, i), s.items(), v.get(i), errs);
        }
    }

    private static List<Cause> mapKeys(String path, Schema s, JsonNode list) {
        for (int i = 0; i < list.size(); i++) {
            JsonNode x = list.get(i);
            if (!JsonValues.isNull(x) && !x.isObject()) {
                return List.of(SchemaCauses.invalid(Causes.index(path, i), GoPrinting.errorValue(x), "must be an object for an array of list-type map"));
            }
        }
        List<String> keyFields = s.listMapKeys();
        List<JsonNode> keys = new ArrayList<>();
        for (JsonNode x : list) {
            ObjectNode key = JsonNodeFactory.instance.objectNode();
            for (String k : keyFields) if (!JsonValues.isNull(x) && x.has(k)) key.set(k, x.get(k));
            keys.add(keyFields.size() == 1 ? key.get(keyFields.get(0)) : key);
        }
        List<Cause> errs = new ArrayList<>();
        for (int i : duplicates(keys)) {
            JsonNode k = keys.get(i);
            ObjectNode shown = JsonNodeFactory.instance.objectNode();
            if (keyFields.size() != 1) shown = (ObjectNode) k;
            else if (k != null) shown.set(keyFields.get(0), k);
            errs.add(SchemaCauses.duplicate(Causes.index(path, i), GoPrinting.sharp(shown)));
        }
        return errs;
    }

    private static List<Integer> duplicates(JsonNode list) {
        List<JsonNode> items = new ArrayList<>();
        list.forEach(items::add);
        return duplicates(items);
    }

    /** The indices where a value is seen for the second time (scalars compare by Go type and value, compounds by JSON). */
    private static List<Integer> duplicates(List<JsonNode> items) {
        if (items.size() <= 1) return List.of();
        Map<String, Integer> seen = new HashMap<>();
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            int times = seen.merge(identity(items.get(i)), 1, Integer::sum);
            if (times == 2) out.add(i);
        }
        return out;
    }

    private static String identity(JsonNode v) {
        if (v == null) return "unspecified";
        if (v.isContainerNode()) return "json:" + GoPrinting.json(v);
        return JsonValues.typeName(v) + ":" + GoPrinting.json(v);
    }
}
