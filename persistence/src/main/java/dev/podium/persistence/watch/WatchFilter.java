package dev.podium.persistence.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.function.Predicate;

/** Which events a watch wants: one kind, optionally one namespace, and an object predicate (selectors). */
public record WatchFilter(String kind, String namespace, Predicate<ObjectNode> predicate) {
    boolean accepts(String eventKind, String eventNamespace, ObjectNode object) {
        return kind.equals(eventKind)
                && (namespace == null || namespace.equals(eventNamespace))
                && predicate.test(object);
    }
}
