package dev.podium.model.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.validation.Causes;
import dev.podium.model.validation.NameValidation;
import dev.podium.model.validation.Nodes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * kube's ValidateCustomResourceDefinition for apiextensions.k8s.io/v1, in kube's order, with the
 * field paths of kube's internal form (see {@link CrdLayout}). The schemas themselves are left to
 * the {@link CustomResourceDefinitionRules.SchemaCheck} it is given.
 */
final class CrdValidation {
    static final List<String> SCOPES = List.of("Cluster", "Namespaced");

    private CrdValidation() {}

    static List<Cause> validate(ObjectNode crd, CustomResourceDefinitionRules.SchemaCheck schemaCheck) {
        List<Cause> errs = new ArrayList<>();
        CrdNameValidation.metadataName(crd, errs);
        JsonNode spec = crd.get("spec") instanceof ObjectNode o ? o : crd.objectNode();
        spec(spec, schemaCheck, errs);
        CrdNameValidation.names(crd.path("status").path("acceptedNames"), "status.acceptedNames", errs);
        storedVersions(crd, errs);
        CrdApproval.validate(crd, errs);
        if (Nodes.bool(spec, "preserveUnknownFields")) {
            errs.add(Cause.invalid("spec.preserveUnknownFields", true,
                    "cannot set to true, set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead"));
        }
        return errs;
    }

    private static void spec(JsonNode spec, CustomResourceDefinitionRules.SchemaCheck schemaCheck, List<Cause> errs) {
        group(Nodes.str(spec, "group"), errs);
        String scope = Nodes.str(spec, "scope");
        if (scope.isEmpty()) errs.add(Cause.required("spec.scope"));
        else if (!SCOPES.contains(scope)) errs.add(Cause.notSupported("spec.scope", scope, SCOPES));
        List<ObjectNode> versions = Nodes.objects(spec, "versions");
        for (int i = 0; i < versions.size(); i++) {
            if (Nodes.obj(versions.get(i).get("schema"), "openAPIV3Schema") == null) {
                errs.add(Cause.required("spec.versions[" + i + "].schema.openAPIV3Schema", "schemas are required"));
            }
        }
        boolean preserveUnknown = Nodes.bool(spec, "preserveUnknownFields");
        if (preserveUnknown && versions.stream().anyMatch(v -> CrdSchemas.hasDefault(v.path("schema").get("openAPIV3Schema")))) {
            errs.add(Cause.invalid("spec.preserveUnknownFields", true, "must be false in order to use defaults in the schema"));
        }
        CrdLayout layout = CrdLayout.of(spec);
        versions(spec, versions, layout, schemaCheck, errs);
        CrdNameValidation.specNames(spec.path("names"), errs);
        if (!versions.isEmpty()) {
            ObjectNode first = versions.get(0);
            if (layout.sharedSchema()) schema(first, "spec.validation", schemaCheck, errs);
            if (layout.sharedSubresources()) CrdVersionValidation.subresources(first.get("subresources"), "spec.subresources", errs);
            if (layout.sharedColumns()) CrdVersionValidation.columns(first.get("additionalPrinterColumns"), "spec.additionalPrinterColumns", errs);
        }
        JsonNode conversion = spec == null ? null : spec.get("conversion");
        String strategy = Nodes.str(conversion, "strategy");
        if (conversion != null && !conversion.isNull() && !strategy.equals("None") && preserveUnknown) {
            errs.add(Cause.invalid("spec.conversion.strategy", strategy, "must be None if spec.preserveUnknownFields is true"));
        }
        CrdConversionValidation.validate(conversion, true, errs);
    }

    private static void group(String group, List<Cause> errs) {
        if (group.isEmpty()) {
            errs.add(Cause.required("spec.group"));
            return;
        }
        List<String> problems = NameValidation.dns1123Subdomain(group);
        if (!problems.isEmpty()) CrdNameValidation.invalidIfAny("spec.group", group, "", problems, errs);
        else if (!group.contains(".")) errs.add(Cause.invalid("spec.group", group, "should be a domain with at least one dot"));
    }

    private static void versions(JsonNode spec, List<ObjectNode> versions, CrdLayout layout,
                                 CustomResourceDefinitionRules.SchemaCheck schemaCheck, List<Cause> errs) {
        int storage = 0;
        Set<String> seen = new HashSet<>();
        boolean unique = true;
        for (int i = 0; i < versions.size(); i++) {
            ObjectNode v = versions.get(i);
            String path = "spec.versions[" + i + "]";
            String name = Nodes.str(v, "name");
            if (Nodes.bool(v, "storage")) storage++;
            unique &= seen.add(name);
            CrdNameValidation.invalidIfAny(path + ".name", name, "", NameValidation.dns1035Label(name), errs);
            CrdVersionValidation.deprecationWarning(v, path, errs);
            if (!layout.sharedSchema()) schema(v, path + ".schema", schemaCheck, errs);
            if (!layout.sharedSubresources()) CrdVersionValidation.subresources(v.get("subresources"), path + ".subresources", errs);
            if (!layout.sharedColumns()) CrdVersionValidation.columns(v.get("additionalPrinterColumns"), path + ".additionalPrinterColumns", errs);
        }
        ArrayNode list = Nodes.arr(spec, "versions");
        String shown = GoText.versions(versions.size(), list != null);
        if (!unique) errs.add(Causes.invalidRendered("spec.versions", shown, "must contain unique version names"));
        if (storage != 1) errs.add(Causes.invalidRendered("spec.versions", shown, "must have exactly one version marked as storage version"));
        // kube's internal spec.version is a copy of the first version's name and is checked again under that path.
        if (!versions.isEmpty()) {
            String first = Nodes.str(versions.get(0), "name");
            if (!first.isEmpty()) CrdNameValidation.invalidIfAny("spec.version", first, "", NameValidation.dns1035Label(first), errs);
        }
    }

    private static void schema(ObjectNode version, String path, CustomResourceDefinitionRules.SchemaCheck schemaCheck, List<Cause> errs) {
        ObjectNode schema = Nodes.obj(version.get("schema"), "openAPIV3Schema");
        if (schema != null) errs.addAll(schemaCheck.errors(schema, path + ".openAPIV3Schema"));
    }

    /** Versions that once were the storage version may only leave spec.versions after a storage migration. */
    static void storedVersions(JsonNode crd, List<Cause> errs) {
        String path = "status.storedVersions";
        ArrayNode storedNode = Nodes.arr(crd.get("status"), "storedVersions");
        List<String> stored = Nodes.strings(crd.get("status"), "storedVersions");
        if (stored.isEmpty()) {
            errs.add(Causes.invalidRendered(path, GoText.strings(storedNode == null ? null : stored), "must have at least one stored version"));
            return;
        }
        Map<String, Integer> missing = new LinkedHashMap<>();
        for (int i = 0; i < stored.size(); i++) missing.put(stored.get(i), i);
        for (ObjectNode v : Nodes.objects(crd.get("spec"), "versions")) {
            String name = Nodes.str(v, "name");
            boolean listed = missing.containsKey(name);
            if (Nodes.bool(v, "storage") && !listed) errs.add(Causes.invalidRendered(path, GoText.strings(stored), "must have the storage version " + name));
            missing.remove(name);
        }
        missing.entrySet().stream().sorted(Map.Entry.comparingByValue())
                .forEach(e -> errs.add(Cause.invalid(path + "[" + e.getValue() + "]", e.getKey(), stillStored(e.getKey()))));
    }

    private static String stillStored(String v) {
        return "missing from spec.versions; " + v + " was previously a storage version, and must remain in spec.versions until a"
                + " storage migration ensures no data remains persisted in " + v + " and removes " + v + " from status.storedVersions";
    }
}
