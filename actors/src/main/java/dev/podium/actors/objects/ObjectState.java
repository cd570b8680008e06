package dev.podium.actors.objects;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.persistence.CarriesObject;
import dev.podium.persistence.events.ObjectEvent;

/** An entity's state: the current object (null when absent or deleted) and its last sequence number. */
public record ObjectState(ObjectNode object, long seqNr) implements CarriesObject {
    public static final ObjectState EMPTY = new ObjectState(null, 0);

    public boolean exists() {
        return object != null;
    }

    public ObjectState apply(ObjectEvent event) {
        if (event instanceof ObjectEvent.ObjectDeleted) return new ObjectState(null, seqNr + 1);
        return new ObjectState(event.object(), seqNr + 1);
    }
}
