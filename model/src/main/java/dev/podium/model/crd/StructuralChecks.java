package dev.podium.model.crd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.model.api.Cause;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * schema.ValidateStructural: a schema's structure (types, items, properties) is fully specified
 * outside value validations (allOf, anyOf, oneOf, not), which may only restrict values; metadata
 * may only restrict name and generateName. Errors are sorted by their text, as kube sorts them.
 */
final class StructuralChecks {
    enum Level { ROOT, ITEMS, FIELD }

    private static final List<String> STRUCTURAL_KEYS = List.of("description", "type", "title", "default", "nullable", "externalDocs",
            "x-kubernetes-preserve-unknown-fields", "x-kubernetes-embedded-resource", "x-kubernetes-int-or-string",
            "x-kubernetes-list-map-keys", "x-kubernetes-list-type", "x-kubernetes-map-type", "x-kubernetes-validations", "format",
            "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength", "minLength", "pattern", "maxItems", "minItems",
            "uniqueItems", "multipleOf", "enum", "maxProperties", "minProperties", "required", "allOf", "oneOf", "anyOf", "not",
            "items", "properties", "additionalProperties");

    private final List<Cause> errs = new ArrayList<>();

    private StructuralChecks() {}

    static List<Cause> check(Schema root, String path) {
        StructuralChecks c = new StructuralChecks();
        c.invariants(root, Level.ROOT, path);
        StructuralCompleteness.check(root, path, c.errs);
        c.errs.sort(Comparator.comparing(e -> e.field() + ": " + e.message()));
        return c.errs;
    }

    /** The keywords a structural schema keeps that are set to something other than their zero value. */
    static Set<String> setKeys(Schema s) {
        Set<String> keys = new LinkedHashSet<>();
        for (String k : STRUCTURAL_KEYS) {
            JsonNode v = s.node().get(k);
            if (JsonValues.isNull(v)) continue;
            boolean set = switch (k) {
                case "default", "additionalProperties" -> true;
                default -> v.isBoolean() ? v.booleanValue() : v.isTextual() ? !v.textValue().isEmpty() : !v.isContainerNode() || !v.isEmpty();
            };
            if (set) keys.add(k);
        }
        return keys;
    }

    private void invariants(Schema s, Level lvl, String path) {
        if (s == null) return;
        if (s.type().equals("array") && s.items() == null) errs.add(Cause.required(path + ".items", "must be specified"));
        invariants(s.items(), Level.ITEMS, path + ".items");
        for (Map.Entry<String, Schema> p : s.properties().entrySet()) invariants(p.getValue(), Level.FIELD, property(path, p.getKey()));
        if (s.has("additionalProperties")) {
            if (lvl == Level.ROOT) errs.add(Cause.forbidden(path + ".additionalProperties", "must not be used at the root"));
            invariants(s.additionalProperties(), Level.FIELD, path + ".additionalProperties");
        }
        if (s.intOrString() && s.preserveUnknownFields()) {
            errs.add(SchemaCauses.invalid(path + ".x-kubernetes-preserve-unknown-fields", "true", "must be false if x-kubernetes-int-or-string is true"));
        }
        if (s.intOrString() && s.embeddedResource()) {
            errs.add(SchemaCauses.invalid(path + ".x-kubernetes-embedded-resource", "true", "must be false if x-kubernetes-int-or-string is true"));
        }
        valueValidation(s, isIntOrStringAnyOf(s.anyOf()), !s.allOf().isEmpty() && isIntOrStringAnyOf(s.allOf().get(0).anyOf()), path);
        boolean checkMetadata = lvl == Level.ROOT || s.embeddedResource();
        String type = s.type();
        if (s.embeddedResource() && !type.equals("object")) {
            String why = "must be object if x-kubernetes-embedded-resource is true";
            errs.add(type.isEmpty() ? Cause.required(path + ".type", why) : SchemaCauses.invalidText(path + ".type", type, why));
        } else if (type.isEmpty() && !s.intOrString() && !s.preserveUnknownFields()) {
            errs.add(Cause.required(path + ".type", switch (lvl) {
                case ROOT -> "must not be empty at the root";
                case ITEMS -> "must not be empty for specified array items";
                case FIELD -> "must not be empty for specified object fields";
            }));
        }
        if (s.embeddedResource() && s.has("additionalProperties")) {
            errs.add(Cause.forbidden(path + ".additionalProperties", "must not be used if x-kubernetes-embedded-resource is set"));
        }
        if (lvl == Level.ROOT && !type.isEmpty() && !type.equals("object")) {
            errs.add(SchemaCauses.invalidText(path + ".type", type, "must be object at the root"));
        }
        for (String meta : List.of("kind", "apiVersion")) {
            Schema p = s.properties().get(meta);
            if (p != null && checkMetadata && !p.type().equals("string")) {
                errs.add(SchemaCauses.invalidText(property(path, meta) + ".type", p.type(), "must be string"));
            }
        }
        Schema metadata = s.properties().get("metadata");
        if (metadata != null) metadata(metadata, checkMetadata, lvl, property(path, "metadata"));
        if (s.embeddedResource() && !s.preserveUnknownFields() && s.properties().isEmpty()) {
            errs.add(Cause.required(path + ".properties",
                    "must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields"));
        }
    }

    private void metadata(Schema s, boolean checkMetadata, Level lvl, String path) {
        if (checkMetadata && !s.type().equals("object")) errs.add(SchemaCauses.invalidText(path + ".type", s.type(), "must be object"));
        if (lvl != Level.ROOT) return;
        Set<String> rest = setKeys(s);
        rest.remove("type");
        rest.remove("default");
        Set<String> names = s.properties().keySet();
        boolean onlyNames = !names.isEmpty() && Set.of("name", "generateName").containsAll(names);
        if (onlyNames) rest.remove("properties");
        if (!rest.isEmpty()) {
            errs.add(Cause.forbidden(path, "must not specify anything other than name and generateName, but metadata is implicitly specified"));
        }
    }

    /** The junctors' schemas may restrict values only; the int-or-string anyOf pair is exempt. */
    private void valueValidation(Schema s, boolean skipAnyOf, boolean skipFirstAllOfAnyOf, String path) {
        if (!skipAnyOf) for (int i = 0; i < s.anyOf().size(); i++) nested(s.anyOf().get(i), false, path + ".anyOf[" + i + "]");
        for (int i = 0; i < s.allOf().size(); i++) nested(s.allOf().get(i), skipFirstAllOfAnyOf && i == 0, path + ".allOf[" + i + "]");
        for (int i = 0; i < s.oneOf().size(); i++) nested(s.oneOf().get(i), false, path + ".oneOf[" + i + "]");
        if (s.not() != null) nested(s.not(), false, path + ".not");
        String pattern = s.text("pattern");
        if (!pattern.isEmpty()) {
            try {
                GoRegex.compile(pattern);
            } catch (GoRegex.SyntaxError e) {
                errs.add(SchemaCauses.invalidText(path + ".pattern", pattern, "must be a valid regular expression, but isn't: " + e.getMessage()));
            }
        }
    }

    private void nested(Schema v, boolean skipAnyOf, String path) {
        valueValidation(v, skipAnyOf, false, path);
        if (v.items() != null) nested(v.items(), false, path + ".items");
        for (Map.Entry<String, Schema> p : v.properties().entrySet()) nested(p.getValue(), false, property(path, p.getKey()));
        Set<String> set = setKeys(v);
        forbid(set, "type", path, "must be empty to be structural");
        forbid(set, "additionalProperties", path, "must be undefined to be structural");
        forbid(set, "default", path, "must be undefined to be structural");
        forbid(set, "title", path, "must be empty to be structural");
        forbid(set, "description", path, "must be empty to be structural");
        forbid(set, "nullable", path, "must be false to be structural");
        forbid(set, "externalDocs", path, "must be undefined to be structural");
        forbid(set, "x-kubernetes-preserve-unknown-fields", path, "must be false to be structural");
        forbid(set, "x-kubernetes-embedded-resource", path, "must be false to be structural");
        forbid(set, "x-kubernetes-int-or-string", path, "must be false to be structural");
        forbid(set, "x-kubernetes-list-map-keys", path, "must be empty to be structural");
        forbid(set, "x-kubernetes-list-type", path, "must be undefined to be structural");
        forbid(set, "x-kubernetes-map-type", path, "must be undefined to be structural");
        forbid(set, "x-kubernetes-validations", path, "must be empty to be structural");
        if (v.properties().containsKey("metadata")) errs.add(Cause.forbidden(property(path, "metadata"), "must not be specified in a nested context"));
    }

    private void forbid(Set<String> set, String key, String path, String why) {
        if (set.contains(key)) errs.add(Cause.forbidden(path + "." + key, why));
    }

    /** anyOf: [{type: integer}, {type: string}] exactly. */
    private static boolean isIntOrStringAnyOf(List<Schema> anyOf) {
        return anyOf.size() == 2 && onlyType(anyOf.get(0), "integer") && onlyType(anyOf.get(1), "string");
    }

    private static boolean onlyType(Schema s, String type) {
        return s.type().equals(type) && setKeys(s).equals(Set.of("type"));
    }

    static String property(String path, String name) {
        return path + ".properties[" + name + "]";
    }
}
