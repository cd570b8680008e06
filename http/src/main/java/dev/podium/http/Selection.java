package dev.podium.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.selectors.FieldSelector;
import dev.podium.model.selectors.LabelSelector;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/** The labelSelector and fieldSelector of a list or watch as one predicate. */
final class Selection {
    private Selection() {}

    static Predicate<ObjectNode> of(ApiRequest req) {
        ResourceKind kind = req.kind();
        String ls = req.param("labelSelector");
        String fs = req.param("fieldSelector");
        LabelSelector labels = ls == null || ls.isBlank() ? null : LabelSelector.parse(ls);
        FieldSelector fields = fs == null || fs.isBlank() ? null : FieldSelector.parse(fs);
        if (fields != null) fields.validate(kind);
        if (labels == null && fields == null) return o -> true;
        return o -> (labels == null || labels.matches(labelsOf(o))) && (fields == null || fields.matches(kind, o));
    }

    static Map<String, String> labelsOf(JsonNode obj) {
        Map<String, String> out = new HashMap<>();
        obj.path("metadata").path("labels").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
