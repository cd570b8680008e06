package dev.podium.model.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One node of an openAPIV3Schema, read once: its sub-schemas are parsed into a tree, keeping the
 * order the CRD author wrote properties in. The node's {@code default} is held as an owned copy,
 * which {@link SchemaPruning#pruneDefaults} trims the way kube does when it serves the CRD.
 */
final class Schema {
    /** Formats a CRD's string schema keeps (go-openapi spelling, dashes removed); others are ignored. */
    private static final Set<String> STRING_FORMATS = Set.of("bsonobjectid", "uri", "email", "hostname", "ipv4", "ipv6",
            "cidr", "mac", "uuid", "uuid3", "uuid4", "uuid5", "isbn", "isbn10", "isbn13", "creditcard", "ssn", "hexcolor",
            "rgbcolor", "byte", "password", "date", "duration", "datetime");

    private final ObjectNode node;
    private final Map<String, Schema> properties = new LinkedHashMap<>();
    private final Schema items;
    private final Schema additionalProperties;
    private final List<Schema> allOf, anyOf, oneOf;
    private final Schema not;
    private JsonNode defaultValue;
    private final boolean hasRules;

    private Schema(ObjectNode node) {
        this.node = node;
        JsonNode props = node.get("properties");
        if (props instanceof ObjectNode) {
            for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                Schema child = of(e.getValue());
                if (child != null) properties.put(e.getKey(), child);
            }
        }
        items = of(node.get("items"));
        additionalProperties = of(node.get("additionalProperties"));
        allOf = list("allOf");
        anyOf = list("anyOf");
        oneOf = list("oneOf");
        not = of(node.get("not"));
        JsonNode d = node.get("default");
        defaultValue = JsonValues.isNull(d) ? null : d.deepCopy();
        hasRules = has("x-kubernetes-validations") || properties.values().stream().anyMatch(s -> s.hasRules)
                || items != null && items.hasRules || additionalProperties != null && additionalProperties.hasRules;
    }

    /** The schema at {@code node}, or null when it is not a schema object. */
    static Schema of(JsonNode node) {
        return node instanceof ObjectNode o ? new Schema(o) : null;
    }

    ObjectNode node() {
        return node;
    }

    /** Whether the keyword is set to something other than JSON null. */
    boolean has(String key) {
        return !JsonValues.isNull(node.get(key));
    }

    String text(String key) {
        JsonNode v = node.get(key);
        return v != null && v.isTextual() ? v.textValue() : "";
    }

    boolean flag(String key) {
        JsonNode v = node.get(key);
        return v != null && v.isBoolean() && v.booleanValue();
    }

    Long integer(String key) {
        JsonNode v = node.get(key);
        return v != null && v.isNumber() ? v.longValue() : null;
    }

    Double number(String key) {
        JsonNode v = node.get(key);
        return v != null && v.isNumber() ? v.doubleValue() : null;
    }

    String type() {
        return text("type");
    }

    /** The types the value is checked against: int-or-string means integer or string. */
    List<String> validationTypes() {
        if (intOrString()) return List.of("integer", "string");
        return type().isEmpty() ? List.of() : List.of(type());
    }

    /** The format kube validates with: unsupported formats are dropped when the CRD is served. */
    String format() {
        String format = text("format");
        if (format.isEmpty()) return "";
        List<String> types = validationTypes();
        String type = types.size() == 1 ? types.get(0) : "";
        return switch (type) {
            case "", "string" -> STRING_FORMATS.contains(format.replace("-", "")) ? format : "";
            case "integer" -> format.equals("int32") || format.equals("int64") ? format : "";
            case "number" -> format.equals("float") || format.equals("double") ? format : "";
            default -> "";
        };
    }

    boolean nullable() {
        return flag("nullable");
    }

    boolean preserveUnknownFields() {
        return flag("x-kubernetes-preserve-unknown-fields");
    }

    boolean embeddedResource() {
        return flag("x-kubernetes-embedded-resource");
    }

    boolean intOrString() {
        return flag("x-kubernetes-int-or-string");
    }

    String listType() {
        return text("x-kubernetes-list-type");
    }

    String mapType() {
        return text("x-kubernetes-map-type");
    }

    List<String> listMapKeys() {
        return strings("x-kubernetes-list-map-keys");
    }

    List<String> required() {
        return strings("required");
    }

    /** The enum values, or null when the schema has no enum. */
    List<JsonNode> enumValues() {
        JsonNode e = node.get("enum");
        if (e == null || !e.isArray() || e.isEmpty()) return null;
        List<JsonNode> values = new ArrayList<>();
        e.forEach(values::add);
        return values;
    }

    Map<String, Schema> properties() {
        return properties;
    }

    Schema items() {
        return items;
    }

    /** additionalProperties as a schema; null when absent or a boolean. */
    Schema additionalProperties() {
        return additionalProperties;
    }

    List<Schema> allOf() {
        return allOf;
    }

    List<Schema> anyOf() {
        return anyOf;
    }

    List<Schema> oneOf() {
        return oneOf;
    }

    Schema not() {
        return not;
    }

    /** The default this schema applies, null when it has none. */
    JsonNode defaultValue() {
        return defaultValue;
    }

    void replaceDefault(JsonNode pruned) {
        defaultValue = pruned;
    }

    /** Whether x-kubernetes-validations rules sit on this schema or under its properties and items. */
    boolean hasRules() {
        return hasRules;
    }

    private List<String> strings(String key) {
        JsonNode v = node.get(key);
        List<String> out = new ArrayList<>();
        if (v != null && v.isArray()) v.forEach(s -> {
            if (s.isTextual()) out.add(s.textValue());
        });
        return out;
    }

    private List<Schema> list(String key) {
        JsonNode v = node.get(key);
        List<Schema> out = new ArrayList<>();
        if (v != null && v.isArray()) v.forEach(s -> {
            Schema child = of(s);
            if (child != null) out.add(child);
        });
        return out;
    }
}
