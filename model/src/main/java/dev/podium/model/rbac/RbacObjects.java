package dev.podium.model.rbac;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Optional;

/** The RBAC objects an authorizer reads (from a member's watch cache, or a fixed list in tests). */
public interface RbacObjects {
    List<JsonNode> clusterRoleBindings();

    List<JsonNode> roleBindings(String namespace);

    List<JsonNode> clusterRoles();

    Optional<JsonNode> clusterRole(String name);

    Optional<JsonNode> role(String namespace, String name);

    /** A ClusterRole's rules with those it aggregates; none when it does not exist. */
    default List<JsonNode> clusterRoleRules(String name) {
        return clusterRole(name).map(r -> RbacAuthorizer.effectiveRules(this, r, new java.util.HashSet<>())).orElse(List.of());
    }
}
