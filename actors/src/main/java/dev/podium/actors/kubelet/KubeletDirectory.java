package dev.podium.actors.kubelet;

import dev.podium.actors.hints.ObjectChanged;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which JVM's {@link Kubelets} hosts which node, as seen from this JVM: it follows the
 * receptionist's listing of every member's Kubelets and asks each which nodes it hosts. Entities
 * send their hints for a node's agent through {@link Routes}; a hint for a node no listing has
 * named yet goes to every member's Kubelets, and only the host acts on it.
 */
public final class KubeletDirectory {
    /** Where hints for a node's agent go; read by entities on any thread. */
    public static final class Routes {
        private volatile Map<String, ActorRef<Kubelets.Command>> byNode = Map.of();
        private volatile Set<ActorRef<Kubelets.Command>> all = Set.of();

        public void send(String nodeName, ObjectChanged change) {
            Kubelets.ForNode hint = new Kubelets.ForNode(nodeName, change);
            ActorRef<Kubelets.Command> host = byNode.get(nodeName);
            if (host != null) host.tell(hint);
            else all.forEach(k -> k.tell(hint));
        }

        /** The nodes whose host is known, for tests and logs. */
        public Set<String> knownNodes() {
            return byNode.keySet();
        }
    }

    public sealed interface Command {}

    record Listed(Receptionist.Listing listing) implements Command {}

    record Hosted(ActorRef<Kubelets.Command> kubelets, List<String> names) implements Command {}

    record Unanswered(ActorRef<Kubelets.Command> kubelets) implements Command {}

    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);

    private KubeletDirectory() {}

    public static Behavior<Command> create(Routes routes) {
        return Behaviors.setup(ctx -> {
            ActorRef<Receptionist.Listing> adapter = ctx.messageAdapter(Receptionist.Listing.class, Listed::new);
            ctx.getSystem().receptionist().tell(Receptionist.subscribe(Kubelets.KEY, adapter));
            Map<ActorRef<Kubelets.Command>, List<String>> hosts = new HashMap<>();
            Set<ActorRef<Kubelets.Command>> listed = new HashSet<>();
            Runnable publish = () -> {
                Map<String, ActorRef<Kubelets.Command>> byNode = new HashMap<>();
                hosts.forEach((ref, names) -> names.forEach(n -> byNode.put(n, ref)));
                routes.byNode = Map.copyOf(byNode);
                routes.all = Set.copyOf(listed);
            };
            Consumer<ActorRef<Kubelets.Command>> ask = ref -> ctx.ask(Kubelets.NodeNames.class, ref, ASK_TIMEOUT,
                    Kubelets.WhichNodes::new, (answer, failure) -> answer != null ? new Hosted(ref, answer.names()) : new Unanswered(ref));
            return Behaviors.receive(Command.class)
                    .onMessage(Listed.class, m -> {
                        Set<ActorRef<Kubelets.Command>> now = m.listing().getServiceInstances(Kubelets.KEY);
                        for (ActorRef<Kubelets.Command> ref : now) if (!listed.contains(ref)) ask.accept(ref);
                        listed.clear();
                        listed.addAll(now);
                        hosts.keySet().retainAll(now);
                        publish.run();
                        return Behaviors.same();
                    })
                    .onMessage(Hosted.class, m -> {
                        if (listed.contains(m.kubelets())) hosts.put(m.kubelets(), m.names());
                        publish.run();
                        return Behaviors.same();
                    })
                    .onMessage(Unanswered.class, m -> {
                        if (listed.contains(m.kubelets())) ask.accept(m.kubelets());
                        return Behaviors.same();
                    })
                    .build();
        });
    }
}
