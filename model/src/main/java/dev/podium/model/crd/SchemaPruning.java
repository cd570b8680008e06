package dev.podium.model.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * structuralpruning.Prune: fields the schema does not specify are dropped and their paths
 * collected ({@code spec.foo}, {@code spec.items[0].bar}, map values as {@code spec.map.key}).
 * x-kubernetes-preserve-unknown-fields keeps unknown fields, yet known properties below it are
 * still pruned; an embedded resource (and the object root) keeps its apiVersion, kind and metadata.
 */
final class SchemaPruning {
    private static final Set<String> META = Set.of("apiVersion", "kind", "metadata");

    private final List<String> unknown = new ArrayList<>();

    private SchemaPruning() {}

    /** Prunes {@code x} in place; returns the removed fields' paths, sorted as Go sorts strings. */
    static List<String> prune(JsonNode x, Schema s, boolean resourceRoot) {
        SchemaPruning p = new SchemaPruning();
        p.prune(x, s, resourceRoot || s != null && s.embeddedResource(), "");
        Collections.sort(p.unknown);
        return p.unknown;
    }

    /** Prunes every default in the schema tree by the schema it sits on, as kube does before serving a CRD. */
    static void pruneDefaults(Schema s) {
        if (s == null) return;
        if (s.defaultValue() != null) {
            JsonNode copy = s.defaultValue().deepCopy();
            prune(copy, s, s.embeddedResource());
            s.replaceDefault(copy);
        }
        s.properties().values().forEach(SchemaPruning::pruneDefaults);
        pruneDefaults(s.items());
        pruneDefaults(s.additionalProperties());
    }

    /** Drops null values the schema neither allows (nullable) nor defaults, as kube does after pruning. */
    static void pruneNonNullableNulls(JsonNode x, Schema s) {
        if (x instanceof ObjectNode obj) {
            for (String k : keys(obj)) {
                Schema field = s == null ? null : s.properties().getOrDefault(k, s.additionalProperties());
                JsonNode v = obj.get(k);
                if (v.isNull() && field != null && !field.nullable() && field.defaultValue() == null) obj.remove(k);
                else pruneNonNullableNulls(v, field);
            }
        } else if (x instanceof ArrayNode list) {
            for (JsonNode item : list) pruneNonNullableNulls(item, s == null ? null : s.items());
        }
    }

    private void prune(JsonNode x, Schema s, boolean embedded, String path) {
        if (s != null && s.preserveUnknownFields()) {
            pruneKnown(x, s, embedded, path);
            return;
        }
        if (x instanceof ObjectNode obj) {
            for (String k : keys(obj)) {
                if (s != null && embedded && META.contains(k)) continue;
                Schema prop = s == null ? null : s.properties().get(k);
                if (prop != null) {
                    prune(obj.get(k), prop, prop.embeddedResource(), child(path, k));
                } else if (s != null && s.has("additionalProperties")) {
                    Schema values = s.additionalProperties();
                    prune(obj.get(k), values, values != null && values.embeddedResource(), child(path, k));
                } else {
                    if (s == null || !META.contains(k) || !path.isEmpty()) unknown.add(child(path, k));
                    obj.remove(k);
                }
            }
        } else if (x instanceof ArrayNode list) {
            Schema items = s == null ? null : s.items();
            for (int i = 0; i < list.size(); i++) prune(list.get(i), items, items != null && items.embeddedResource(), path + "[" + i + "]");
        }
    }

    /** Under x-kubernetes-preserve-unknown-fields: unknown fields stay, specified ones are pruned by their schema. */
    private void pruneKnown(JsonNode x, Schema s, boolean embedded, String path) {
        if (s == null) return;
        if (x instanceof ObjectNode obj) {
            for (String k : keys(obj)) {
                if (embedded && META.contains(k)) continue;
                Schema prop = s.properties().get(k);
                if (prop != null) {
                    prune(obj.get(k), prop, prop.embeddedResource(), child(path, k));
                } else if (s.has("additionalProperties")) {
                    Schema values = s.additionalProperties();
                    prune(obj.get(k), values, values != null && values.embeddedResource(), child(path, k));
                }
            }
        } else if (x instanceof ArrayNode list) {
            Schema items = s.items();
            for (int i = 0; i < list.size(); i++) pruneKnown(list.get(i), items, items != null && items.embeddedResource(), path + "[" + i + "]");
        }
    }

    private static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static List<String> keys(JsonNode obj) {
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) keys.add(it.next());
        return keys;
    }
}
