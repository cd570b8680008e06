package dev.podium.launcher;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.controllers.volume.LocalVolumes;
import dev.podium.actors.objects.ObjectClient;
import dev.podium.actors.objects.ObjectCommand;
import dev.podium.actors.objects.ObjectEntity;
import dev.podium.actors.objects.ObjectReply;
import dev.podium.model.json.Json;
import dev.podium.model.network.IngressClasses;
import dev.podium.model.json.Times;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.rbac.RbacDefaults;
import dev.podium.persistence.watch.WatchCache;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The objects every cluster has from the start: the system namespaces, the default StorageClass of
 * the built-in provisioner, the default IngressClass of the built-in ingress controller, a local APIService for each built-in group-version,
 * and the default ClusterRoles and ClusterRoleBindings.
 */
final class SystemObjects {
    static final String INGRESS_CLASS = "podium";
    /** Longer than the journal tail's gap timeout (10 s), after which a write the cache waits for shows at the latest. */
    private static final long AWAIT_MILLIS = 30_000;
    static final List<String> NAMESPACES = List.of("default", "kube-system", "kube-public", "kube-node-lease");

    private static final ResourceKind CLUSTER_ROLE = KindRegistry.get("ClusterRole.rbac.authorization.k8s.io");
    private static final ResourceKind CLUSTER_ROLE_BINDING = KindRegistry.get("ClusterRoleBinding.rbac.authorization.k8s.io");

    private SystemObjects() {}

    private static String name(ObjectNode o) {
        return o.path("metadata").path("name").asText();
    }

    /**
     * Creates what is missing, one object after the other; completes once this member's cache holds
     * all of them (whoever created them). One at a time, because concurrent first writes can commit
     * out of order, and on H2 the journal tail then waits out its gap timeout before the cache shows them.
     */
    static CompletionStage<Void> ensure(ObjectClient objects, WatchCache cache) {
        ResourceKind ns = KindRegistry.get("Namespace");
        List<java.util.function.Supplier<CompletableFuture<?>>> all = new ArrayList<>();
        for (String name : NAMESPACES) all.add(() -> ensure(objects, cache, ns, name, namespace(name)));
        all.add(() -> ensure(objects, cache, KindRegistry.get("StorageClass.storage.k8s.io"), LocalVolumes.DEFAULT_CLASS, storageClass()));
        all.add(() -> ensure(objects, cache, KindRegistry.get("IngressClass.networking.k8s.io"), INGRESS_CLASS, ingressClass()));
        ResourceKind apiService = KindRegistry.get("APIService.apiregistration.k8s.io");
        List<String> groupVersions = KindRegistry.groupVersions();
        for (int i = 0; i < groupVersions.size(); i++) {
            ObjectNode local = localApiService(groupVersions.get(i), i);
            all.add(() -> ensure(objects, cache, apiService, local.path("metadata").path("name").asText(), local));
        }
        // kube-apiserver's poststarthook/rbac/bootstrap-roles: readiness waits for the default roles
        for (ObjectNode role : RbacDefaults.clusterRoles()) all.add(() -> ensure(objects, cache, CLUSTER_ROLE, name(role), role));
        for (ObjectNode binding : RbacDefaults.clusterRoleBindings()) all.add(() -> ensure(objects, cache, CLUSTER_ROLE_BINDING, name(binding), binding));
        CompletableFuture<?> chain = CompletableFuture.completedFuture(null);
        for (var next : all) chain = chain.thenCompose(v -> next.get());
        return chain.thenApply(v -> null);
    }

    private static CompletableFuture<?> ensure(ObjectClient objects, WatchCache cache, ResourceKind kind, String name, ObjectNode object) {
        if (cache.get(kind.entityTypeName(), name).isPresent()) return CompletableFuture.completedFuture(null);
        return objects.ask(kind, name, r -> new ObjectCommand.Create(object, false, r))
                // another member created it first: read it, so this member's cache is waited for either way
                .thenCompose(reply -> reply instanceof ObjectReply.Done ? CompletableFuture.completedFuture(reply)
                        : objects.ask(kind, name, ObjectCommand.Get::new))
                .thenCompose(reply -> reply instanceof ObjectReply.Done d
                        ? cache.awaitApplied(ObjectEntity.persistenceId(kind, name), d.seqNr(), AWAIT_MILLIS).thenApply(v -> null)
                        : CompletableFuture.completedFuture(null))
                .toCompletableFuture();
    }

    private static ObjectNode namespace(String name) {
        ObjectNode o = Json.object();
        o.put("apiVersion", "v1");
        o.put("kind", "Namespace");
        o.putObject("metadata").put("name", name).putObject("labels").put("kubernetes.io/metadata.name", name);
        return o;
    }

    /** {@code v1.} for the core group, {@code v1.apps} …; earlier groups first in discovery, as the registry lists them. */
    private static ObjectNode localApiService(String groupVersion, int index) {
        int slash = groupVersion.indexOf('/');
        String group = slash < 0 ? "" : groupVersion.substring(0, slash);
        String version = groupVersion.substring(slash + 1);
        ObjectNode o = Json.object();
        o.put("apiVersion", "apiregistration.k8s.io/v1").put("kind", "APIService");
        o.putObject("metadata").put("name", version + "." + group).putObject("labels").put("kube-aggregator.kubernetes.io/automanaged", "onstart");
        o.putObject("spec").put("group", group).put("version", version).put("groupPriorityMinimum", 18000 - 100 * index).put("versionPriority", 15);
        o.putObject("status").putArray("conditions").addObject().put("lastTransitionTime", Times.rfc3339(java.time.Instant.now()))
                .put("message", "Local APIServices are always available").put("reason", "Local").put("status", "True").put("type", "Available");
        return o;
    }

    /** The default IngressClass, served by the built-in ingress controller (as k3s ships traefik's). */
    private static ObjectNode ingressClass() {
        ObjectNode o = Json.object();
        o.put("apiVersion", "networking.k8s.io/v1").put("kind", "IngressClass");
        o.putObject("metadata").put("name", INGRESS_CLASS).putObject("annotations").put(IngressClasses.DEFAULT_CLASS_ANNOTATION, "true");
        o.putObject("spec").put("controller", IngressClasses.PODIUM_CONTROLLER);
        return o;
    }

    private static ObjectNode storageClass() {
        ObjectNode o = Json.object();
        o.put("apiVersion", "storage.k8s.io/v1").put("kind", "StorageClass");
        o.putObject("metadata").put("name", LocalVolumes.DEFAULT_CLASS).putObject("annotations").put(LocalVolumes.DEFAULT_CLASS_ANNOTATION, "true");
        o.put("provisioner", LocalVolumes.PROVISIONER).put("reclaimPolicy", "Delete").put("volumeBindingMode", "Immediate");
        return o;
    }
}
