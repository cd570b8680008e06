package dev.podium.persistence.watch;

import dev.podium.model.selectors.LabelSelector;
import dev.podium.model.selectors.Requirement;

import java.util.ArrayList;
import java.util.List;

/**
 * A secondary index of the watch cache that narrows a list to the objects of one bucket:
 * those on a node ({@code spec.nodeName}), those with an owner reference to a uid, or those
 * carrying a label with a value. The namespace needs no index: keys are ordered by namespace.
 */
public sealed interface Index {
    record NodeName(String nodeName) implements Index {}

    record OwnerUid(String uid) implements Index {}

    record Label(String key, String value) implements Index {}

    static Index nodeName(String nodeName) {
        return new NodeName(nodeName);
    }

    static Index ownerUid(String uid) {
        return new OwnerUid(uid);
    }

    static Index label(String key, String value) {
        return new Label(key, value);
    }

    /** The label buckets a selector's single-valued requirements ({@code k=v}, {@code k in (v)}) name: only their objects can match. */
    static List<Index> labels(LabelSelector selector) {
        List<Index> indexes = new ArrayList<>();
        for (Requirement r : selector.requirements()) {
            boolean single = switch (r.operator()) {
                case EQUALS, DOUBLE_EQUALS, IN -> r.values().size() == 1;
                default -> false;
            };
            if (single) indexes.add(label(r.key(), r.values().get(0)));
        }
        return indexes;
    }
}
