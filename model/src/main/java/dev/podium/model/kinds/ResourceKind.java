package dev.podium.model.kinds;

import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.List;

/**
 * One API resource: its group/version/kind, REST name, scope and what it supports.
 * Adding a kind is one entry in {@link KindRegistry} plus its {@link KindRules}.
 */
public record ResourceKind(
        String group,
        String version,
        String kind,
        String plural,
        boolean namespaced,
        List<String> shortNames,
        List<String> categories,
        boolean statusSubresource,
        Class<? extends HasMetadata> type,
        KindRules rules) {

    public String singular() {
        return kind.toLowerCase();
    }

    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    public String groupVersion() {
        return apiVersion();
    }

    public List<String> verbs() {
        return List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
    }

    /** The persistence id prefix; entity ids are {@code namespace/name} or {@code name}. */
    public String entityTypeName() {
        return group.isEmpty() ? kind : kind + "." + group;
    }
}
