package dev.podium.model.crd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.model.api.Cause;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * kube-openapi's SchemaValidator as apiextensions-apiserver runs it on a custom object: the checks
 * of each schema node in kube-openapi's order (type, junctors, string, format, number, array,
 * enum, object), messages naming the value's path ({@code spec.items[0].name}, map values as
 * {@code spec.map.key}), then turned into field errors the way apiextensions does.
 */
final class SchemaValidation {
    /** Where errors are reported: null for an object's own fields, else the path of a default being checked. */
    private final String prefix;

    SchemaValidation(String prefix) {
        this.prefix = prefix;
    }

    /** Validates {@code value} named {@code name}; errors of a value unchanged since {@code old} are dropped. */
    ValidationResult validate(JsonNode value, Ratcheting old, Schema s, String name) {
        ValidationResult r = node(value, old, s, name);
        if (old != null && !r.valid() && old.unchanged()) return r.withoutErrors();
        return r;
    }

    private ValidationResult node(JsonNode v, Ratcheting old, Schema s, String name) {
        if (old != null) old.observe(v);
        ValidationResult r = new ValidationResult();
        if (JsonValues.isNull(v)) {
            r.merge(type(v, s, name));
            r.merge(ValueConstraints.enumeration(v, s.enumValues(), field(name)));
            return r;
        }
        String format = s.format();
        if (!s.validationTypes().isEmpty() || !format.isEmpty()) applied(r, type(v, s, name));
        applied(r, junctors(v, old, s, name));
        if (v.isTextual()) applied(r, ValueConstraints.string(v.textValue(), s, name, field(name)));
        if (v.isTextual() && StringFormats.known(format)) applied(r, ValueConstraints.format(v.textValue(), format, name, field(name)));
        if (v.isNumber()) applied(r, ValueConstraints.number(v, s, name, field(name)));
        if (v.isArray()) applied(r, array(v, old, s, name));
        applied(r, ValueConstraints.enumeration(v, s.enumValues(), field(name)));
        if (v.isObject()) applied(r, object(v, old, s, name));
        r.matched();
        return r;
    }

    /** Merges a check that applied to the value; kube-openapi counts each one, to rank anyOf/oneOf branches. */
    private static void applied(ValidationResult r, ValidationResult check) {
        r.merge(check);
        r.matched();
    }

    /** The type check, with kube-openapi's allowances: an integral float is an integer, an integer a number. */
    private ValidationResult type(JsonNode v, Schema s, String name) {
        List<String> types = s.validationTypes();
        if (JsonValues.isNull(v)) {
            if (!types.isEmpty() && !s.nullable()) return typeError(name, String.join(",", types), "null");
            return ValidationResult.passed();
        }
        String found = JsonValues.typeName(v), foundFormat = JsonValues.goFormat(v), format = s.format();
        boolean floatInt = found.equals("number") && JsonValues.isJsonInteger(v.doubleValue()) && types.contains("integer");
        boolean intFloat = found.equals("integer") && types.contains("number");
        boolean stringOrArray = v.isTextual() || v.isArray();
        if (!stringOrArray && !format.isEmpty() && !(types.contains(found) || foundFormat.equals(format) || floatInt || intFloat)) {
            return typeError(name, format, foundFormat);
        }
        if (!(types.contains("number") || types.contains("integer")) && !format.isEmpty() && stringOrArray) return ValidationResult.passed();
        if (!(types.contains(found) || floatInt || intFloat)) return typeError(name, String.join(",", types), found);
        return ValidationResult.passed();
    }

    private ValidationResult typeError(String name, String expected, String found) {
        return ValidationResult.of(SchemaCauses.typeInvalid(field(name), GoText.quote(found),
                name + " in body must be of type " + expected + ": " + GoText.quote(found)));
    }

    /** anyOf, oneOf, allOf and not; a failing anyOf/oneOf also reports the errors of its best-matching branch. */
    private ValidationResult junctors(JsonNode v, Ratcheting old, Schema s, String name) {
        ValidationResult main = new ValidationResult();
        if (!s.anyOf().isEmpty()) {
            ValidationResult best = null, success = null;
            for (Schema branch : s.anyOf()) {
                ValidationResult r = node(v, old, branch, name);
                if (r.valid()) {
                    best = null;
                    success = r;
                    break;
                }
                if (best == null || r.matches() > best.matches()) best = r;
            }
            if (success == null) main.add(composite(GoText.quote(name) + " must validate at least one schema (anyOf)"));
            main.merge(best != null ? best : success);
        }
        if (!s.oneOf().isEmpty()) {
            ValidationResult best = null, success = null;
            int validated = 0;
            for (Schema branch : s.oneOf()) {
                ValidationResult r = node(v, old, branch, name);
                if (r.valid()) {
                    validated++;
                    best = null;
                    if (success == null) success = r;
                } else if (validated == 0 && (best == null || r.matches() > best.matches())) {
                    best = r;
                }
            }
            if (validated != 1) {
                String found = validated == 0 ? "Found none valid" : "Found " + validated + " valid alternatives";
                main.add(composite(GoText.quote(name) + " must validate one and only one schema (oneOf). " + found));
                main.merge(best);
            } else {
                main.merge(success);
            }
        }
        if (!s.allOf().isEmpty()) {
            int validated = 0;
            for (Schema branch : s.allOf()) {
                ValidationResult r = node(v, old, branch, name);
                if (r.valid()) validated++;
                main.merge(r);
            }
            if (validated != s.allOf().size()) {
                main.add(composite(GoText.quote(name) + " must validate all the schemas (allOf)" + (validated == 0 ? ". None validated" : "")));
            }
        }
        if (s.not() != null && node(v, old, s.not(), name).valid()) {
            main.add(composite(GoText.quote(name) + " must not validate the schema (not)"));
        }
        main.matched();
        return main;
    }

    private ValidationResult array(JsonNode list, Ratcheting old, Schema s, String name) {
        ValidationResult r = new ValidationResult();
        if (s.items() != null) {
            for (int i = 0; i < list.size(); i++) {
                r.merge(validate(list.get(i), old == null ? null : old.index(i, list, s), s.items(), name + "[" + i + "]"));
            }
        }
        Long min = s.integer("minItems"), max = s.integer("maxItems");
        if (min != null && list.size() < min) {
            r.add(SchemaCauses.invalid(field(name), String.valueOf(list.size()), name + " in body should have at least " + min + " items"));
        }
        if (max != null && list.size() > max) r.add(Cause.tooMany(field(name), list.size(), (int) (long) max));
        if (s.flag("uniqueItems") && hasDuplicates(list)) {
            r.add(SchemaCauses.invalid(field(name), "\"\"", name + " in body shouldn't contain duplicates"));
        }
        r.matched();
        return r;
    }

    private ValidationResult object(JsonNode obj, Ratcheting old, Schema s, String name) {
        ValidationResult r = new ValidationResult();
        int count = obj.size();
        Long min = s.integer("minProperties"), max = s.integer("maxProperties");
        if (min != null && count < min) {
            r.add(SchemaCauses.invalid(field(name), String.valueOf(count), name + " in body should have at least " + min + " properties"));
        }
        if (max != null && count > max) r.add(Cause.tooMany(field(name), count, (int) (long) max));
        JsonNode additional = s.node().get("additionalProperties");
        for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (s.properties().containsKey(e.getKey())) continue;
            if (additional != null && additional.isBoolean() && !additional.booleanValue()) {
                r.add(SchemaCauses.invalidText(field(name), e.getKey(), name + "." + e.getKey() + " in body is a forbidden property"));
            } else if (s.additionalProperties() != null) {
                Ratcheting child = old == null ? null : old.field(e.getKey());
                r.merge(validate(e.getValue(), child, s.additionalProperties(), name + "." + e.getKey()));
            }
        }
        for (Map.Entry<String, Schema> p : s.properties().entrySet()) {
            if (!obj.has(p.getKey())) continue;
            Ratcheting child = old == null ? null : old.field(p.getKey());
            r.merge(validate(obj.get(p.getKey()), child, p.getValue(), name.isEmpty() ? p.getKey() : name + "." + p.getKey()));
        }
        for (String k : s.required()) if (!obj.has(k)) r.add(Cause.required(field(name + "." + k)));
        return r;
    }

    private static boolean hasDuplicates(JsonNode list) {
        for (int i = 0; i < list.size(); i++) {
            for (int j = 0; j < i; j++) if (JsonValues.deepEquals(list.get(i), list.get(j))) return true;
        }
        return false;
    }

    /** The reported field for a kube-openapi name: the leading dot dropped, "<nil>" for the root. */
    private String field(String name) {
        if (name.isEmpty() || name.equals(".")) return prefix == null ? "<nil>" : prefix;
        String trimmed = name.startsWith(".") ? name.substring(1) : name;
        return prefix == null ? trimmed : prefix + "." + trimmed;
    }

    /** Junctor failures are not field errors in kube-openapi; apiextensions reports them with no field. */
    private Cause composite(String message) {
        return SchemaCauses.invalid(prefix == null ? "<nil>" : prefix, "\"\"", message);
    }
}
