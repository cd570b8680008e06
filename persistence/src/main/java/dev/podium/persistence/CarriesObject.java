package dev.podium.persistence;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What the journal and snapshot store keep of an API object: events and entity states carry the object itself (see SealingSerializer). */
public interface CarriesObject extends PodiumSerializable {
    ObjectNode object();
}
