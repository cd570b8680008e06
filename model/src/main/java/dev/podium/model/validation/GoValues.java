package dev.podium.model.validation;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Go's {@code %#v} of the values kube puts into field errors when they are not plain strings or
 * numbers: label maps, label selectors and IntOrString. Go prints map entries sorted by key.
 */
public final class GoValues {
    private GoValues() {}

    /** {@code map[string]string{"a":"b"}}, or {@code map[string]string(nil)} when absent. */
    public static String stringMap(JsonNode map) {
        if (map == null || !map.isObject()) return "map[string]string(nil)";
        TreeMap<String, String> sorted = new TreeMap<>();
        map.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
        return sorted.entrySet().stream().map(e -> Causes.quote(e.getKey()) + ":" + Causes.quote(e.getValue()))
                .collect(Collectors.joining(", ", "map[string]string{", "}"));
    }

    /** {@code v1.LabelSelector{MatchLabels:..., MatchExpressions:...}}; "null" for an absent selector. */
    public static String labelSelector(JsonNode selector) {
        if (selector == null || !selector.isObject()) return "null";
        return "v1.LabelSelector{MatchLabels:" + stringMap(selector.get("matchLabels"))
                + ", MatchExpressions:" + expressions(selector) + "}";
    }

    /** {@code intstr.IntOrString{Type:1, IntVal:0, StrVal:"25%"}}; a number, or nothing (the zero value), is Type 0. */
    public static String intOrString(JsonNode value) {
        if (value == null || !value.isTextual()) {
            long n = value != null && value.isNumber() ? value.asLong() : 0;
            return "intstr.IntOrString{Type:0, IntVal:" + n + ", StrVal:\"\"}";
        }
        return "intstr.IntOrString{Type:1, IntVal:0, StrVal:" + Causes.quote(value.asText()) + "}";
    }

    private static String expressions(JsonNode selector) {
        if (Nodes.arr(selector, "matchExpressions") == null) return "[]v1.LabelSelectorRequirement(nil)";
        List<String> rendered = new ArrayList<>();
        for (JsonNode e : Nodes.objects(selector, "matchExpressions")) {
            String values = Nodes.arr(e, "values") == null ? "[]string(nil)" : Causes.goStrings(Nodes.strings(e, "values"));
            rendered.add("v1.LabelSelectorRequirement{Key:" + Causes.quote(Nodes.str(e, "key")) + ", Operator:"
                    + Causes.quote(Nodes.str(e, "operator")) + ", Values:" + values + "}");
        }
        return rendered.stream().collect(Collectors.joining(", ", "[]v1.LabelSelectorRequirement{", "}"));
    }
}
