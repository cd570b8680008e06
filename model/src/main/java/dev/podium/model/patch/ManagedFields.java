package dev.podium.model.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.ResourceKind;

import java.util.ArrayList;
import java.util.List;

/** Reads and writes {@code metadata.managedFields}, and records the owner of a plain update. */
public final class ManagedFields {
    public static final String APPLY = "Apply";
    public static final String UPDATE = "Update";

    /** One managedFields entry; {@code subresource} is null for the main resource. */
    public record Entry(String manager, String operation, String apiVersion, String time, String subresource, FieldSet fields) {
        public boolean is(String manager, String operation) {
            return this.manager.equals(manager) && this.operation.equals(operation) && subresource == null;
        }

        Entry withFields(FieldSet fields) {
            return new Entry(manager, operation, apiVersion, time, subresource, fields);
        }

        ObjectNode toJson() {
            ObjectNode out = Json.object();
            out.put("manager", manager);
            out.put("operation", operation);
            out.put("apiVersion", apiVersion);
            if (time != null) out.put("time", time);
            out.put("fieldsType", "FieldsV1");
            out.set("fieldsV1", fields.toFieldsV1());
            if (subresource != null) out.put("subresource", subresource);
            return out;
        }
    }

    private ManagedFields() {}

    public static List<Entry> read(ObjectNode obj) {
        List<Entry> out = new ArrayList<>();
        JsonNode list = obj.path("metadata").path("managedFields");
        for (JsonNode e : list) {
            if (!e.isObject()) continue;
            out.add(new Entry(e.path("manager").asText(""), e.path("operation").asText(""), e.path("apiVersion").asText(""),
                    text(e.get("time")), text(e.get("subresource")), FieldSet.fromFieldsV1(e.get("fieldsV1"))));
        }
        return out;
    }

    /** Replaces the object's managedFields with {@code entries}, leaving out entries that own nothing. */
    public static void write(ObjectNode obj, List<Entry> entries) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (Entry e : entries) {
            if (!e.fields().isEmpty()) list.add(e.toJson());
        }
        if (list.isEmpty()) {
            if (obj.get("metadata") instanceof ObjectNode meta) meta.remove("managedFields");
        } else {
            Json.metadata(obj).set("managedFields", list);
        }
    }

    /**
     * Records a create, update or non-apply patch made by {@code manager}: it takes ownership of
     * every field it changed (from whoever held it), and fields that are gone are owned by no one.
     * Returns a copy of {@code updated}; {@code old} is null for a create.
     */
    public static ObjectNode recordUpdate(ObjectNode old, ObjectNode updated, String manager, String now, ResourceKind kind) {
        return recordUpdate(old, updated, manager, now, kind, PatchSchema.BUILT_IN);
    }

    public static ObjectNode recordUpdate(ObjectNode old, ObjectNode updated, String manager, String now, ResourceKind kind,
                                          PatchSchema schema) {
        String kindName = kind == null ? null : kind.kind();
        ObjectNode result = updated.deepCopy();
        FieldSet present = FieldSet.of(result, kindName, schema);
        FieldSet changed = old == null ? present : changedFields(old, result, present);
        List<Entry> entries = read(old != null ? old : updated);
        List<Entry> next = new ArrayList<>();
        boolean found = false;
        for (Entry e : entries) {
            if (e.is(manager, UPDATE)) {
                found = true;
                FieldSet mine = e.fields().union(changed).intersect(present);
                String time = changed.isEmpty() ? e.time() : now;
                next.add(new Entry(manager, UPDATE, apiVersion(result, kind), time, null, mine));
            } else {
                next.add(e.withFields(e.fields().intersect(present).minus(changed)));
            }
        }
        if (!found && !changed.isEmpty()) next.add(new Entry(manager, UPDATE, apiVersion(result, kind), now, null, changed));
        write(result, next);
        return result;
    }

    /** The leaves of {@code fields} whose value differs between the two objects; containers never count. */
    static FieldSet changedFields(ObjectNode before, ObjectNode after, FieldSet fields) {
        List<List<String>> out = new ArrayList<>();
        for (List<String> p : fields.paths()) {
            if (!sameAt(before, after, p, fields)) out.add(p);
        }
        return FieldSet.fromPaths(out);
    }

    static boolean sameAt(ObjectNode a, ObjectNode b, List<String> path, FieldSet within) {
        JsonNode va = FieldSet.resolve(a, path);
        JsonNode vb = FieldSet.resolve(b, path);
        if (va == null || vb == null) return va == vb;
        return !within.isLeaf(path) || va.equals(vb);
    }

    static String apiVersion(ObjectNode obj, ResourceKind kind) {
        String v = text(obj.get("apiVersion"));
        return v != null ? v : kind == null ? "" : kind.apiVersion();
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }
}
