package dev.podium.model.crd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.model.api.Cause;
import dev.podium.model.validation.NameValidation;
import dev.podium.model.validation.Nodes;

import java.util.List;
import java.util.Locale;

/** The naming rules of spec.names and status.acceptedNames, and of the definition's own name. */
final class CrdNameValidation {
    static final String MIXED_CASE = "may have mixed case, but should otherwise match: ";

    private CrdNameValidation() {}

    /** metadata.name (and generateName) must be {@code <plural>.<group>}. */
    static void metadataName(JsonNode crd, List<Cause> errs) {
        JsonNode meta = crd.path("metadata");
        String required = Nodes.str(crd.path("spec").path("names"), "plural") + "." + Nodes.str(crd.get("spec"), "group");
        String why = "must be spec.names.plural+\".\"+spec.group";
        String generateName = Nodes.str(meta, "generateName");
        if (!generateName.isEmpty() && !generateName.equals(required)) errs.add(Cause.invalid("metadata.generateName", generateName, why));
        String name = Nodes.str(meta, "name");
        if (!name.isEmpty() && !name.equals(required)) errs.add(Cause.invalid("metadata.name", name, why));
    }

    /** spec.names needs all four names; the checks of {@link #names} follow. */
    static void specNames(JsonNode names, List<Cause> errs) {
        for (String f : List.of("plural", "singular", "kind", "listKind")) {
            if (Nodes.str(names, f).isEmpty()) errs.add(Cause.required("spec.names." + f));
        }
        names(names, "spec.names", errs);
    }

    /** The format of each name that is set: lowercase DNS-1035 labels, kinds in any case. */
    static void names(JsonNode names, String path, List<Cause> errs) {
        label(names, "plural", path, "", false, errs);
        label(names, "singular", path, "", false, errs);
        label(names, "kind", path, MIXED_CASE, true, errs);
        label(names, "listKind", path, MIXED_CASE, true, errs);
        List<String> shortNames = Nodes.strings(names, "shortNames");
        for (int i = 0; i < shortNames.size(); i++) {
            invalidIfAny(path + ".shortNames[" + i + "]", shortNames.get(i), "", NameValidation.dns1035Label(shortNames.get(i)), errs);
        }
        String kind = Nodes.str(names, "kind");
        if (!kind.isEmpty() && kind.equals(Nodes.str(names, "listKind"))) {
            errs.add(Cause.invalid(path + ".listKind", kind, "kind and listKind may not be the same"));
        }
        List<String> categories = Nodes.strings(names, "categories");
        for (int i = 0; i < categories.size(); i++) {
            invalidIfAny(path + ".categories[" + i + "]", categories.get(i), "", NameValidation.dns1035Label(categories.get(i)), errs);
        }
    }

    private static void label(JsonNode names, String field, String path, String prefix, boolean anyCase, List<Cause> errs) {
        String value = Nodes.str(names, field);
        if (value.isEmpty()) return;
        List<String> problems = NameValidation.dns1035Label(anyCase ? value.toLowerCase(Locale.ROOT) : value);
        invalidIfAny(path + "." + field, value, prefix, problems, errs);
    }

    /** kube joins a value's problems into one message with bare commas. */
    static void invalidIfAny(String field, String value, String prefix, List<String> problems, List<Cause> errs) {
        if (!problems.isEmpty()) errs.add(Cause.invalid(field, value, prefix + String.join(",", problems)));
    }
}
