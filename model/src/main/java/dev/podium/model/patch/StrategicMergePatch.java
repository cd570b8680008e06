package dev.podium.model.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.patch.PatchSchema.ListStrategy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kubernetes strategic merge patch (k8s.io/apimachinery/pkg/util/strategicpatch), applied the
 * way kube-apiserver applies it. Maps merge, null deletes, lists merge or are replaced as
 * {@link PatchSchema} says, and the directives {@code $patch}, {@code $retainKeys},
 * {@code $setElementOrder/} and {@code $deleteFromPrimitiveList/} are interpreted and never kept.
 * Every value taken from the patch is rebuilt, so directives nested in new values go too.
 */
public final class StrategicMergePatch {
    static final String PATCH = "$patch";
    static final String RETAIN_KEYS = "$retainKeys";
    static final String SET_ORDER = "$setElementOrder/";
    static final String DELETE_PRIMITIVES = "$deleteFromPrimitiveList/";

    private final String kind;
    private final PatchSchema schema;

    private StrategicMergePatch(String kind, PatchSchema schema) {
        this.kind = kind;
        this.schema = schema;
    }

    public static ObjectNode apply(ObjectNode current, JsonNode patch, ResourceKind kind) {
        return apply(current, patch, kind == null ? null : kind.kind(), PatchSchema.BUILT_IN);
    }

    /** @param kind the kind name the schema rules are matched against, e.g. {@code Pod}; null for none */
    public static ObjectNode apply(ObjectNode current, JsonNode patch, String kind, PatchSchema schema) {
        if (patch == null || !patch.isObject()) {
            throw PatchErrors.badRequest("a strategic merge patch must be a JSON object, got " + Patches.typeName(patch));
        }
        ObjectNode result = new StrategicMergePatch(kind, schema).mergeMap(current.deepCopy(), (ObjectNode) patch, List.of());
        return result == null ? JsonNodeFactory.instance.objectNode() : result;
    }

    /** Merges into {@code original} (owned, modified in place, may be null); null means delete the map. */
    private ObjectNode mergeMap(ObjectNode original, ObjectNode patch, List<String> path) {
        JsonNode directive = patch.get(PATCH);
        if (directive != null) {
            switch (directive.asText()) {
                case "replace" -> {
                    ObjectNode rest = patch.deepCopy();
                    rest.remove(PATCH);
                    return mergeMap(null, rest, path);
                }
                case "delete" -> {
                    return null;
                }
                default -> throw PatchErrors.badRequest("unknown patch type " + directive + " in " + at(path)
                        + ": $patch must be \"replace\" or \"delete\"");
            }
        }
        ObjectNode result = original != null ? original : JsonNodeFactory.instance.objectNode();
        retainKeys(result, patch, path);

        Map<String, JsonNode> orders = new LinkedHashMap<>();
        Map<String, JsonNode> deletions = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : patch.properties()) {
            String key = e.getKey();
            if (key.startsWith(SET_ORDER)) {
                orders.put(field(key, SET_ORDER, path), requireArray(e.getValue(), key, path));
            } else if (key.startsWith(DELETE_PRIMITIVES)) {
                deletions.put(field(key, DELETE_PRIMITIVES, path), requireArray(e.getValue(), key, path));
            }
        }
        Map<String, List<JsonNode>> listsBefore = new LinkedHashMap<>();
        for (String key : orders.keySet()) listsBefore.put(key, elements(result.get(key)));

        for (Map.Entry<String, JsonNode> e : patch.properties()) {
            String key = e.getKey();
            if (key.equals(RETAIN_KEYS) || key.startsWith(SET_ORDER) || key.startsWith(DELETE_PRIMITIVES)) continue;
            if (e.getValue().isNull()) {
                result.remove(key);
                continue;
            }
            JsonNode merged = mergeValue(result.get(key), e.getValue(), append(path, key));
            if (merged == null) result.remove(key);
            else result.set(key, merged);
        }

        for (Map.Entry<String, JsonNode> e : orders.entrySet()) {
            String key = e.getKey();
            ListStrategy strategy = schema.listStrategy(kind, append(path, key));
            if (result.get(key) instanceof ArrayNode list && strategy.merges()) {
                List<JsonNode> order = elements(e.getValue());
                result.set(key, array(ListOrder.normalize(elements(list), order, listsBefore.get(key), strategy.mergeKey())));
            }
        }
        for (Map.Entry<String, JsonNode> e : deletions.entrySet()) {
            if (result.get(e.getKey()) instanceof ArrayNode list) {
                List<JsonNode> gone = elements(e.getValue());
                List<JsonNode> kept = new ArrayList<>();
                for (JsonNode item : list) {
                    if (ListOrder.index(gone, item, null) < 0) kept.add(item);
                }
                result.set(e.getKey(), array(kept));
            }
        }
        return result;
    }

    private JsonNode mergeValue(JsonNode original, JsonNode patch, List<String> path) {
        if (patch.isObject()) {
            return mergeMap(original instanceof ObjectNode o ? o : null, (ObjectNode) patch, path);
        }
        if (patch.isArray()) {
            List<JsonNode> live = original instanceof ArrayNode a ? elements(a) : List.of();
            return mergeList(live, (ArrayNode) patch, schema.listStrategy(kind, path), path);
        }
        return patch;
    }

    private ArrayNode mergeList(List<JsonNode> original, ArrayNode patch, ListStrategy strategy, List<String> path) {
        return switch (strategy.strategy()) {
            case REPLACE -> replaceList(patch, path);
            case MERGE_PRIMITIVES -> mergePrimitives(original, patch, path);
            case MERGE_BY_KEY -> mergeByKey(original, patch, strategy.mergeKey(), path);
        };
    }

    private ArrayNode replaceList(ArrayNode patch, List<String> path) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (JsonNode item : patch) {
            if (item.isObject()) {
                if (isDirective(item, "replace")) continue;
                ObjectNode clean = mergeMap(null, (ObjectNode) item, path);
                if (clean != null) out.add(clean);
            } else {
                out.add(item.deepCopy());
            }
        }
        return out;
    }

    private ArrayNode mergePrimitives(List<JsonNode> original, ArrayNode patch, List<String> path) {
        List<JsonNode> items = new ArrayList<>();
        boolean replace = false;
        for (JsonNode item : patch) {
            if (item.isObject() && isDirective(item, "replace")) {
                replace = true;
            } else if (item.isContainerNode()) {
                throw PatchErrors.badRequest("the list " + at(path) + " holds primitives, the patch gives it " + item);
            } else if (ListOrder.index(items, item, null) < 0) {
                items.add(item);
            }
        }
        if (replace) return array(items);
        List<JsonNode> merged = new ArrayList<>();
        for (JsonNode item : original) {
            if (ListOrder.index(merged, item, null) < 0) merged.add(item);
        }
        for (JsonNode item : items) {
            if (ListOrder.index(merged, item, null) < 0) merged.add(item);
        }
        return array(ListOrder.normalize(merged, items, original, null));
    }

    private ArrayNode mergeByKey(List<JsonNode> original, ArrayNode patch, String mergeKey, List<String> path) {
        List<JsonNode> working = new ArrayList<>(original);
        List<JsonNode> plain = new ArrayList<>();
        boolean replace = false;
        for (JsonNode item : patch) {
            if (!item.isObject()) {
                throw PatchErrors.badRequest("the list " + at(path) + " is merged by \"" + mergeKey + "\", the patch gives it " + item);
            }
            JsonNode directive = item.get(PATCH);
            if (directive == null) {
                plain.add(requireKey(item, mergeKey, path));
                continue;
            }
            switch (directive.asText()) {
                case "delete" -> {
                    JsonNode key = requireKey(item, mergeKey, path).get(mergeKey);
                    working.removeIf(live -> ListOrder.sameValue(ListOrder.identity(live, mergeKey), key));
                }
                case "replace" -> replace = true;
                default -> throw PatchErrors.badRequest("unknown patch type " + directive + " in list " + at(path)
                        + ": $patch must be \"replace\" or \"delete\"");
            }
        }
        if (replace) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (JsonNode item : plain) out.add(mergeMap(null, (ObjectNode) item, path));
            return out;
        }
        List<JsonNode> before = List.copyOf(working);
        for (JsonNode item : plain) {
            int i = ListOrder.index(working, item, mergeKey);
            if (i >= 0) {
                JsonNode live = working.get(i);
                working.set(i, mergeMap(live instanceof ObjectNode o ? o : null, (ObjectNode) item, path));
            } else {
                working.add(mergeMap(null, (ObjectNode) item, path));
            }
        }
        return array(ListOrder.normalize(working, plain, before, mergeKey));
    }

    /** Drops keys of the map missing from {@code $retainKeys}; the patch may only set listed keys. */
    private static void retainKeys(ObjectNode result, ObjectNode patch, List<String> path) {
        JsonNode retain = patch.get(RETAIN_KEYS);
        if (retain == null) return;
        if (!retain.isArray()) throw PatchErrors.badRequest("$retainKeys in " + at(path) + " must be a list of field names");
        Set<String> keep = new HashSet<>();
        for (JsonNode k : retain) {
            if (!k.isTextual()) throw PatchErrors.badRequest("$retainKeys in " + at(path) + " must be a list of field names");
            keep.add(k.asText());
        }
        for (Map.Entry<String, JsonNode> e : patch.properties()) {
            String key = e.getKey();
            if (e.getValue().isNull() || key.startsWith("$")) continue;
            if (!keep.contains(key)) {
                throw PatchErrors.badRequest("$retainKeys in " + at(path) + " does not list \"" + key + "\", which the patch sets");
            }
        }
        result.retain(keep);
    }

    private static JsonNode requireKey(JsonNode item, String mergeKey, List<String> path) {
        JsonNode key = item.get(mergeKey);
        if (key == null || key.isNull()) {
            throw PatchErrors.badRequest("map: " + item + " does not contain declared merge key: " + mergeKey + " (in " + at(path) + ")");
        }
        return item;
    }

    private static String field(String key, String prefix, List<String> path) {
        String field = key.substring(prefix.length());
        if (field.isEmpty()) throw PatchErrors.badRequest("directive " + key + " in " + at(path) + " names no field");
        return field;
    }

    private static JsonNode requireArray(JsonNode value, String key, List<String> path) {
        if (!value.isArray()) throw PatchErrors.badRequest("directive " + key + " in " + at(path) + " must be a list");
        return value;
    }

    private static boolean isDirective(JsonNode item, String directive) {
        JsonNode d = item.get(PATCH);
        return d != null && directive.equals(d.asText());
    }

    private static List<JsonNode> elements(JsonNode list) {
        List<JsonNode> out = new ArrayList<>();
        if (list != null && list.isArray()) list.forEach(out::add);
        return out;
    }

    private static ArrayNode array(List<JsonNode> items) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode(items.size());
        out.addAll(items);
        return out;
    }

    private static List<String> append(List<String> path, String field) {
        List<String> out = new ArrayList<>(path.size() + 1);
        out.addAll(path);
        out.add(field);
        return out;
    }

    private static String at(List<String> path) {
        return path.isEmpty() ? "the object" : "." + String.join(".", path);
    }
}
