package dev.podium.actors.objects;

import dev.podium.model.kinds.ResourceKind;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.japi.function.Function;

import java.util.concurrent.CompletionStage;

/** How controllers, node agents and the API reach object entities (through sharding in a running node). */
public interface ObjectClient {
    CompletionStage<ObjectReply> ask(ResourceKind kind, String entityId, Function<ActorRef<ObjectReply>, ObjectCommand> command);
}
