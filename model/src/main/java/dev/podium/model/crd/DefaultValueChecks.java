package dev.podium.model.crd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.model.api.Cause;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * structuraldefaulting.ValidateDefaults: every default must be pruned (no fields its schema does
 * not specify) and valid against its schema. Defaults under additionalProperties are not visited
 * (kube forbids them there); defaults inside resource metadata are only validated.
 */
final class DefaultValueChecks {
    private static final Set<String> META = Set.of("apiVersion", "kind", "metadata");

    private DefaultValueChecks() {}

    static List<Cause> check(Schema root, String path) {
        List<Cause> errs = new ArrayList<>();
        visit(root, path, true, false, errs);
        return errs;
    }

    private static void visit(Schema s, String path, boolean resource, boolean insideMeta, List<Cause> errs) {
        if (s == null) return;
        if (resource) insideMeta = false;
        JsonNode d = s.defaultValue();
        if (d != null) {
            String at = path + ".default";
            if (!insideMeta) {
                JsonNode pruned = d.deepCopy();
                SchemaPruning.prune(pruned, s, s.embeddedResource());
                if (!JsonValues.deepEquals(pruned, d)) errs.add(SchemaCauses.invalid(at, GoPrinting.errorValue(d), "must not have unknown fields"));
            }
            errs.addAll(new SchemaValidation(at).validate(d, null, s, "").errors());
        }
        visit(s.items(), path + ".items", s.items() != null && s.items().embeddedResource(), insideMeta, errs);
        for (Map.Entry<String, Schema> p : s.properties().entrySet()) {
            boolean meta = insideMeta || resource && META.contains(p.getKey());
            visit(p.getValue(), StructuralChecks.property(path, p.getKey()), p.getValue().embeddedResource(), meta, errs);
        }
    }
}
