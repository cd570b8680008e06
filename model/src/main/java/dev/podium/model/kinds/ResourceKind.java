package dev.podium.model.kinds;

import dev.podium.model.crd.CustomVersion;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.List;

/**
 * One API resource: its group/version/kind, REST name, scope and what it supports.
 * Adding a built-in kind is one entry in {@link KindRegistry} plus its {@link KindRules};
 * a custom resource's kinds (one per served version) come from its CustomResourceDefinition and
 * carry that version's definition in {@code custom} (null for built-in kinds).
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
        KindRules rules,
        CustomVersion custom) {

    public ResourceKind(String group, String version, String kind, String plural, boolean namespaced, List<String> shortNames,
                        List<String> categories, boolean statusSubresource, Class<? extends HasMetadata> type, KindRules rules) {
        this(group, version, kind, plural, namespaced, shortNames, categories, statusSubresource, type, rules, null);
    }

    public ResourceKind withRules(KindRules other) {
        return new ResourceKind(group, version, kind, plural, namespaced, shortNames, categories, statusSubresource, type, other, custom);
    }

    public boolean isCustom() {
        return custom != null;
    }

    /** Custom resources count generation on every create, with or without a status subresource. */
    public boolean tracksGeneration() {
        return statusSubresource || isCustom();
    }

    public String singular() {
        return isCustom() ? custom.singular() : kind.toLowerCase();
    }

    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    public String groupVersion() {
        return apiVersion();
    }

    public List<String> verbs() {
        if (rules.createOnly()) return List.of("create");
        return List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
    }

    /** The persistence id prefix; entity ids are {@code namespace/name} or {@code name}. */
    public String entityTypeName() {
        return group.isEmpty() ? kind : kind + "." + group;
    }
}
