package dev.podium.actors.objects;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.hints.ObjectChanged;

/**
 * What the controller child of a controller kind's entity hears. The entity tells it its own
 * object after every journaled write ({@link OwnerChanged}) and passes on the hints of the objects
 * its object controls ({@link ChildChanged}) and of related ones ({@link RelatedChanged}); the
 * controller's own messages implement this too.
 */
public interface ControllerMessage {

    /** The owner as journaled (at start: as recovered), with its sequence number. */
    record OwnerChanged(ObjectNode owner, long seqNr) implements ControllerMessage {}

    /** A hint of an object whose controller reference names the owner (or named it before this write). */
    record ChildChanged(ObjectChanged child) implements ControllerMessage {}

    /** A hint of an object the controller reads without owning it (a Node for a DaemonSet). */
    record RelatedChanged(ObjectChanged related) implements ControllerMessage {}
}
