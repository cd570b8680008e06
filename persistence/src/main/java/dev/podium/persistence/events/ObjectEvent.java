package dev.podium.persistence.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.persistence.CarriesObject;

/**
 * What an object entity journals: the full object as it is after the write. The journal's
 * global ordering of the event becomes the object's resourceVersion when the watch cache
 * reads it back, so the stored object never carries a resourceVersion of its own.
 */
public sealed interface ObjectEvent extends CarriesObject {
    ObjectNode object();

    record ObjectCreated(ObjectNode object) implements ObjectEvent {}

    record ObjectUpdated(ObjectNode object) implements ObjectEvent {}

    record ObjectDeleted(ObjectNode object) implements ObjectEvent {}
}
