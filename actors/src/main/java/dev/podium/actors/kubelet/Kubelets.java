package dev.podium.actors.kubelet;

import dev.podium.actors.Supervision;
import dev.podium.actors.hints.ObjectChanged;
import dev.podium.persistence.PodiumSerializable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The node agents of one JVM, as their supervisor: one {@link NodeAgent} per hosted node and the
 * JVM's {@link StatusManager}, each restarted with backoff if it fails. It registers with the
 * receptionist under {@link #KEY} so that hints for its nodes reach it from any member, and it is
 * the address runtime callbacks use, which stays valid while an agent restarts. It lives on the
 * JVM whose runtimes run the pods and never moves.
 */
public final class Kubelets {
    public static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "podium-kubelets");

    public sealed interface Command {}

    /** A hint for the agent of {@code nodeName} (ignored when this JVM does not host it). */
    public record ForNode(String nodeName, ObjectChanged change) implements Command, PodiumSerializable {}

    /** Which nodes this JVM hosts. */
    public record WhichNodes(ActorRef<NodeNames> replyTo) implements Command, PodiumSerializable {}

    public record NodeNames(List<String> names) implements PodiumSerializable {}

    /** A message for one local agent, from this JVM (runtime callbacks). */
    record ToAgent(String nodeName, NodeAgent.Command command) implements Command {}

    private Kubelets() {}

    public static Behavior<Command> create(List<LocalNode> nodes, KubeletSettings settings) {
        return Behaviors.setup(ctx -> {
            ctx.getSystem().receptionist().tell(Receptionist.register(KEY, ctx.getSelf()));
            ActorRef<StatusManager.Command> statuses = ctx.spawn(Supervision.restarting(StatusManager.create(settings.objects(), settings.resync())),
                    "status-manager");
            Map<String, ActorRef<NodeAgent.Command>> agents = new HashMap<>();
            for (LocalNode n : nodes) agents.put(n.name(), ctx.spawn(Supervision.restarting(NodeAgent.create(n, settings, statuses, ctx.getSelf())), n.name()));
            List<String> names = List.copyOf(agents.keySet());
            return Behaviors.receive(Command.class)
                    .onMessage(ForNode.class, m -> {
                        ActorRef<NodeAgent.Command> agent = agents.get(m.nodeName());
                        if (agent != null) agent.tell(new NodeAgent.Hint(m.change()));
                        return Behaviors.same();
                    })
                    .onMessage(ToAgent.class, m -> {
                        ActorRef<NodeAgent.Command> agent = agents.get(m.nodeName());
                        if (agent != null) agent.tell(m.command());
                        return Behaviors.same();
                    })
                    .onMessage(WhichNodes.class, m -> {
                        m.replyTo().tell(new NodeNames(names));
                        return Behaviors.same();
                    })
                    .build();
        });
    }
}
