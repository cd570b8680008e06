package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.model.api.Cause;
import dev.podium.model.validation.Causes;
import dev.podium.model.validation.GoValues;

import java.util.List;
import java.util.regex.Pattern;

/**
 * An IntOrString such as maxSurge: a count or a percentage. An absent value is kube's zero
 * IntOrString, the integer 0.
 */
final class IntOrPercent {
    static final String PERCENT_FORMAT_ERROR = "a valid percent string must be a numeric string followed by an ending '%' "
            + "(e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";
    private static final Pattern PERCENT = Pattern.compile("[0-9]+%");

    private IntOrPercent() {}

    /** kube's ValidatePositiveIntOrPercent: a non-negative integer or a well-formed percentage. */
    static List<Cause> nonNegative(JsonNode v, String path) {
        if (isString(v)) {
            return PERCENT.matcher(v.asText()).matches() ? List.of() : List.of(invalid(path, v, PERCENT_FORMAT_ERROR));
        }
        long n = v == null || !v.isNumber() ? 0 : v.asLong();
        return n < 0 ? List.of(Cause.invalid(path, n, "must be greater than or equal to 0")) : List.of();
    }

    /** kube's IsNotMoreThan100Percent. */
    static List<Cause> atMost100Percent(JsonNode v, String path) {
        Long percent = percent(v);
        return percent != null && percent > 100 ? List.of(invalid(path, v, "must not be greater than 100%")) : List.of();
    }

    /** kube's getIntOrPercentValue: the percentage or the count; a malformed string counts as 0. */
    static long value(JsonNode v) {
        Long percent = percent(v);
        if (percent != null) return percent;
        if (isString(v)) {
            try {
                return Long.parseLong(v.asText());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return v == null || !v.isNumber() ? 0 : v.asLong();
    }

    static Cause invalid(String path, JsonNode v, String why) {
        return Causes.invalidRendered(path, GoValues.intOrString(v), why);
    }

    private static Long percent(JsonNode v) {
        if (!isString(v) || !PERCENT.matcher(v.asText()).matches()) return null;
        String digits = v.asText().substring(0, v.asText().length() - 1);
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static boolean isString(JsonNode v) {
        return v != null && v.isTextual();
    }
}
