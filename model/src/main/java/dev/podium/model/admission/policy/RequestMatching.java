package dev.podium.model.admission.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.model.api.ApiException;
import dev.podium.model.selectors.LabelSelector;
import dev.podium.model.validation.Nodes;

import java.util.List;

/**
 * kube's policy matching of a request against MatchResources: namespaceSelector, objectSelector, excludeResourceRules,
 * then resourceRules (none matches every resource) with their resourceNames. Only the requested resource is
 * tried: matchPolicy Equivalent also matches a rule through another version or group serving the same objects in
 * kube, which needs a map of equivalent resources this does not have.
 */
final class RequestMatching {
    private RequestMatching() {}

    /** Thrown for a selector that does not parse, which kube reports as a configuration error of the policy or binding. */
    static final class MatchError extends RuntimeException {
        MatchError(String message) {
            super(message, null, false, false);
        }
    }

    static boolean matches(JsonNode match, PolicyRequest request) {
        if (!namespaceMatches(match.get("namespaceSelector"), request)) return false;
        if (!objectMatches(match.get("objectSelector"), request)) return false;
        if (anyRuleMatches(Nodes.objects(match, "excludeResourceRules"), request)) return false;
        List<? extends JsonNode> rules = Nodes.objects(match, "resourceRules");
        return rules.isEmpty() || anyRuleMatches(rules, request);
    }

    private static boolean namespaceMatches(JsonNode selector, PolicyRequest request) {
        if (request.namespace().isEmpty() && !request.resource().equals("namespaces")) return true; // cluster-scoped: never exempt
        LabelSelector parsed = selector(selector);
        if (parsed.isEverything()) return true;
        JsonNode labelled = request.namespaceObject();
        boolean writesNamespace = request.resource().equals("namespaces") && request.subResource().isEmpty()
                && (request.operation() == PolicyRequest.Operation.CREATE || request.operation() == PolicyRequest.Operation.UPDATE);
        if (writesNamespace) labelled = request.object();
        else if (labelled == null && request.isNamespace()) labelled = request.oldObject();
        return parsed.matchesObject(labelled);
    }

    private static boolean objectMatches(JsonNode selector, PolicyRequest request) {
        LabelSelector parsed = selector(selector);
        if (parsed.isEverything()) return true;
        return (request.object() != null && parsed.matchesObject(request.object()))
                || (request.oldObject() != null && parsed.matchesObject(request.oldObject()));
    }

    /** An absent selector selects everything here, as kube's matcher fills in {} for nil. */
    private static LabelSelector selector(JsonNode selector) {
        if (selector == null || selector.isNull()) return LabelSelector.everything();
        try {
            return LabelSelector.fromObject(selector);
        } catch (ApiException e) {
            throw new MatchError(e.error().message());
        }
    }

    private static boolean anyRuleMatches(List<? extends JsonNode> rules, PolicyRequest request) {
        for (JsonNode rule : rules) {
            if (!ruleMatches(rule, request)) continue;
            List<String> names = Nodes.strings(rule, "resourceNames");
            if (names.isEmpty() || names.contains(request.name())) return true;
        }
        return false;
    }

    /** kube's rules.Matcher: scope, operation, group, version and resource/subresource, each with "*". */
    static boolean ruleMatches(JsonNode rule, PolicyRequest request) {
        return scope(Nodes.text(rule, "scope"), request)
                && exactOrWildcard(Nodes.strings(rule, "operations"), request.operation().name())
                && exactOrWildcard(Nodes.strings(rule, "apiGroups"), request.group())
                && exactOrWildcard(Nodes.strings(rule, "apiVersions"), request.version())
                && resource(Nodes.strings(rule, "resources"), request);
    }

    private static boolean scope(String scope, PolicyRequest request) {
        boolean namespaceItself = request.isNamespace() && request.version().equals("v1");
        if (scope == null || scope.equals("*")) return true;
        return switch (scope) {
            case "Namespaced" -> !namespaceItself && !request.namespace().isEmpty();
            case "Cluster" -> namespaceItself || request.namespace().isEmpty();
            default -> false;
        };
    }

    private static boolean exactOrWildcard(List<String> items, String requested) {
        return items.contains("*") || items.contains(requested);
    }

    private static boolean resource(List<String> resources, PolicyRequest request) {
        for (String resSub : resources) {
            int slash = resSub.indexOf('/');
            String res = slash < 0 ? resSub : resSub.substring(0, slash);
            String sub = slash < 0 ? "" : resSub.substring(slash + 1);
            if ((res.equals("*") || res.equals(request.resource())) && (sub.equals("*") || sub.equals(request.subResource()))) return true;
        }
        return false;
    }
}
