package dev.podium.model.table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.model.json.Json;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * How kube's JSONPath printer writes one value as text: scalars as Go's fmt prints them, objects
 * and arrays as Go's encoding/json writes them (keys sorted, compact), and a JSON null as Go's
 * template package shows a missing value.
 */
final class JsonPathText {
    private JsonPathText() {}

    static String of(JsonNode v) {
        if (v == null || v.isNull()) return "<no value>";
        if (v.isTextual()) return v.asText();
        if (v.isContainerNode()) return json(v);
        if (v.isFloatingPointNumber()) return fmtFloat(v.asDouble());
        return v.asText();
    }

    /** fmt's %v of a float64: the shortest digits, in exponent form below 1e-4 and from 1e6 on. */
    static String fmtFloat(double d) {
        if (Double.isNaN(d)) return "NaN";
        if (Double.isInfinite(d)) return d > 0 ? "+Inf" : "-Inf";
        if (d == 0) return 1 / d < 0 ? "-0" : "0";
        BigDecimal bd = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = bd.unscaledValue().toString();
        int exp = digits.length() - 1 - bd.scale();
        String sign = d < 0 ? "-" : "";
        if (exp < -4 || exp >= 6) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
        }
        return sign + bd.toPlainString();
    }

    /** encoding/json's Marshal: map keys sorted, HTML characters escaped, floats without a needless ".0". */
    static String json(JsonNode v) {
        if (v.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                sorted.put(e.getKey(), e.getValue());
            }
            StringJoiner sj = new StringJoiner(",", "{", "}");
            sorted.forEach((k, value) -> sj.add(string(k) + ":" + json(value)));
            return sj.toString();
        }
        if (v.isArray()) {
            StringJoiner sj = new StringJoiner(",", "[", "]");
            v.forEach(e -> sj.add(json(e)));
            return sj.toString();
        }
        if (v.isTextual()) return string(v.asText());
        if (v.isFloatingPointNumber()) {
            BigDecimal bd = BigDecimal.valueOf(v.asDouble()).stripTrailingZeros();
            double abs = Math.abs(v.asDouble());
            if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) return fmtFloat(v.asDouble()).replaceFirst("e([+-])0(\\d)$", "e$1$2");
            return bd.toPlainString();
        }
        return v.toString();
    }

    private static String string(String s) {
        try {
            return Json.MAPPER.writeValueAsString(s).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                    .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
