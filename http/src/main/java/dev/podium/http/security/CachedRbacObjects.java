package dev.podium.http.security;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.model.rbac.RbacObjects;
import dev.podium.persistence.watch.CachedObject;
import dev.podium.persistence.watch.WatchCache;

import java.util.List;
import java.util.Optional;

/** The RBAC objects in a member's watch cache: authorization reads the same state as a list would. */
public record CachedRbacObjects(WatchCache cache) implements RbacObjects {
    private static final String GROUP = ".rbac.authorization.k8s.io";

    @Override
    public List<JsonNode> clusterRoleBindings() {
        return all("ClusterRoleBinding" + GROUP, null);
    }

    @Override
    public List<JsonNode> roleBindings(String namespace) {
        return all("RoleBinding" + GROUP, namespace);
    }

    @Override
    public List<JsonNode> clusterRoles() {
        return all("ClusterRole" + GROUP, null);
    }

    @Override
    public Optional<JsonNode> clusterRole(String name) {
        return cache.get("ClusterRole" + GROUP, name).map(CachedObject::object);
    }

    @Override
    public Optional<JsonNode> role(String namespace, String name) {
        return cache.get("Role" + GROUP, namespace + "/" + name).map(CachedObject::object);
    }

    private List<JsonNode> all(String kind, String namespace) {
        return cache.list(kind, namespace, o -> true, 0, null).items().stream().map(c -> (JsonNode) c.object()).toList();
    }
}
