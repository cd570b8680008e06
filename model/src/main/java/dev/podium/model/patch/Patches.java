package dev.podium.model.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.fge.jsonpatch.JsonPatch;
import com.github.fge.jsonpatch.JsonPatchException;
import com.github.fge.jsonpatch.mergepatch.JsonMergePatch;
import dev.podium.model.kinds.ResourceKind;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Applies a PATCH body of any non-apply type to an object; the input object is never modified. */
public final class Patches {
    private static final Set<String> OPS = Set.of("add", "remove", "replace", "move", "copy", "test");

    private Patches() {}

    /**
     * Returns {@code current} with {@code patch} applied. Server-side apply needs a field manager
     * and goes through {@link ServerSideApply} instead.
     *
     * @throws dev.podium.model.api.ApiException 400 when the patch is malformed, 422 when it does not apply
     */
    public static ObjectNode apply(PatchType type, ObjectNode current, JsonNode patch, ResourceKind kind) {
        return switch (type) {
            case JSON_PATCH -> jsonPatch(current, patch);
            case MERGE_PATCH -> mergePatch(current, patch);
            case STRATEGIC_MERGE_PATCH -> StrategicMergePatch.apply(current, patch, kind);
            case APPLY_PATCH -> throw new IllegalArgumentException("apply patches go through ServerSideApply");
        };
    }

    /** RFC 6902. Operations are checked first, then applied one by one so a failure names its operation. */
    public static ObjectNode jsonPatch(ObjectNode current, JsonNode patch) {
        if (patch == null || !patch.isArray()) {
            throw PatchErrors.badRequest("a JSON patch must be a JSON array of operations, got " + typeName(patch));
        }
        List<JsonPatch> ops = new ArrayList<>();
        for (int i = 0; i < patch.size(); i++) ops.add(parseOp(i, patch.get(i)));
        JsonNode doc = current.deepCopy();
        for (int i = 0; i < ops.size(); i++) {
            try {
                doc = ops.get(i).apply(doc);
            } catch (JsonPatchException e) {
                JsonNode op = patch.get(i);
                throw PatchErrors.notApplicable("json patch operation " + i + " (" + op.get("op").asText() + " "
                        + quote(op.get("path").asText()) + ") failed: " + e.getMessage());
            }
        }
        if (!doc.isObject()) {
            throw PatchErrors.notApplicable("json patch turned the object into " + typeName(doc));
        }
        return (ObjectNode) doc;
    }

    /** RFC 7386. The patch must be an object, as kube-apiserver requires. */
    public static ObjectNode mergePatch(ObjectNode current, JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw PatchErrors.badRequest("a merge patch must be a JSON object, got " + typeName(patch));
        }
        try {
            return (ObjectNode) JsonMergePatch.fromJson(patch).apply(current.deepCopy());
        } catch (JsonPatchException e) {
            throw PatchErrors.notApplicable("merge patch failed: " + e.getMessage());
        }
    }

    private static JsonPatch parseOp(int index, JsonNode op) {
        String where = "json patch operation " + index;
        if (op == null || !op.isObject()) throw PatchErrors.badRequest(where + " is not a JSON object");
        JsonNode name = op.get("op");
        if (name == null || !name.isTextual()) throw PatchErrors.badRequest(where + " has no \"op\"");
        if (!OPS.contains(name.asText())) throw PatchErrors.badRequest(where + " has unknown op " + quote(name.asText()));
        requirePointer(where, op, "path");
        switch (name.asText()) {
            case "add", "replace", "test" -> {
                if (!op.has("value")) throw PatchErrors.badRequest(where + " (" + name.asText() + ") has no \"value\"");
            }
            case "move", "copy" -> requirePointer(where, op, "from");
            default -> { }
        }
        ArrayNode single = JsonNodeFactory.instance.arrayNode().add(op);
        try {
            return JsonPatch.fromJson(single);
        } catch (IOException | RuntimeException e) {
            throw PatchErrors.badRequest(where + " is invalid: " + e.getMessage());
        }
    }

    private static void requirePointer(String where, JsonNode op, String field) {
        JsonNode p = op.get(field);
        if (p == null || !p.isTextual()) throw PatchErrors.badRequest(where + " has no \"" + field + "\"");
        String s = p.asText();
        if (!s.isEmpty() && !s.startsWith("/")) {
            throw PatchErrors.badRequest(where + " has an invalid \"" + field + "\" " + quote(s) + ": a JSON pointer starts with \"/\"");
        }
    }

    static String typeName(JsonNode node) {
        return node == null || node.isMissingNode() ? "nothing" : node.getNodeType().name().toLowerCase();
    }

    static String quote(String s) {
        return '"' + s + '"';
    }
}
