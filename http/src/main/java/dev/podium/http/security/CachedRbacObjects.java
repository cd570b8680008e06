package dev.podium.http.security;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.model.rbac.RbacAuthorizer;
import dev.podium.model.rbac.RbacObjects;
import dev.podium.persistence.watch.CachedObject;
import dev.podium.persistence.watch.WatchCache;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The RBAC objects in a member's watch cache, as authorization reads them on every request: the
 * bindings and each ClusterRole's aggregated rules are computed once and kept until an RBAC object
 * changes (the cache tells as it applies the change, before the writer's response goes out, so a
 * new binding counts for the next request).
 */
public final class CachedRbacObjects implements RbacObjects {
    private static final String GROUP = ".rbac.authorization.k8s.io";
    private final WatchCache cache;
    private volatile List<JsonNode> clusterRoleBindings;
    private volatile List<JsonNode> clusterRoles;
    private final Map<String, List<JsonNode>> roleBindings = new ConcurrentHashMap<>();
    private final Map<String, List<JsonNode>> clusterRoleRules = new ConcurrentHashMap<>();

    public CachedRbacObjects(WatchCache cache) {
        this.cache = cache;
        cache.onApplied("ClusterRoleBinding" + GROUP, e -> clusterRoleBindings = null);
        cache.onApplied("RoleBinding" + GROUP, e -> roleBindings.clear());
        cache.onApplied("ClusterRole" + GROUP, e -> {
            clusterRoles = null;
            clusterRoleRules.clear();
        });
    }

    @Override
    public List<JsonNode> clusterRoleBindings() {
        List<JsonNode> known = clusterRoleBindings;
        if (known == null) clusterRoleBindings = known = all("ClusterRoleBinding" + GROUP, null);
        return known;
    }

    @Override
    public List<JsonNode> roleBindings(String namespace) {
        return roleBindings.computeIfAbsent(namespace, ns -> all("RoleBinding" + GROUP, ns));
    }

    @Override
    public List<JsonNode> clusterRoles() {
        List<JsonNode> known = clusterRoles;
        if (known == null) clusterRoles = known = all("ClusterRole" + GROUP, null);
        return known;
    }

    @Override
    public Optional<JsonNode> clusterRole(String name) {
        return cache.get("ClusterRole" + GROUP, name).map(CachedObject::object);
    }

    @Override
    public List<JsonNode> clusterRoleRules(String name) {
        return clusterRoleRules.computeIfAbsent(name,
                n -> clusterRole(n).map(r -> List.copyOf(RbacAuthorizer.effectiveRules(this, r, new HashSet<>()))).orElse(List.of()));
    }

    @Override
    public Optional<JsonNode> role(String namespace, String name) {
        return cache.get("Role" + GROUP, namespace + "/" + name).map(CachedObject::object);
    }

    private List<JsonNode> all(String kind, String namespace) {
        return cache.list(kind, namespace, o -> true, 0, null).items().stream().map(c -> (JsonNode) c.object()).toList();
    }
}
