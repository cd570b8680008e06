package dev.podium.model.kinds;

import dev.podium.model.kinds.rules.ConfigMapRules;
import dev.podium.model.kinds.rules.ControllerRevisionRules;
import dev.podium.model.kinds.rules.CronJobRules;
import dev.podium.model.kinds.rules.DaemonSetRules;
import dev.podium.model.kinds.rules.DeploymentRules;
import dev.podium.model.kinds.rules.JobRules;
import dev.podium.model.kinds.rules.PersistentVolumeClaimRules;
import dev.podium.model.kinds.rules.PersistentVolumeRules;
import dev.podium.model.kinds.rules.ReplicaSetRules;
import dev.podium.model.kinds.rules.ReplicationControllerRules;
import dev.podium.model.kinds.rules.StatefulSetRules;
import dev.podium.model.kinds.rules.StorageClassRules;
import dev.podium.model.kinds.rules.EventRules;
import dev.podium.model.kinds.rules.EndpointSliceRules;
import dev.podium.model.kinds.rules.EndpointsRules;
import dev.podium.model.kinds.rules.IPAddressRules;
import dev.podium.model.kinds.rules.IngressClassRules;
import dev.podium.model.kinds.rules.FlowSchemaRules;
import dev.podium.model.kinds.rules.PriorityLevelConfigurationRules;
import dev.podium.model.kinds.rules.IngressRules;
import dev.podium.model.kinds.rules.NamespaceRules;
import dev.podium.model.kinds.rules.NodeRules;
import dev.podium.model.kinds.rules.PodRules;
import dev.podium.model.kinds.rules.SecretRules;
import dev.podium.model.kinds.rules.ServiceAccountRules;
import dev.podium.model.kinds.rules.ServiceRules;
import dev.podium.model.kinds.rules.LeaseRules;
import dev.podium.model.kinds.rules.PodDisruptionBudgetRules;
import dev.podium.model.kinds.rules.PriorityClassRules;
import dev.podium.model.kinds.rules.WebhookConfigurationRules;
import dev.podium.model.crd.CustomResourceDefinitionRules;
import dev.podium.model.crd.DefinitionSchemaErrors;
import dev.podium.model.kinds.rules.ApiServiceRules;
import dev.podium.model.admission.policy.ValidatingAdmissionPolicyBindingRules;
import dev.podium.model.admission.policy.ValidatingAdmissionPolicyRules;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import dev.podium.model.kinds.types.APIService;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.IPAddress;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.flowcontrol.v1.FlowSchema;
import io.fabric8.kubernetes.api.model.flowcontrol.v1.PriorityLevelConfiguration;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import dev.podium.model.kinds.rules.LimitRangeRules;
import dev.podium.model.kinds.rules.ResourceQuotaRules;
import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authorization.v1.LocalSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import dev.podium.model.kinds.rules.RbacBindingRules;
import dev.podium.model.kinds.rules.RbacRoleRules;
import dev.podium.model.kinds.rules.ReviewRules;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every kind the API serves. Order is the order discovery lists them in. */
public final class KindRegistry {
    private static final List<ResourceKind> KINDS = List.of(
            new ResourceKind("", "v1", "Namespace", "namespaces", false, List.of("ns"), List.of(), true, Namespace.class, new NamespaceRules()),
            new ResourceKind("", "v1", "ConfigMap", "configmaps", true, List.of("cm"), List.of(), false, ConfigMap.class, new ConfigMapRules()),
            new ResourceKind("", "v1", "Secret", "secrets", true, List.of(), List.of(), false, Secret.class, new SecretRules()),
            new ResourceKind("", "v1", "Pod", "pods", true, List.of("po"), List.of("all"), true, Pod.class, new PodRules()),
            new ResourceKind("", "v1", "Node", "nodes", false, List.of("no"), List.of(), true, Node.class, new NodeRules()),
            new ResourceKind("", "v1", "Event", "events", true, List.of("ev"), List.of(), false, Event.class, new EventRules()),
            new ResourceKind("", "v1", "Service", "services", true, List.of("svc"), List.of("all"), true, Service.class, new ServiceRules()),
            new ResourceKind("", "v1", "Endpoints", "endpoints", true, List.of("ep"), List.of(), false, Endpoints.class, new EndpointsRules()),
            new ResourceKind("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices", true, List.of(), List.of(), false,
                    EndpointSlice.class, new EndpointSliceRules()),
            new ResourceKind("", "v1", "ServiceAccount", "serviceaccounts", true, List.of("sa"), List.of(), false, ServiceAccount.class, new ServiceAccountRules()),
            new ResourceKind("", "v1", "ResourceQuota", "resourcequotas", true, List.of("quota"), List.of(), true, ResourceQuota.class, new ResourceQuotaRules()),
            new ResourceKind("", "v1", "LimitRange", "limitranges", true, List.of("limits"), List.of(), false, LimitRange.class, new LimitRangeRules()),
            new ResourceKind("coordination.k8s.io", "v1", "Lease", "leases", true, List.of(), List.of(), false, Lease.class, new LeaseRules()),
            new ResourceKind("networking.k8s.io", "v1", "IPAddress", "ipaddresses", false, List.of("ip"), List.of(), false,
                    IPAddress.class, new IPAddressRules()),
            new ResourceKind("networking.k8s.io", "v1", "Ingress", "ingresses", true, List.of("ing"), List.of(), true,
                    Ingress.class, new IngressRules()),
            new ResourceKind("networking.k8s.io", "v1", "IngressClass", "ingressclasses", false, List.of(), List.of(), false,
                    IngressClass.class, new IngressClassRules()),
            new ResourceKind("flowcontrol.apiserver.k8s.io", "v1", "FlowSchema", "flowschemas", false, List.of(), List.of(), true,
                    FlowSchema.class, new FlowSchemaRules()),
            new ResourceKind("flowcontrol.apiserver.k8s.io", "v1", "PriorityLevelConfiguration", "prioritylevelconfigurations", false,
                    List.of(), List.of(), true, PriorityLevelConfiguration.class, new PriorityLevelConfigurationRules()),
            new ResourceKind("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", true, List.of("pdb"), List.of(), true,
                    PodDisruptionBudget.class, new PodDisruptionBudgetRules()),
            new ResourceKind("scheduling.k8s.io", "v1", "PriorityClass", "priorityclasses", false, List.of("pc"), List.of(), false,
                    PriorityClass.class, new PriorityClassRules()),
            new ResourceKind("apps", "v1", "Deployment", "deployments", true, List.of("deploy"), List.of("all"), true,
                    Deployment.class, new DeploymentRules()),
            new ResourceKind("apps", "v1", "ReplicaSet", "replicasets", true, List.of("rs"), List.of("all"), true,
                    ReplicaSet.class, new ReplicaSetRules()),
            new ResourceKind("apps", "v1", "StatefulSet", "statefulsets", true, List.of("sts"), List.of("all"), true,
                    StatefulSet.class, new StatefulSetRules()),
            new ResourceKind("apps", "v1", "DaemonSet", "daemonsets", true, List.of("ds"), List.of("all"), true,
                    DaemonSet.class, new DaemonSetRules()),
            new ResourceKind("apps", "v1", "ControllerRevision", "controllerrevisions", true, List.of(), List.of(), false,
                    ControllerRevision.class, new ControllerRevisionRules()),
            new ResourceKind("", "v1", "ReplicationController", "replicationcontrollers", true, List.of("rc"), List.of("all"), true,
                    ReplicationController.class, new ReplicationControllerRules()),
            new ResourceKind("", "v1", "PersistentVolume", "persistentvolumes", false, List.of("pv"), List.of(), true,
                    PersistentVolume.class, new PersistentVolumeRules()),
            new ResourceKind("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", true, List.of("pvc"), List.of(), true,
                    PersistentVolumeClaim.class, new PersistentVolumeClaimRules()),
            new ResourceKind("batch", "v1", "Job", "jobs", true, List.of(), List.of("all"), true, Job.class, new JobRules()),
            new ResourceKind("batch", "v1", "CronJob", "cronjobs", true, List.of("cj"), List.of("all"), true, CronJob.class, new CronJobRules()),
            new ResourceKind("storage.k8s.io", "v1", "StorageClass", "storageclasses", false, List.of("sc"), List.of(), false,
                    StorageClass.class, new StorageClassRules()),
            new ResourceKind("admissionregistration.k8s.io", "v1", "MutatingWebhookConfiguration", "mutatingwebhookconfigurations", false,
                    List.of(), List.of("api-extensions"), false, MutatingWebhookConfiguration.class, WebhookConfigurationRules.mutating()),
            new ResourceKind("admissionregistration.k8s.io", "v1", "ValidatingWebhookConfiguration", "validatingwebhookconfigurations", false,
                    List.of(), List.of("api-extensions"), false, ValidatingWebhookConfiguration.class, WebhookConfigurationRules.validating()),
            new ResourceKind("admissionregistration.k8s.io", "v1", "ValidatingAdmissionPolicy", "validatingadmissionpolicies", false,
                    List.of(), List.of("api-extensions"), true, ValidatingAdmissionPolicy.class, new ValidatingAdmissionPolicyRules()),
            new ResourceKind("admissionregistration.k8s.io", "v1", "ValidatingAdmissionPolicyBinding", "validatingadmissionpolicybindings", false,
                    List.of(), List.of("api-extensions"), false, ValidatingAdmissionPolicyBinding.class, new ValidatingAdmissionPolicyBindingRules()),
            new ResourceKind("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", false, List.of("crd", "crds"),
                    List.of("api-extensions"), true, CustomResourceDefinition.class, new CustomResourceDefinitionRules(DefinitionSchemaErrors::of)),
            new ResourceKind("apiregistration.k8s.io", "v1", "APIService", "apiservices", false, List.of(), List.of("api-extensions"), true,
                    APIService.class, new ApiServiceRules()),
            new ResourceKind("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false, List.of(), List.of(), false,
                    ClusterRole.class, new RbacRoleRules(false)),
            new ResourceKind("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", false, List.of(), List.of(), false,
                    ClusterRoleBinding.class, new RbacBindingRules(false)),
            new ResourceKind("rbac.authorization.k8s.io", "v1", "Role", "roles", true, List.of(), List.of(), false,
                    Role.class, new RbacRoleRules(true)),
            new ResourceKind("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", true, List.of(), List.of(), false,
                    RoleBinding.class, new RbacBindingRules(true)),
            new ResourceKind("authorization.k8s.io", "v1", "SelfSubjectAccessReview", "selfsubjectaccessreviews", false, List.of(), List.of(), false,
                    SelfSubjectAccessReview.class, ReviewRules.INSTANCE),
            new ResourceKind("authorization.k8s.io", "v1", "SelfSubjectRulesReview", "selfsubjectrulesreviews", false, List.of(), List.of(), false,
                    SelfSubjectRulesReview.class, ReviewRules.INSTANCE),
            new ResourceKind("authorization.k8s.io", "v1", "SubjectAccessReview", "subjectaccessreviews", false, List.of(), List.of(), false,
                    SubjectAccessReview.class, ReviewRules.INSTANCE),
            new ResourceKind("authorization.k8s.io", "v1", "LocalSubjectAccessReview", "localsubjectaccessreviews", true, List.of(), List.of(), false,
                    LocalSubjectAccessReview.class, ReviewRules.INSTANCE),
            new ResourceKind("authentication.k8s.io", "v1", "SelfSubjectReview", "selfsubjectreviews", false, List.of(), List.of(), false,
                    SelfSubjectReview.class, ReviewRules.INSTANCE),
            new ResourceKind("authentication.k8s.io", "v1", "TokenReview", "tokenreviews", false, List.of(), List.of(), false,
                    TokenReview.class, ReviewRules.INSTANCE));

    private static final Map<String, ResourceKind> BY_GV_PLURAL = new LinkedHashMap<>();
    private static final Map<String, ResourceKind> BY_KIND = new LinkedHashMap<>();

    static {
        for (ResourceKind k : KINDS) {
            BY_GV_PLURAL.put(k.groupVersion() + "/" + k.plural(), k);
            BY_KIND.put(k.entityTypeName(), k);
        }
    }

    private KindRegistry() {}

    public static List<ResourceKind> all() {
        return KINDS;
    }

    public static Optional<ResourceKind> byResource(String group, String version, String plural) {
        String gv = group.isEmpty() ? version : group + "/" + version;
        return Optional.ofNullable(BY_GV_PLURAL.get(gv + "/" + plural));
    }

    /** Looks a kind up by its entity type name ({@link ResourceKind#entityTypeName()}). */
    public static Optional<ResourceKind> byEntityType(String entityTypeName) {
        return Optional.ofNullable(BY_KIND.get(entityTypeName));
    }

    public static ResourceKind get(String kind) {
        return byEntityType(kind).orElseThrow(() -> new IllegalArgumentException("unknown kind " + kind));
    }

    /** The API groups served, in order, with "" for the core group. */
    public static List<String> groupVersions() {
        return KINDS.stream().map(ResourceKind::groupVersion).distinct().toList();
    }
}
