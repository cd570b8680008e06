package dev.podium.actors.objects;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.ApiError;
import dev.podium.persistence.events.ObjectEvent;

/** The outcome of a pure write decision: persist an event, answer without writing, or reject. */
public sealed interface Decision {
    record Persist(ObjectEvent event, ObjectReply.Outcome outcome) implements Decision {}

    record Answer(ObjectNode object, ObjectReply.Outcome outcome) implements Decision {}

    record Reject(ApiError error) implements Decision {}
}
