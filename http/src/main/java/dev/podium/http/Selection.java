package dev.podium.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.selectors.FieldSelector;
import dev.podium.model.selectors.LabelSelector;
import dev.podium.persistence.watch.Index;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The labelSelector and fieldSelector of a list or watch: one predicate, and the watch cache
 * indexes that narrow a list to the objects that can match (a label that must have one value,
 * {@code spec.nodeName=X}).
 */
record Selection(Predicate<ObjectNode> predicate, List<Index> indexes) {

    static Selection of(ApiRequest req) {
        ResourceKind kind = req.kind();
        String ls = req.param("labelSelector");
        String fs = req.param("fieldSelector");
        LabelSelector labels = ls == null || ls.isBlank() ? null : LabelSelector.parse(ls);
        FieldSelector fields = fs == null || fs.isBlank() ? null : FieldSelector.parse(fs);
        if (fields != null) fields.validate(kind);
        if (labels == null && fields == null) return new Selection(o -> true, List.of());
        List<Index> indexes = new ArrayList<>(labels == null ? List.of() : Index.labels(labels));
        if (fields != null) fields.requiredValue("spec.nodeName").filter(n -> !n.isEmpty()).ifPresent(n -> indexes.add(Index.nodeName(n)));
        return new Selection(o -> (labels == null || labels.matchesObject(o)) && (fields == null || fields.matches(kind, o)), indexes);
    }
}
