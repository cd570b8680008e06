package dev.podium.actors.objects;

import dev.podium.model.kinds.ResourceKind;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.japi.function.Function;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/** Sends commands to object entities wherever their shard lives. */
public final class ShardedObjectClient implements ObjectClient {
    private final ClusterSharding sharding;
    private final Duration timeout;

    public ShardedObjectClient(ActorSystem<?> system, Duration timeout) {
        this.sharding = ClusterSharding.get(system);
        this.timeout = timeout;
    }

    @Override
    public CompletionStage<ObjectReply> ask(ResourceKind kind, String entityId, Function<ActorRef<ObjectReply>, ObjectCommand> command) {
        return ObjectEntity.ref(sharding, kind.entityTypeName(), entityId).ask(command, timeout);
    }
}
