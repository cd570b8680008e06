package dev.podium.model.crd;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The old value correlated with the value being validated on update (CRDValidationRatcheting):
 * errors of a value equal to its old value are dropped. Objects correlate by key, lists of
 * x-kubernetes-list-type map by their keys, other lists by index (sets and atomic lists not at
 * all). A container counts as unchanged only when every old child was correlated and unchanged.
 */
final class Ratcheting {
    private final JsonNode old;
    private final Map<Object, Ratcheting> children = new HashMap<>();
    private JsonNode current;
    private Boolean unchanged;

    private Ratcheting(JsonNode old) {
        this.old = old;
    }

    /** The root of an update's correlation; null on create. */
    static Ratcheting of(JsonNode old) {
        return old == null ? null : new Ratcheting(old);
    }

    void observe(JsonNode value) {
        current = value;
    }

    JsonNode old() {
        return old;
    }

    /** The old value under {@code key}, or null when the old object has no such key. */
    Ratcheting field(String key) {
        if (old == null || !old.isObject() || !old.has(key)) return null;
        return register(key, old.get(key));
    }

    /** The old item the {@code index}th item of {@code list} correlates with, or null. */
    Ratcheting index(int index, JsonNode list, Schema listSchema) {
        if (old == null || !old.isArray() || !list.isArray() || list.size() <= index) return null;
        return switch (listSchema.listType()) {
            case "map" -> {
                JsonNode match = MapListKeys.find(old, list.get(index), listSchema);
                yield match == null ? null : register(index, match);
            }
            case "set", "atomic" -> null;
            default -> old.size() <= index ? null : register(index, old.get(index));
        };
    }

    boolean unchanged() {
        if (unchanged == null) unchanged = compare();
        return unchanged;
    }

    private Ratcheting register(Object key, JsonNode oldChild) {
        Ratcheting child = new Ratcheting(oldChild);
        children.put(key, child);
        return child;
    }

    private boolean compare() {
        if (JsonValues.isNull(current) || JsonValues.isNull(old)) return JsonValues.isNull(current) && JsonValues.isNull(old);
        if (old.isArray() || current.isArray()) {
            if (!old.isArray() || !current.isArray() || old.size() != current.size() || children.size() != old.size()) return false;
            for (int i = 0; i < current.size(); i++) {
                Ratcheting child = children.get(i);
                if (child == null || !child.unchanged()) return false;
            }
            return true;
        }
        if (old.isObject() || current.isObject()) {
            if (!old.isObject() || !current.isObject() || old.size() != current.size()) return false;
            if (old.isEmpty()) return true;
            if (children.size() != old.size()) return false;
            for (Iterator<String> it = old.fieldNames(); it.hasNext(); ) {
                Ratcheting child = children.get(it.next());
                if (child == null || !child.unchanged()) return false;
            }
            return true;
        }
        return JsonValues.deepEquals(old, current);
    }

    /** Finds list-map items by their x-kubernetes-list-map-keys, absent keys taking their defaults. */
    static final class MapListKeys {
        private MapListKeys() {}

        /** The last item of {@code list} whose keys equal {@code item}'s; null when there is none or item has no key. */
        static JsonNode find(JsonNode list, JsonNode item, Schema listSchema) {
            JsonNode[] key = keyOf(item, listSchema);
            if (key == null || list == null || !list.isArray()) return null;
            for (int i = list.size() - 1; i >= 0; i--) {
                JsonNode[] other = keyOf(list.get(i), listSchema);
                if (other != null && same(key, other)) return list.get(i);
            }
            return null;
        }

        private static JsonNode[] keyOf(JsonNode item, Schema listSchema) {
            if (item == null || !item.isObject()) return null;
            List<String> keys = listSchema.listMapKeys();
            Schema items = listSchema.items();
            JsonNode[] values = new JsonNode[keys.size()];
            for (int i = 0; i < keys.size(); i++) {
                JsonNode v = item.get(keys.get(i));
                if (v == null) {
                    Schema keySchema = items == null ? null : items.properties().get(keys.get(i));
                    v = keySchema == null ? null : keySchema.defaultValue();
                }
                if (v == null) return null;
                values[i] = v;
            }
            return values;
        }

        private static boolean same(JsonNode[] a, JsonNode[] b) {
            for (int i = 0; i < a.length; i++) if (!JsonValues.deepEquals(a[i], b[i])) return false;
            return true;
        }
    }
}
