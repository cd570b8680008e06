package dev.podium.model.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.model.selectors.LabelSelector;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * kube-apiserver's authorizer chain for Podium: the privileged group {@code system:masters} may do
 * anything (kube's always-on privileged-group authorizer, so an admin is never locked out by a
 * broken RBAC configuration), then RBAC: a request is allowed when a ClusterRoleBinding, or a
 * RoleBinding of the request's namespace, binds the user, one of its groups or its service account
 * to a role with a rule covering it. ClusterRoles with an aggregationRule hold their own rules plus
 * those of every ClusterRole their selectors match, as kube's aggregation controller writes them.
 */
public final class RbacAuthorizer {
    public static final String GROUP = "rbac.authorization.k8s.io";

    public record Decision(boolean allowed, String reason) {}

    private RbacAuthorizer() {}

    public static Decision authorize(RbacObjects objects, UserInfo user, AuthorizationAttributes a) {
        if (user.groups().contains(UserInfo.MASTERS)) return new Decision(true, "");
        if (alwaysAllowed(a)) return new Decision(true, "");
        for (JsonNode binding : objects.clusterRoleBindings()) {
            if (!binds(binding.path("subjects"), user, "")) continue;
            for (JsonNode rule : rulesOf(objects, binding.path("roleRef"), "")) {
                if (PolicyRules.allows(rule, a)) return new Decision(true, allowedBy("ClusterRoleBinding", binding, user));
            }
        }
        if (a.resourceRequest() && !a.namespace().isEmpty()) {
            for (JsonNode binding : objects.roleBindings(a.namespace())) {
                if (!binds(binding.path("subjects"), user, a.namespace())) continue;
                for (JsonNode rule : rulesOf(objects, binding.path("roleRef"), a.namespace())) {
                    if (PolicyRules.allows(rule, a)) return new Decision(true, allowedBy("RoleBinding", binding, user));
                }
            }
        }
        return new Decision(false, "");
    }

    /**
     * The health checks, for anyone (kube's {@code --authorization-always-allow-paths} default):
     * a probe must be able to tell that the member is starting before the default roles exist.
     */
    static boolean alwaysAllowed(AuthorizationAttributes a) {
        if (a.resourceRequest() || !a.verb().equals("get")) return false;
        for (String p : List.of("/healthz", "/livez", "/readyz")) {
            if (a.path().equals(p) || a.path().startsWith(p + "/")) return true;
        }
        return false;
    }

    /** Every rule that applies to the user in a namespace (cluster-wide ones included): SelfSubjectRulesReview. */
    public static List<JsonNode> rulesFor(RbacObjects objects, UserInfo user, String namespace) {
        List<JsonNode> rules = new ArrayList<>();
        for (JsonNode binding : objects.clusterRoleBindings()) {
            if (binds(binding.path("subjects"), user, "")) rules.addAll(rulesOf(objects, binding.path("roleRef"), ""));
        }
        if (!namespace.isEmpty()) {
            for (JsonNode binding : objects.roleBindings(namespace)) {
                if (binds(binding.path("subjects"), user, namespace)) rules.addAll(rulesOf(objects, binding.path("roleRef"), namespace));
            }
        }
        return rules;
    }

    /** A binding's subjects: a User by name, a Group the user is in, a ServiceAccount (namespace defaults to the binding's). */
    static boolean binds(JsonNode subjects, UserInfo user, String bindingNamespace) {
        for (JsonNode s : subjects) {
            String name = s.path("name").asText();
            switch (s.path("kind").asText()) {
                case "User" -> {
                    if (name.equals(user.name())) return true;
                }
                case "Group" -> {
                    if (user.groups().contains(name)) return true;
                }
                case "ServiceAccount" -> {
                    String ns = s.path("namespace").asText(bindingNamespace);
                    if (ns.isEmpty()) ns = bindingNamespace;
                    if (user.name().equals("system:serviceaccount:" + ns + ":" + name)) return true;
                }
                default -> { }
            }
        }
        return false;
    }

    static List<JsonNode> rulesOf(RbacObjects objects, JsonNode roleRef, String bindingNamespace) {
        String name = roleRef.path("name").asText();
        if (roleRef.path("kind").asText().equals("Role")) {
            if (bindingNamespace.isEmpty()) return List.of();
            return objects.role(bindingNamespace, name).map(r -> list(r.path("rules"))).orElse(List.of());
        }
        return objects.clusterRoleRules(name);
    }

    /** A ClusterRole's rules with those its aggregationRule selects, aggregated roles included transitively. */
    public static List<JsonNode> effectiveRules(RbacObjects objects, JsonNode clusterRole, Set<String> visited) {
        List<JsonNode> rules = new ArrayList<>(list(clusterRole.path("rules")));
        JsonNode selectors = clusterRole.path("aggregationRule").path("clusterRoleSelectors");
        if (selectors.isEmpty()) return rules;
        visited.add(clusterRole.path("metadata").path("name").asText());
        List<LabelSelector> parsed = new ArrayList<>();
        for (JsonNode s : selectors) parsed.add(LabelSelector.fromObject(s));
        for (JsonNode other : objects.clusterRoles()) {
            String otherName = other.path("metadata").path("name").asText();
            if (visited.contains(otherName)) continue;
            if (parsed.stream().anyMatch(s -> s.matchesObject(other))) {
                visited.add(otherName);
                rules.addAll(effectiveRules(objects, other, visited));
            }
        }
        return rules;
    }

    private static String allowedBy(String bindingKind, JsonNode binding, UserInfo user) {
        JsonNode ref = binding.path("roleRef");
        return "RBAC: allowed by " + bindingKind + " \"" + binding.path("metadata").path("name").asText() + "\" of "
                + ref.path("kind").asText() + " \"" + ref.path("name").asText() + "\" to User \"" + user.name() + "\"";
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
