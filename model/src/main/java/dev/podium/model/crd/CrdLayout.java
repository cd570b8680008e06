package dev.podium.model.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.validation.Nodes;

import java.util.List;

/**
 * Where kube reports errors in a version's schema, subresources and printer columns. kube validates
 * its internal form, into which the v1 conversion moves a field that every version sets to the same
 * value (absent included) up to spec: a definition whose versions share one schema is reported at
 * {@code spec.validation.openAPIV3Schema}, not {@code spec.versions[0].schema.openAPIV3Schema}.
 */
record CrdLayout(boolean sharedSchema, boolean sharedSubresources, boolean sharedColumns) {

    static CrdLayout of(JsonNode spec) {
        List<ObjectNode> versions = Nodes.objects(spec, "versions");
        if (versions.isEmpty()) return new CrdLayout(false, false, false);
        return new CrdLayout(allSame(versions, "schema"), allSame(versions, "subresources"), allSame(versions, "additionalPrinterColumns"));
    }

    /** The path of version {@code i}'s schema root. */
    static String schemaPath(JsonNode spec, int i) {
        return of(spec).sharedSchema ? "spec.validation.openAPIV3Schema" : "spec.versions[" + i + "].schema.openAPIV3Schema";
    }

    private static boolean allSame(List<ObjectNode> versions, String field) {
        JsonNode first = normalized(versions.get(0).get(field));
        for (ObjectNode v : versions) {
            JsonNode value = normalized(v.get(field));
            if (first == null ? value != null : !first.equals(value)) return false;
        }
        return true;
    }

    /** Go's semantic equality treats a nil slice and an empty one alike; a nil pointer differs from {}. */
    private static JsonNode normalized(JsonNode n) {
        if (n == null || n.isNull() || (n.isArray() && n.isEmpty())) return null;
        return n;
    }
}
