package dev.podium.model.crd;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;

/** How Go prints decoded JSON values in kube's messages: %v, %#v and json.Marshal. */
final class GoPrinting {
    private GoPrinting() {}

    /** A bad value as field.Error prints it: strings quoted, null as "null", containers as %#v. */
    static String errorValue(JsonNode v) {
        if (JsonValues.isNull(v)) return "\"null\"";
        if (v.isTextual()) return GoText.quote(v.textValue());
        if (v.isContainerNode()) return sharp(v);
        return scalar(v);
    }

    /** %#v of a decoded value: {@code map[string]interface {}{"a":1}}, {@code []interface {}{"a"}}. */
    static String sharp(JsonNode v) {
        if (JsonValues.isNull(v)) return "interface {}(nil)";
        if (v.isTextual()) return GoText.quote(v.textValue());
        if (v.isArray()) {
            List<String> items = new ArrayList<>();
            v.forEach(item -> items.add(sharp(item)));
            return "[]interface {}{" + String.join(", ", items) + "}";
        }
        if (v.isObject()) {
            List<String> entries = new ArrayList<>();
            sorted(v).forEach((k, item) -> entries.add(GoText.quote(k) + ":" + sharp(item)));
            return "map[string]interface {}{" + String.join(", ", entries) + "}";
        }
        return scalar(v);
    }

    /** json.Marshal: sorted keys, no spaces, Go's float spelling. */
    static String json(JsonNode v) {
        if (JsonValues.isNull(v)) return "null";
        if (v.isTextual()) return jsonString(v.textValue());
        if (v.isArray()) {
            List<String> items = new ArrayList<>();
            v.forEach(item -> items.add(json(item)));
            return "[" + String.join(",", items) + "]";
        }
        if (v.isObject()) {
            List<String> entries = new ArrayList<>();
            sorted(v).forEach((k, item) -> entries.add(jsonString(k) + ":" + json(item)));
            return "{" + String.join(",", entries) + "}";
        }
        if (JsonValues.isFloat(v)) {
            double d = v.doubleValue(), abs = Math.abs(d);
            if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) return exponent(d).replaceFirst("e([+-])0(\\d)$", "e$1$2");
            return fixed(d);
        }
        return v.asText();
    }

    /** %v of a float64: the shortest digits, in exponent form below 1e-4 or from 1e6 (shortest %g). */
    static String number(double d) {
        if (Double.isNaN(d)) return "NaN";
        if (Double.isInfinite(d)) return d > 0 ? "+Inf" : "-Inf";
        if (d == 0) return 1 / d < 0 ? "-0" : "0";
        Digits g = Digits.of(d);
        int exp = g.point - 1;
        return exp < -4 || exp >= 6 ? exponent(d) : fixed(d);
    }

    private static String scalar(JsonNode v) {
        if (JsonValues.isFloat(v)) return number(v.doubleValue());
        return v.asText();
    }

    private static String exponent(double d) {
        Digits g = Digits.of(d);
        String mantissa = g.digits.length() == 1 ? g.digits : g.digits.charAt(0) + "." + g.digits.substring(1);
        int exp = g.point - 1;
        String e = String.valueOf(Math.abs(exp));
        return (d < 0 ? "-" : "") + mantissa + "e" + (exp < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
    }

    private static String fixed(double d) {
        if (d == 0) return "0";
        Digits g = Digits.of(d);
        String sign = d < 0 ? "-" : "";
        if (g.point <= 0) return sign + "0." + "0".repeat(-g.point) + g.digits;
        if (g.point >= g.digits.length()) return sign + g.digits + "0".repeat(g.point - g.digits.length());
        return sign + g.digits.substring(0, g.point) + "." + g.digits.substring(g.point);
    }

    private static String jsonString(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> sb.append(String.format("\\u%04x", (int) c));
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }

    private static TreeMap<String, JsonNode> sorted(JsonNode object) {
        TreeMap<String, JsonNode> map = new TreeMap<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            map.put(k, object.get(k));
        }
        return map;
    }

    /** The significant decimal digits of |d| and where the decimal point falls among them. */
    private record Digits(String digits, int point) {
        static Digits of(double d) {
            BigDecimal b = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
            String digits = b.unscaledValue().toString();
            return new Digits(digits, digits.length() - b.scale());
        }
    }
}
