package dev.podium.actors.admission.webhooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.validation.Nodes;

import java.util.List;

/** One of a webhook's rules: which operations on which group/version/resource[/subresource] in which scope (kube's rules.Matcher). */
record Rule(List<String> operations, List<String> apiGroups, List<String> apiVersions, List<String> resources, String scope) {
    static Rule of(ObjectNode rule) {
        String scope = Nodes.text(rule, "scope");
        return new Rule(Nodes.strings(rule, "operations"), Nodes.strings(rule, "apiGroups"), Nodes.strings(rule, "apiVersions"),
                Nodes.strings(rule, "resources"), scope == null ? "*" : scope);
    }

    /** {@code namespaced} is whether the request is for a namespaced object; a Namespace counts as cluster-scoped. */
    boolean matches(String operation, String group, String version, String resource, String subresource, boolean namespaced) {
        return scopeMatches(namespaced) && exactOrWildcard(operations, operation) && exactOrWildcard(apiGroups, group)
                && exactOrWildcard(apiVersions, version) && resourceMatches(resource, subresource);
    }

    private boolean scopeMatches(boolean namespaced) {
        return switch (scope) {
            case "*" -> true;
            case "Namespaced" -> namespaced;
            case "Cluster" -> !namespaced;
            default -> false;
        };
    }

    private boolean resourceMatches(String resource, String subresource) {
        for (String r : resources) {
            int slash = r.indexOf('/');
            String res = slash < 0 ? r : r.substring(0, slash);
            String sub = slash < 0 ? "" : r.substring(slash + 1);
            if ((res.equals("*") || res.equals(resource)) && (sub.equals("*") || sub.equals(subresource))) return true;
        }
        return false;
    }

    private static boolean exactOrWildcard(List<String> items, String requested) {
        return items.contains("*") || items.contains(requested);
    }
}
