package dev.podium.actors.hints;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.persistence.PodiumSerializable;

/**
 * A hint that an object was written: the object as its entity persisted it (for a deletion, as it
 * was last) and the entity's sequence number of that write. Sequence numbers grow per object key
 * across deletions and re-creations, so a receiver keeps the newest and drops the rest.
 * {@code kind} is the kind's entity type name, {@code key} is {@code namespace/name} or {@code name}.
 */
public record ObjectChanged(String kind, String key, ObjectNode object, long seqNr, boolean deleted) implements PodiumSerializable {

    public String uid() {
        return object.path("metadata").path("uid").asText("");
    }

    public String namespace() {
        int slash = key.indexOf('/');
        return slash < 0 ? "" : key.substring(0, slash);
    }

    public String name() {
        return key.substring(key.indexOf('/') + 1);
    }
}
