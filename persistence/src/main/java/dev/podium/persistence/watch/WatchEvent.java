package dev.podium.persistence.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A change as watch clients see it: ADDED, MODIFIED, DELETED or BOOKMARK. */
public record WatchEvent(Type type, String kind, String namespace, ObjectNode object, long resourceVersion) {
    public enum Type { ADDED, MODIFIED, DELETED, BOOKMARK }
}
