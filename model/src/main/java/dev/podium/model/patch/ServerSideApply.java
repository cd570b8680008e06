package dev.podium.model.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.ApiError;
import dev.podium.model.api.ApiException;
import dev.podium.model.api.Cause;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.patch.ManagedFields.Entry;
import dev.podium.model.patch.PatchSchema.ListStrategy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A simplified server-side apply. The applied configuration is merged into the live object
 * (lists merged as {@link PatchSchema} says), the manager's {@code Apply} entry in managedFields
 * becomes exactly the fields it applied, fields it applied before and no longer does are removed
 * unless another manager owns them, and changing a field another {@code Apply} manager owns is a
 * conflict unless forced, in which case the ownership moves.
 */
public final class ServerSideApply {
    private ServerSideApply() {}

    public static ObjectNode apply(ObjectNode live, ObjectNode applied, String fieldManager, boolean force, String now,
                                   ResourceKind kind) {
        return apply(live, applied, fieldManager, force, now, kind, PatchSchema.BUILT_IN);
    }

    /**
     * @param live the stored object, or null when apply creates it
     * @param now  the RFC 3339 time written in the manager's entry
     * @throws ApiException 400 without a field manager, 409 Conflict on conflicts when not forced
     */
    public static ObjectNode apply(ObjectNode live, ObjectNode applied, String fieldManager, boolean force, String now,
                                   ResourceKind kind, PatchSchema schema) {
        if (fieldManager == null || fieldManager.isBlank()) {
            throw new ApiException(ApiError.badRequest("PATCH, with apply, requires fieldManager"));
        }
        String kindName = kind == null ? null : kind.kind();
        ObjectNode config = applied.deepCopy();
        if (config.get("metadata") instanceof ObjectNode meta) meta.remove("managedFields");
        FieldSet mine = FieldSet.of(config, kindName, schema);
        String apiVersion = ManagedFields.apiVersion(config, kind);

        if (live == null) {
            ObjectNode created = (ObjectNode) new Merger(kindName, schema).merge(null, config, List.of());
            ManagedFields.write(created, List.of(new Entry(fieldManager, ManagedFields.APPLY, apiVersion, now, null, mine)));
            return created;
        }

        List<Entry> entries = ManagedFields.read(live);
        ObjectNode merged = (ObjectNode) new Merger(kindName, schema).merge(live.deepCopy(), config, List.of());
        FieldSet changed = ManagedFields.changedFields(live, merged, mine);
        checkConflicts(entries, fieldManager, changed, force);

        FieldSet previous = FieldSet.empty();
        FieldSet others = FieldSet.empty();
        List<Entry> next = new ArrayList<>();
        int ownAt = -1;
        for (Entry e : entries) {
            if (e.is(fieldManager, ManagedFields.APPLY)) {
                previous = e.fields();
                ownAt = next.size();
            } else {
                Entry kept = e.withFields(e.fields().minus(changed));
                others = others.union(kept.fields());
                next.add(kept);
            }
        }
        removeDisowned(merged, previous.minus(mine), mine.union(others));

        ObjectNode liveContent = withoutManagedFields(live);
        if (previous.equals(mine) && withoutManagedFields(merged).equals(liveContent)) return live.deepCopy();

        Entry own = new Entry(fieldManager, ManagedFields.APPLY, apiVersion, now, null, mine);
        if (ownAt >= 0) next.add(ownAt, own);
        else next.add(own);
        ManagedFields.write(merged, next);
        return merged;
    }

    private static void checkConflicts(List<Entry> entries, String fieldManager, FieldSet changed, boolean force) {
        if (force) return;
        Map<String, List<List<String>>> byManager = new LinkedHashMap<>();
        for (Entry e : entries) {
            if (!e.operation().equals(ManagedFields.APPLY) || e.is(fieldManager, ManagedFields.APPLY)) continue;
            for (List<String> p : changed.intersect(e.fields()).paths()) {
                byManager.computeIfAbsent(e.manager(), m -> new ArrayList<>()).add(p);
            }
        }
        if (byManager.isEmpty()) return;
        throw new ApiException(conflictError(byManager));
    }

    /** Worded as kube-apiserver words it, so kubectl's hint about --force-conflicts reads right. */
    static ApiError conflictError(Map<String, List<List<String>>> byManager) {
        List<Cause> causes = new ArrayList<>();
        int count = 0;
        for (Map.Entry<String, List<List<String>>> e : byManager.entrySet()) {
            for (List<String> p : e.getValue()) {
                causes.add(new Cause("FieldManagerConflict", FieldSet.describe(p), "conflict with \"" + e.getKey() + "\""));
                count++;
            }
        }
        String message;
        if (count == 1) {
            Cause only = causes.get(0);
            message = "Apply failed with 1 conflict: " + only.message() + ": " + only.field();
        } else {
            List<String> lines = new ArrayList<>();
            byManager.keySet().stream().sorted().forEach(m -> {
                lines.add("conflicts with \"" + m + "\":");
                byManager.get(m).forEach(p -> lines.add("- " + FieldSet.describe(p)));
            });
            message = "Apply failed with " + count + " conflicts: " + String.join("\n", lines);
        }
        return new ApiError(409, "Conflict", message, new ApiError.Details(null, null, null, causes));
    }

    /**
     * Removes each path nobody owns any more, shallowest first so a list item goes as a whole,
     * then the maps and lists that removal emptied. The key field of a kept item always stays.
     */
    private static void removeDisowned(ObjectNode obj, FieldSet disowned, FieldSet owned) {
        List<List<String>> paths = new ArrayList<>(disowned.paths());
        paths.sort(Comparator.comparingInt(List::size));
        for (List<String> p : paths) {
            if (owned.touches(p) || isItemKey(p) || !FieldSet.remove(obj, p)) continue;
            for (List<String> parent = p.subList(0, p.size() - 1); !parent.isEmpty(); parent = parent.subList(0, parent.size() - 1)) {
                JsonNode node = FieldSet.resolve(obj, parent);
                if (node == null || !node.isContainerNode() || !node.isEmpty() || owned.touches(parent)) break;
                FieldSet.remove(obj, parent);
            }
        }
    }

    private static boolean isItemKey(List<String> path) {
        if (path.size() < 2) return false;
        String item = path.get(path.size() - 2);
        String field = path.get(path.size() - 1);
        return item.startsWith("k:") && field.startsWith("f:") && item.contains("\"" + field.substring(2) + "\":");
    }

    private static ObjectNode withoutManagedFields(ObjectNode obj) {
        ObjectNode copy = obj.deepCopy();
        if (copy.get("metadata") instanceof ObjectNode meta) meta.remove("managedFields");
        return copy;
    }

    /** Merges an applied configuration: maps recursively, keyed lists by key, sets by value, other lists replaced. */
    private record Merger(String kind, PatchSchema schema) {
        JsonNode merge(JsonNode live, JsonNode applied, List<String> fieldPath) {
            if (applied.isObject()) {
                ObjectNode out = live instanceof ObjectNode o ? o : JsonNodeFactory.instance.objectNode();
                for (Map.Entry<String, JsonNode> e : applied.properties()) {
                    if (e.getValue().isNull()) {
                        out.remove(e.getKey());
                    } else {
                        out.set(e.getKey(), merge(out.get(e.getKey()), e.getValue(), append(fieldPath, e.getKey())));
                    }
                }
                return out;
            }
            if (applied.isArray()) {
                ListStrategy strategy = schema.listStrategy(kind, fieldPath);
                List<JsonNode> items = new ArrayList<>();
                if (strategy.merges() && live instanceof ArrayNode a) a.forEach(items::add);
                String key = strategy.mergeKey();
                for (JsonNode item : applied) {
                    int i = strategy.merges() && (key == null || item.hasNonNull(key)) ? ListOrder.index(items, item, key) : -1;
                    if (i >= 0) items.set(i, merge(items.get(i), item, fieldPath));
                    else items.add(merge(null, item, fieldPath));
                }
                ArrayNode out = JsonNodeFactory.instance.arrayNode();
                out.addAll(items);
                return out;
            }
            return applied;
        }

        private static List<String> append(List<String> path, String field) {
            List<String> out = new ArrayList<>(path);
            out.add(field);
            return out;
        }
    }
}
