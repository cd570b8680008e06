package dev.podium.model.crd;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;

/**
 * Decoded JSON as kube's unstructured values see it: whole numbers are int64, everything else
 * numeric is float64, and equality is Go's reflect.DeepEqual (an int64 never equals a float64).
 */
final class JsonValues {
    private static final double MAX_JSON_INTEGER = 9007199254740991d; // 2^53 - 1
    private static final double EPSILON = 1e-9;

    private JsonValues() {}

    static boolean isNull(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode();
    }

    /** An int64 in Go; integers too large for int64 decode as float64. */
    static boolean isInteger(JsonNode n) {
        return n != null && n.isIntegralNumber() && n.canConvertToLong();
    }

    static boolean isFloat(JsonNode n) {
        return n != null && n.isNumber() && !isInteger(n);
    }

    /** The JSON schema type kube-openapi infers for a decoded value. */
    static String typeName(JsonNode n) {
        if (isNull(n)) return "null";
        if (n.isTextual()) return "string";
        if (n.isBoolean()) return "boolean";
        if (isInteger(n)) return "integer";
        if (n.isNumber()) return "number";
        if (n.isArray()) return "array";
        return "object";
    }

    /** The swagger format kube-openapi infers for a decoded value ("" for non-numbers). */
    static String goFormat(JsonNode n) {
        if (isInteger(n)) return "int64";
        if (isFloat(n)) return "float64";
        return "";
    }

    /** swag.IsFloat64AJSONInteger: integral within ±2^53, tolerating a relative error of 1e-9. */
    static boolean isJsonInteger(double f) {
        if (Double.isNaN(f) || Double.isInfinite(f) || f < -MAX_JSON_INTEGER || f > MAX_JSON_INTEGER) return false;
        double g = f < 0 ? Math.ceil(f) : Math.floor(f);
        if (f == g) return true;
        double diff = Math.abs(f - g);
        if (g == 0) return diff < EPSILON * Double.MIN_VALUE;
        return diff / (Math.abs(f) + Math.abs(g)) < EPSILON;
    }

    static boolean deepEquals(JsonNode a, JsonNode b) {
        if (isNull(a) || isNull(b)) return isNull(a) && isNull(b);
        if (isInteger(a) || isInteger(b)) return isInteger(a) && isInteger(b) && a.longValue() == b.longValue();
        if (a.isNumber() || b.isNumber()) return a.isNumber() && b.isNumber() && a.doubleValue() == b.doubleValue();
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) return false;
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!b.has(e.getKey()) || !deepEquals(e.getValue(), b.get(e.getKey()))) return false;
            }
            return true;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) return false;
            for (int i = 0; i < a.size(); i++) if (!deepEquals(a.get(i), b.get(i))) return false;
            return true;
        }
        return a.equals(b);
    }
}
