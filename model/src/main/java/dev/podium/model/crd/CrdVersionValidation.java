package dev.podium.model.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.validation.Causes;
import dev.podium.model.validation.Nodes;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** What each version declares besides its schema: deprecation, subresources and printer columns. */
final class CrdVersionValidation {
    static final Set<String> COLUMN_TYPES = new TreeSet<>(List.of("integer", "number", "string", "boolean", "date"));
    static final Set<String> COLUMN_FORMATS = new TreeSet<>(List.of("int32", "int64", "float", "double", "byte", "date", "date-time", "password"));
    static final int MAX_DEPRECATION_WARNING_BYTES = 256;

    private CrdVersionValidation() {}

    static void deprecationWarning(ObjectNode version, String path, List<Cause> errs) {
        JsonNode node = version.get("deprecationWarning");
        if (node == null || node.isNull()) return;
        String warning = node.asText();
        String field = path + ".deprecationWarning";
        String shown = GoText.quote(warning);
        if (!Nodes.bool(version, "deprecated")) {
            errs.add(Causes.invalidRendered(field, shown, "can only be set for deprecated versions"));
            return;
        }
        byte[] utf8 = warning.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > MAX_DEPRECATION_WARNING_BYTES) errs.add(Causes.invalidRendered(field, shown, "must be <= 256 characters long"));
        if (warning.isEmpty()) errs.add(Causes.invalidRendered(field, shown, "must not be an empty string"));
        int byteIndex = 0;
        for (int i = 0; i < warning.length(); ) {
            int cp = warning.codePointAt(i);
            if (!GoText.isPrint(cp)) {
                // Go ranges over a string by byte offset, so the index counts UTF-8 bytes.
                errs.add(Causes.invalidRendered(field, shown,
                        "must only contain printable UTF-8 characters; non-printable character found at index " + byteIndex));
                break;
            }
            byteIndex += new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            i += Character.charCount(cp);
        }
    }

    /** The scale subresource's JSON paths; the status subresource has nothing to check. */
    static void subresources(JsonNode subresources, String path, List<Cause> errs) {
        ObjectNode scale = Nodes.obj(subresources, "scale");
        if (scale == null) return;
        replicasPath(scale, "specReplicasPath", path, ".spec.", "should be a json path under .spec", errs);
        replicasPath(scale, "statusReplicasPath", path, ".status.", "should be a json path under .status", errs);
        String selector = Nodes.str(scale, "labelSelectorPath");
        if (selector.isEmpty()) return;
        String field = path + ".scale.labelSelectorPath";
        List<Cause> pathErrs = simpleJsonPath(selector, field);
        if (!pathErrs.isEmpty()) errs.addAll(pathErrs);
        else if (!selector.startsWith(".spec.") && !selector.startsWith(".status.")) {
            errs.add(Cause.invalid(field, selector, "should be a json path under either .spec or .status"));
        }
    }

    private static void replicasPath(ObjectNode scale, String name, String path, String prefix, String why, List<Cause> errs) {
        String value = Nodes.str(scale, name);
        String field = path + ".scale." + name;
        if (value.isEmpty()) {
            errs.add(Cause.required(field));
            return;
        }
        List<Cause> pathErrs = simpleJsonPath(value, field);
        if (!pathErrs.isEmpty()) errs.addAll(pathErrs);
        else if (!value.startsWith(prefix)) errs.add(Cause.invalid(field, value, why));
    }

    /** additionalPrinterColumns; kube names the path field {@code JSONPath}, after its Go field. */
    static void columns(JsonNode columns, String path, List<Cause> errs) {
        if (columns == null || !columns.isArray()) return;
        for (int i = 0; i < columns.size(); i++) {
            JsonNode col = columns.get(i);
            String p = path + "[" + i + "]";
            if (Nodes.str(col, "name").isEmpty()) errs.add(Cause.required(p + ".name"));
            String type = Nodes.str(col, "type");
            String types = "must be one of " + String.join(",", COLUMN_TYPES);
            if (type.isEmpty()) errs.add(Cause.required(p + ".type", types));
            else if (!COLUMN_TYPES.contains(type)) errs.add(Cause.invalid(p + ".type", type, types));
            String format = Nodes.str(col, "format");
            if (!format.isEmpty() && !COLUMN_FORMATS.contains(format)) {
                errs.add(Cause.invalid(p + ".format", format, "must be one of " + String.join(",", COLUMN_FORMATS)));
            }
            String jsonPath = Nodes.str(col, "jsonPath");
            if (jsonPath.isEmpty()) errs.add(Cause.required(p + ".JSONPath"));
            else errs.addAll(simpleJsonPath(jsonPath, p + ".JSONPath"));
        }
    }

    /** kube only asks that such a path be non-empty and start with a dot. */
    static List<Cause> simpleJsonPath(String s, String field) {
        if (s.isEmpty()) return List.of(Cause.invalid(field, s, "must not be empty"));
        if (s.charAt(0) != '.') return List.of(Cause.invalid(field, s, "must be a simple json path starting with ."));
        return List.of();
    }
}
