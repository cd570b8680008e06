package dev.podium.actors.routing;

import dev.podium.actors.controllers.namespace.NamespaceController;
import dev.podium.actors.controllers.nodelifecycle.NodeLifecycleController;
import dev.podium.actors.hints.Notification;
import dev.podium.actors.hints.Notifier;
import dev.podium.actors.kubelet.KubeletDirectory;
import dev.podium.actors.objects.ObjectCommand;
import dev.podium.actors.objects.ObjectEntity;
import dev.podium.actors.scheduler.SchedulerActor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

import java.util.List;

/**
 * Delivers the entities' hints in a running member: to the singletons through their proxies,
 * to node agents through the {@link KubeletDirectory}, to owners through Cluster Sharding.
 * Entities start before the singletons exist, so the router is connected once they do; a hint
 * sent before that is dropped, and the receiver's first look at the cache covers it.
 */
public final class HintRouter implements Notifier {
    /** Where hints go in this member. */
    public record Targets(ActorRef<SchedulerActor.Command> scheduler, ActorRef<NodeLifecycleController.Command> nodeLifecycle,
                          ActorRef<NamespaceController.Command> namespaces, KubeletDirectory.Routes kubelets) {}

    private final ClusterSharding sharding;
    private volatile Targets targets;

    public HintRouter(ActorSystem<?> system) {
        this.sharding = ClusterSharding.get(system);
    }

    public void connect(Targets targets) {
        this.targets = targets;
    }

    @Override
    public void send(List<Notification> notifications) {
        Targets t = targets;
        for (Notification n : notifications) {
            if (n instanceof Notification.ToOwner o) {
                sharding.entityRefFor(ObjectEntity.key(o.ownerKind()), o.ownerKey()).tell(new ObjectCommand.ChildChanged(o.change(), o.ownerUid()));
                continue;
            }
            if (t == null) continue;
            if (n instanceof Notification.ToScheduler s) t.scheduler().tell(new SchedulerActor.Hint(s.change()));
            else if (n instanceof Notification.ToNodeAgent a) t.kubelets().send(a.nodeName(), a.change());
            else if (n instanceof Notification.ToNodeLifecycle l) t.nodeLifecycle().tell(new NodeLifecycleController.Hint(l.change()));
            else if (n instanceof Notification.ToNamespaceController ns) t.namespaces().tell(new NamespaceController.Hint(ns.change()));
        }
    }
}
