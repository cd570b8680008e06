package dev.podium.model.crd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.model.api.Cause;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * kube-openapi's checks of scalar values: string length, pattern and format, numeric bounds,
 * multipleOf and enum. {@code name} is the value's path as kube-openapi spells it in messages,
 * {@code field} the path the error is reported at.
 */
final class ValueConstraints {
    private ValueConstraints() {}

    /** maxLength, minLength and pattern; only the first failure is reported. Lengths count runes. */
    static ValidationResult string(String text, Schema s, String name, String field) {
        ValidationResult r = new ValidationResult();
        long runes = text.codePointCount(0, text.length());
        Long max = s.integer("maxLength"), min = s.integer("minLength");
        String pattern = s.text("pattern");
        if (max != null && runes > max) {
            r.add(Cause.tooLong(field, max));
        } else if (min != null && runes < min) {
            r.add(SchemaCauses.invalidText(field, text, name + " in body should be at least " + min + " chars long"));
        } else if (!pattern.isEmpty()) {
            String shown = pattern;
            Pattern compiled = null;
            try {
                compiled = GoRegex.compile(pattern);
            } catch (GoRegex.SyntaxError e) {
                shown = pattern + ", but pattern is invalid: " + e.getMessage();
            }
            if (compiled == null || !compiled.matcher(text).find()) {
                r.add(SchemaCauses.invalidText(field, text, name + " in body should match '" + shown + "'"));
            }
        }
        return r;
    }

    static ValidationResult format(String text, String format, String name, String field) {
        if (StringFormats.valid(format, text)) return new ValidationResult();
        return ValidationResult.of(SchemaCauses.typeInvalid(field, GoText.quote(text),
                name + " in body must be of type " + format + ": " + GoText.quote(text)));
    }

    /**
     * multipleOf, minimum and maximum. An integer value is compared with the bound truncated to an
     * integer, as kube-openapi does for int64 data.
     */
    static ValidationResult number(JsonNode v, Schema s, String name, String field) {
        ValidationResult r = new ValidationResult();
        boolean integer = JsonValues.isInteger(v);
        Double factor = s.number("multipleOf");
        if (factor != null) r.merge(multipleOf(v, factor, name, field));
        Double min = s.number("minimum");
        if (min != null) {
            boolean exclusive = s.flag("exclusiveMinimum");
            int c = integer ? Long.compare(v.longValue(), (long) (double) min) : Double.compare(v.doubleValue(), min);
            if (exclusive ? c <= 0 : c < 0) {
                r.add(SchemaCauses.invalid(field, GoPrinting.errorValue(v), name + " in body should be greater than "
                        + (exclusive ? "" : "or equal to ") + bound(min, integer)));
            }
        }
        Double max = s.number("maximum");
        if (max != null) {
            boolean exclusive = s.flag("exclusiveMaximum");
            int c = integer ? Long.compare(v.longValue(), (long) (double) max) : Double.compare(v.doubleValue(), max);
            if (exclusive ? c >= 0 : c > 0) {
                r.add(SchemaCauses.invalid(field, GoPrinting.errorValue(v), name + " in body should be less than "
                        + (exclusive ? "" : "or equal to ") + bound(max, integer)));
            }
        }
        r.matched();
        return r;
    }

    private static ValidationResult multipleOf(JsonNode v, double factor, String name, String field) {
        // kube-openapi divides int64 data by the factor truncated to int64 (a factor below 1 would panic there)
        boolean integer = JsonValues.isInteger(v) && (long) factor != 0;
        String shown = bound(factor, integer);
        if (integer ? (long) factor < 0 : factor < 0) {
            return ValidationResult.of(SchemaCauses.invalid(field, shown, "factor MultipleOf declared for " + name + " must be positive: " + shown));
        }
        boolean multiple = integer ? v.longValue() % (long) factor == 0
                : JsonValues.isJsonInteger(factor < 1 ? 1 / factor * v.doubleValue() : v.doubleValue() / factor);
        if (multiple) return new ValidationResult();
        return ValidationResult.of(SchemaCauses.invalid(field, GoPrinting.errorValue(v), name + " in body should be a multiple of " + shown));
    }

    /** enum: the value must equal one of the values after Go's type conversion; null never does. */
    static ValidationResult enumeration(JsonNode v, List<JsonNode> values, String field) {
        if (values == null) return new ValidationResult();
        for (JsonNode e : values) if (matches(v, e)) return new ValidationResult();
        List<String> supported = new ArrayList<>();
        for (JsonNode e : values) supported.add(e.isTextual() ? e.textValue() : GoPrinting.json(e));
        return ValidationResult.of(SchemaCauses.notSupported(field, GoPrinting.errorValue(v), supported));
    }

    private static boolean matches(JsonNode v, JsonNode e) {
        if (JsonValues.isNull(v) || JsonValues.isNull(e)) return false;
        if (e.isTextual()) {
            if (v.isTextual()) return v.textValue().equals(e.textValue());
            // Go converts an int64 to the string of that rune
            return JsonValues.isInteger(v) && Character.isValidCodePoint((int) v.longValue()) && v.longValue() == (int) v.longValue()
                    && new String(Character.toChars((int) v.longValue())).equals(e.textValue());
        }
        if (e.isBoolean()) return v.isBoolean() && v.booleanValue() == e.booleanValue();
        // a float converts to an integer enum value by truncation
        if (JsonValues.isInteger(e)) return JsonValues.isInteger(v) ? v.longValue() == e.longValue() : v.isNumber() && (long) v.doubleValue() == e.longValue();
        if (e.isNumber()) return v.isNumber() && v.doubleValue() == e.doubleValue();
        return JsonValues.deepEquals(v, e);
    }

    private static String bound(double bound, boolean integer) {
        return integer ? String.valueOf((long) bound) : GoPrinting.number(bound);
    }
}
