package dev.podium.model.table;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.model.api.ApiException;
import dev.podium.model.selectors.LabelSelector;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Label maps and label selectors as kube prints them in cells. */
final class LabelCells {
    private LabelCells() {}

    /** labels.FormatLabels: sorted k=v pairs, "&lt;none&gt;" when empty. */
    static String labels(JsonNode map) {
        TreeMap<String, String> sorted = new TreeMap<>();
        if (map != null) map.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue().asText("")));
        if (sorted.isEmpty()) return "<none>";
        List<String> pairs = new ArrayList<>();
        sorted.forEach((k, v) -> pairs.add(k + "=" + v));
        return String.join(",", pairs);
    }

    /** metav1.FormatLabelSelector: "&lt;none&gt;" when it selects everything or nothing, "&lt;invalid&gt;" when unparseable. */
    static String selector(JsonNode selector) {
        if (selector == null || !selector.isObject()) return "<none>";
        try {
            String s = LabelSelector.fromObject(selector).toString();
            return s.isEmpty() ? "<none>" : s;
        } catch (ApiException e) {
            return "<invalid>";
        }
    }
}
