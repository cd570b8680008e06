package dev.podium.persistence.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One current object in the watch cache. {@code object} carries its resourceVersion and must
 * not be mutated: readers share it.
 */
public record CachedObject(String kind, String key, ObjectNode object, String persistenceId, long seqNr, long resourceVersion) {
    public String namespace() {
        int slash = key.indexOf('/');
        return slash < 0 ? "" : key.substring(0, slash);
    }
}
