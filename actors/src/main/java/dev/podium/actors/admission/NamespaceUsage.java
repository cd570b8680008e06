package dev.podium.actors.admission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.quota.QuotaUsage;
import dev.podium.persistence.watch.CachedObject;
import dev.podium.persistence.watch.WatchCache;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What a namespace's objects, as the member's cache holds them, use of the resources a quota tracks. */
public final class NamespaceUsage {
    private NamespaceUsage() {}

    public static Map<String, BigDecimal> of(WatchCache cache, String namespace, Set<String> tracked) {
        Map<String, BigDecimal> used = new HashMap<>();
        for (ResourceKind kind : kindsFor(tracked)) {
            for (CachedObject o : cache.list(kind.entityTypeName(), namespace, x -> true, 0, null).items()) {
                for (var e : QuotaUsage.of(kind, o.object()).entrySet()) {
                    if (tracked.contains(e.getKey())) used.merge(e.getKey(), e.getValue(), BigDecimal::add);
                }
            }
        }
        for (String t : tracked) used.putIfAbsent(t, BigDecimal.ZERO);
        return used;
    }

    static Set<ResourceKind> kindsFor(Set<String> tracked) {
        Set<ResourceKind> kinds = new LinkedHashSet<>();
        for (String t : tracked) {
            if (t.startsWith("count/")) {
                countedKind(t.substring("count/".length())).ifPresent(kinds::add);
                continue;
            }
            String kind = t.equals("pods") || t.startsWith("requests.") && !t.equals("requests.storage") || t.startsWith("limits.")
                    || t.equals("cpu") || t.equals("memory") ? "Pod"
                    : t.startsWith("services") ? "Service"
                    : t.equals("persistentvolumeclaims") || t.equals("requests.storage") ? "PersistentVolumeClaim"
                    : t.equals("configmaps") ? "ConfigMap" : t.equals("secrets") ? "Secret"
                    : t.equals("replicationcontrollers") ? "ReplicationController" : t.equals("resourcequotas") ? "ResourceQuota" : null;
            if (kind != null) kinds.add(KindRegistry.get(kind));
        }
        return kinds;
    }

    /** {@code deployments.apps} or {@code pods}: the built-in kind counted. */
    private static Optional<ResourceKind> countedKind(String resource) {
        int dot = resource.indexOf('.');
        String plural = dot < 0 ? resource : resource.substring(0, dot);
        String group = dot < 0 ? "" : resource.substring(dot + 1);
        return KindRegistry.all().stream().filter(k -> k.plural().equals(plural) && k.group().equals(group) && k.namespaced()).findFirst();
    }

    static boolean tracksAnything(JsonNode quota) {
        return quota.path("spec").path("hard").size() > 0;
    }
}
