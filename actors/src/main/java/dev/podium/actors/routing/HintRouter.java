package dev.podium.actors.routing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.actors.controllers.endpoints.ServiceEndpoints;
import dev.podium.actors.controllers.garbagecollector.GarbageCollector;
import dev.podium.actors.controllers.namespace.NamespaceController;
import dev.podium.actors.controllers.serviceaccount.ServiceAccountsController;
import dev.podium.actors.controllers.nodelifecycle.NodeLifecycleController;
import dev.podium.actors.hints.Notification;
import dev.podium.actors.hints.ObjectChanged;
import dev.podium.actors.hints.Notifier;
import dev.podium.actors.kubelet.KubeletDirectory;
import dev.podium.actors.objects.ObjectCommand;
import dev.podium.actors.objects.ObjectEntity;
import dev.podium.actors.scheduler.SchedulerActor;
import dev.podium.model.crd.CustomResourceKinds;
import dev.podium.model.selectors.LabelSelector;
import dev.podium.persistence.watch.CachedObject;
import dev.podium.persistence.watch.WatchCache;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

import java.util.List;
import java.util.function.Function;

/**
 * Delivers the entities' hints in a running member: to the singletons through their proxies,
 * to node agents through the {@link KubeletDirectory}, to owners through Cluster Sharding, and to
 * the DaemonSets (node changes), disruption budgets and Services (pod changes) the member's cache names.
 * Entities start before the singletons exist, so the router is connected once they do; a hint
 * sent before that is dropped, and the receiver's first look at the cache covers it.
 */
public final class HintRouter implements Notifier {
    /** Where hints go in this member. */
    public record Targets(ActorRef<SchedulerActor.Command> scheduler, ActorRef<NodeLifecycleController.Command> nodeLifecycle,
                          ActorRef<NamespaceController.Command> namespaces, ActorRef<GarbageCollector.Command> garbageCollector,
                          KubeletDirectory.Routes kubelets, ActorRef<ServiceAccountsController.Command> serviceAccounts) {}

    private static final String DAEMON_SET = "DaemonSet.apps";
    private static final String DISRUPTION_BUDGET = "PodDisruptionBudget.policy";
    private static final String SERVICE = "Service";
    private final ClusterSharding sharding;
    private final WatchCache cache;
    private volatile Targets targets;

    /** {@code cache}: the member's watch cache, where the DaemonSets and budgets a hint concerns are found. */
    public HintRouter(ActorSystem<?> system, WatchCache cache) {
        this.sharding = ClusterSharding.get(system);
        this.cache = cache;
    }

    public void connect(Targets targets) {
        this.targets = targets;
    }

    @Override
    public void send(List<Notification> notifications) {
        Targets t = targets;
        for (Notification n : notifications) {
            if (n instanceof Notification.ToOwner o) {
                ObjectEntity.ref(sharding, o.ownerKind(), o.ownerKey()).tell(new ObjectCommand.ChildChanged(o.change(), o.ownerUid()));
                continue;
            }
            if (n instanceof Notification.ToDaemonSets d) {
                for (CachedObject ds : cache.list(DAEMON_SET, null, o -> true, 0, null).items()) related(DAEMON_SET, ds.key(), d.change());
                continue;
            }
            if (n instanceof Notification.ToDisruptionBudgets b) {
                toThoseSelecting(DISRUPTION_BUDGET, b.change(), pdb -> LabelSelector.fromObject(pdb.path("spec").path("selector")));
                continue;
            }
            if (n instanceof Notification.ToDefinition d) {
                related(CustomResourceKinds.DEFINITION, d.definition(), d.change());
                continue;
            }
            if (n instanceof Notification.ToServices sv) {
                toThoseSelecting(SERVICE, sv.change(), ServiceEndpoints::selector);
                continue;
            }
            if (t == null) continue;
            if (n instanceof Notification.ToScheduler s) t.scheduler().tell(new SchedulerActor.Hint(s.change()));
            else if (n instanceof Notification.ToNodeAgent a) t.kubelets().send(a.nodeName(), a.change());
            else if (n instanceof Notification.ToNodeLifecycle l) t.nodeLifecycle().tell(new NodeLifecycleController.Hint(l.change()));
            else if (n instanceof Notification.ToNamespaceController ns) t.namespaces().tell(new NamespaceController.Hint(ns.change()));
            else if (n instanceof Notification.ToServiceAccounts sa) t.serviceAccounts().tell(new ServiceAccountsController.Hint(sa.change()));
            else if (n instanceof Notification.ToGarbageCollector gc) t.garbageCollector().tell(new GarbageCollector.Hint(gc.change()));
        }
    }

    /** The objects of {@code kind} in the pod's namespace whose selector picks the pod hear about it. */
    private void toThoseSelecting(String kind, ObjectChanged pod, Function<JsonNode, LabelSelector> selectorOf) {
        for (CachedObject o : cache.list(kind, pod.namespace(), x -> true, 0, null).items()) {
            if (selectorOf.apply(o.object()).matchesObject(pod.object())) related(kind, o.key(), pod);
        }
    }

    private void related(String kind, String key, ObjectChanged change) {
        ObjectEntity.ref(sharding, kind, key).tell(new ObjectCommand.RelatedChanged(change));
    }
}
