package dev.podium.actors.kinds;

import dev.podium.actors.controllers.cronjob.CronJobReconciler;
import dev.podium.actors.controllers.daemonset.DaemonSetReconciler;
import dev.podium.actors.controllers.deployment.DeploymentReconciler;
import dev.podium.actors.controllers.disruption.DisruptionBudgetReconciler;
import dev.podium.actors.controllers.endpoints.EndpointsReconciler;
import dev.podium.actors.controllers.ingress.IngressStatusReconciler;
import dev.podium.actors.controllers.replicaset.ReplicaSetReconciler;
import dev.podium.actors.controllers.statefulset.StatefulSetReconciler;
import dev.podium.actors.controllers.volume.VolumeReclaimer;
import dev.podium.actors.objects.KindBehavior;
import dev.podium.model.kinds.ResourceKind;

import dev.podium.actors.controllers.serviceaccount.ServiceAccountsController;

import java.util.List;
import java.util.Map;

/** The behavior of each kind: its own where it has one, the shared {@link ObjectBehavior} otherwise. */
public final class KindBehaviors {
    private static final KindBehavior SHARED = new ObjectBehavior();
    private static final KindBehavior CUSTOM = new CustomResourceBehavior();
    private static final Map<String, KindBehavior> OWN = Map.ofEntries(
            Map.entry("Pod", new PodBehavior()),
            Map.entry("Node", new NodeBehavior()),
            Map.entry("Namespace", new NamespaceBehavior()),
            Map.entry("ServiceAccount", new NamespaceDefaultBehavior(ServiceAccountsController.DEFAULT)),
            Map.entry("ConfigMap", new NamespaceDefaultBehavior(ServiceAccountsController.ROOT_CA)),
            Map.entry("Secret", new NamespaceDefaultBehavior(null)),
            Map.entry("Lease.coordination.k8s.io", new LeaseBehavior()),
            Map.entry("ReplicaSet.apps", new ControllerKindBehavior(s -> new ReplicaSetReconciler(false), "Background")),
            Map.entry("ReplicationController", new ControllerKindBehavior(s -> new ReplicaSetReconciler(true), "Orphan")),
            Map.entry("Deployment.apps", new ControllerKindBehavior(s -> new DeploymentReconciler(), "Background")),
            Map.entry("StatefulSet.apps", new ControllerKindBehavior(s -> new StatefulSetReconciler(), "Background")),
            Map.entry("DaemonSet.apps", new ControllerKindBehavior(s -> new DaemonSetReconciler(), "Background")),
            Map.entry("Job.batch", new JobBehavior()),
            Map.entry("CronJob.batch", new ControllerKindBehavior(s -> new CronJobReconciler(), "Background")),
            Map.entry("PodDisruptionBudget.policy", new ControllerKindBehavior(s -> new DisruptionBudgetReconciler(), "Background")),
            Map.entry("Service", new ControllerKindBehavior(s -> new EndpointsReconciler(), "Background")),
            Map.entry("Ingress.networking.k8s.io", new ControllerKindBehavior(s -> new IngressStatusReconciler(), "Background")),
            Map.entry("PersistentVolumeClaim", new ClaimBehavior()),
            Map.entry("PersistentVolume", new ControllerKindBehavior(s -> new VolumeReclaimer(), "Background")),
            Map.entry("CustomResourceDefinition.apiextensions.k8s.io", new DefinitionBehavior()));

    private KindBehaviors() {}

    public static KindBehavior of(ResourceKind kind) {
        return OWN.getOrDefault(kind.entityTypeName(), SHARED);
    }

    /** The behavior of every custom resource. */
    public static KindBehavior customResources() {
        return CUSTOM;
    }

    /** The entity type names of the kinds whose entities run controllers. */
    public static List<String> controllerKinds() {
        return OWN.entrySet().stream().filter(e -> e.getValue().controller().isPresent()).map(Map.Entry::getKey).sorted().toList();
    }
}
