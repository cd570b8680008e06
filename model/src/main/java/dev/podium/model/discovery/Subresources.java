package dev.podium.model.discovery;

import dev.podium.model.kinds.ResourceKind;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The subresources discovery and OpenAPI advertise for each kind. */
public final class Subresources {
    public static final List<String> STATUS_VERBS = List.of("get", "patch", "update");

    /** autoscaling/v1 Scale, served for the kinds whose replicas a scaler (kubectl scale, an HPA) may set. */
    static final Subresource SCALE = new Subresource("scale", "autoscaling", "v1", "Scale", List.of("get", "patch", "update"));

    /**
     * Subresources beyond {@code status}, keyed by {@link ResourceKind#entityTypeName()}. List one
     * here once the HTTP layer serves it, e.g.
     * {@code "Pod" -> [sameGroup("log", "Pod", ["get"]), sameGroup("binding", "Binding", ["create"]),
     * new Subresource("eviction", "policy", "v1", "Eviction", ["create"])]}.
     */
    private static final Map<String, List<Subresource>> EXTRA = Map.of(
            "Namespace", List.of(Subresource.sameGroup("finalize", "Namespace", List.of("update"))),
            "Pod", List.of(Subresource.sameGroup("binding", "Binding", List.of("create")),
                    new Subresource("eviction", "policy", "v1", "Eviction", List.of("create")),
                    Subresource.sameGroup("log", "Pod", List.of("get"))),
            "ServiceAccount", List.of(new Subresource("token", "authentication.k8s.io", "v1", "TokenRequest", List.of("create"))),
            "ReplicationController", List.of(SCALE),
            "Deployment.apps", List.of(SCALE),
            "ReplicaSet.apps", List.of(SCALE),
            "StatefulSet.apps", List.of(SCALE));

    private Subresources() {}

    /** Sorted by name, as kube lists them. */
    public static List<Subresource> of(ResourceKind kind) {
        List<Subresource> out = new ArrayList<>(EXTRA.getOrDefault(kind.entityTypeName(), List.of()));
        if (kind.isCustom() && kind.custom().scale() != null) out.add(SCALE);
        if (kind.statusSubresource()) out.add(Subresource.sameGroup("status", kind.kind(), STATUS_VERBS));
        out.sort(Comparator.comparing(Subresource::name));
        return out;
    }

    static String group(ResourceKind parent, Subresource sub) {
        return sub.group() == null ? parent.group() : sub.group();
    }

    static String version(ResourceKind parent, Subresource sub) {
        return sub.version() == null ? parent.version() : sub.version();
    }
}
