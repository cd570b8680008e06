package dev.podium.actors.objects;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.ApiError;
import dev.podium.persistence.PodiumSerializable;

/**
 * An entity's answer. A typed reply instead of {@code StatusReply} because the rejection must
 * carry a whole Kubernetes Status (code, reason, causes) across the network, which
 * StatusReply's error channel (a message string or a Throwable) cannot do without Java serialization.
 */
public sealed interface ObjectReply extends PodiumSerializable {

    enum Outcome { CREATED, UPDATED, UNCHANGED, DELETING, DELETED, FOUND, DRY_RUN, DRY_RUN_CREATED }

    /** {@code seqNr} is the entity's sequence number of the event that produced {@code object}. */
    record Done(ObjectNode object, long seqNr, Outcome outcome) implements ObjectReply {}

    record Rejected(ApiError error) implements ObjectReply {}
}
