package dev.podium.actors.objects;

import dev.podium.model.kinds.ResourceKind;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;

/**
 * Makes the controller an entity of a controller kind runs as its child while its object exists
 * (DESIGN §5: the Deployment entity is both the object and its controller).
 */
public interface ControllerFactory {
    /** {@code entity} is the owner's entity, which the controller writes the owner's status through. */
    Behavior<ControllerMessage> create(ResourceKind kind, String key, ActorRef<ObjectCommand> entity, ControllerServices services);
}
