package dev.podium.model.table;

import dev.podium.model.kinds.ResourceKind;

import java.util.Map;

/** Which printer serves each kind; kinds not listed get Name and Age. Add new kinds' columns here. */
public final class TablePrinters {
    private static final KindPrinter DEFAULT = new DefaultColumns();
    // Keyed by ResourceKind.entityTypeName(): the kind, plus ".group" outside the core group.
    private static final Map<String, KindPrinter> BY_KIND = Map.ofEntries(
            Map.entry("Pod", new PodColumns()),
            Map.entry("Namespace", new NamespaceColumns()),
            Map.entry("Endpoints", new EndpointsColumns()),
            Map.entry("EndpointSlice.discovery.k8s.io", new EndpointSliceColumns()),
            Map.entry("ConfigMap", new ConfigMapColumns()),
            Map.entry("Secret", new SecretColumns()),
            Map.entry("Node", new NodeColumns()),
            Map.entry("Service", new ServiceColumns()),
            Map.entry("ServiceAccount", new ServiceAccountColumns()),
            Map.entry("Event", new EventColumns()),
            Map.entry("Lease.coordination.k8s.io", new LeaseColumns()),
            Map.entry("IPAddress.networking.k8s.io", new IPAddressColumns()),
            Map.entry("Ingress.networking.k8s.io", new IngressColumns()),
            Map.entry("IngressClass.networking.k8s.io", new IngressClassColumns()),
            Map.entry("FlowSchema.flowcontrol.apiserver.k8s.io", new FlowSchemaColumns()),
            Map.entry("PriorityLevelConfiguration.flowcontrol.apiserver.k8s.io", new PriorityLevelConfigurationColumns()),
            Map.entry("PodDisruptionBudget.policy", new PodDisruptionBudgetColumns()),
            Map.entry("PriorityClass.scheduling.k8s.io", new PriorityClassColumns()),
            Map.entry("Deployment.apps", new DeploymentColumns()),
            Map.entry("ReplicaSet.apps", ReplicaSetColumns.replicaSets()),
            Map.entry("StatefulSet.apps", new StatefulSetColumns()),
            Map.entry("DaemonSet.apps", new DaemonSetColumns()),
            Map.entry("ControllerRevision.apps", new ControllerRevisionColumns()),
            Map.entry("ReplicationController", ReplicaSetColumns.replicationControllers()),
            Map.entry("PersistentVolume", new PersistentVolumeColumns()),
            Map.entry("PersistentVolumeClaim", new PersistentVolumeClaimColumns()),
            Map.entry("Job.batch", new JobColumns()),
            Map.entry("CronJob.batch", new CronJobColumns()),
            Map.entry("StorageClass.storage.k8s.io", new StorageClassColumns()),
            Map.entry("MutatingWebhookConfiguration.admissionregistration.k8s.io", new WebhookConfigurationColumns()),
            Map.entry("ValidatingWebhookConfiguration.admissionregistration.k8s.io", new WebhookConfigurationColumns()),
            Map.entry("CustomResourceDefinition.apiextensions.k8s.io", new CreatedAtColumns()),
            Map.entry("APIService.apiregistration.k8s.io", new ApiServiceColumns()),
            Map.entry("ValidatingAdmissionPolicy.admissionregistration.k8s.io", AdmissionPolicyColumns.POLICIES),
            Map.entry("ValidatingAdmissionPolicyBinding.admissionregistration.k8s.io", AdmissionPolicyColumns.BINDINGS),
            Map.entry("Role.rbac.authorization.k8s.io", new CreatedAtColumns()),
            Map.entry("ResourceQuota", new ResourceQuotaColumns()),
            Map.entry("LimitRange", new CreatedAtColumns()),
            Map.entry("ClusterRole.rbac.authorization.k8s.io", new CreatedAtColumns()),
            Map.entry("RoleBinding.rbac.authorization.k8s.io", new RoleBindingColumns()),
            Map.entry("ClusterRoleBinding.rbac.authorization.k8s.io", new RoleBindingColumns()));

    private TablePrinters() {}

    public static KindPrinter forKind(ResourceKind kind) {
        if (kind.isCustom()) return kind.custom().printer();
        return BY_KIND.getOrDefault(kind.entityTypeName(), DEFAULT);
    }
}
