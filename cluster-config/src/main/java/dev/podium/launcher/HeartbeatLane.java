package dev.podium.launcher;

import dev.podium.actors.objects.BoundedObjectClient;
import dev.podium.actors.objects.ObjectClient;
import dev.podium.actors.objects.ObjectCommand;
import dev.podium.actors.objects.ObjectReply;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.japi.function.Function;

import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * The node agents' writes in two bounded lanes: their Node and Lease writes (the heartbeats the
 * node lifecycle controller judges them by) never queue behind their pods' status patches, as
 * kube's {@code system-node-high} priority level keeps them ahead of workload traffic.
 */
final class HeartbeatLane implements ObjectClient {
    private static final Set<ResourceKind> HEARTBEATS = Set.of(KindRegistry.get("Node"), KindRegistry.get("Lease.coordination.k8s.io"));

    final BoundedObjectClient heartbeats;
    final BoundedObjectClient pods;

    HeartbeatLane(BoundedObjectClient heartbeats, BoundedObjectClient pods) {
        this.heartbeats = heartbeats;
        this.pods = pods;
    }

    @Override
    public CompletionStage<ObjectReply> ask(ResourceKind kind, String entityId, Function<ActorRef<ObjectReply>, ObjectCommand> command) {
        return (HEARTBEATS.contains(kind) ? heartbeats : pods).ask(kind, entityId, command);
    }
}
