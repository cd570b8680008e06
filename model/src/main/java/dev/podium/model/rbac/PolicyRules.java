package dev.podium.model.rbac;

import com.fasterxml.jackson.databind.JsonNode;

/** kube's rbac rule matching (RuleAllows): one PolicyRule, as JSON, against a request's attributes. */
public final class PolicyRules {
    private PolicyRules() {}

    public static boolean allows(JsonNode rule, AuthorizationAttributes a) {
        if (!contains(rule.path("verbs"), a.verb())) return false;
        if (!a.resourceRequest()) return urlMatches(rule.path("nonResourceURLs"), a.path());
        return contains(rule.path("apiGroups"), a.apiGroup())
                && resourceMatches(rule.path("resources"), a.resource(), a.subresource())
                && namesMatch(rule.path("resourceNames"), a.name());
    }

    /** {@code *} or the value itself. */
    static boolean contains(JsonNode values, String value) {
        for (JsonNode v : values) {
            String s = v.asText();
            if (s.equals("*") || s.equals(value)) return true;
        }
        return false;
    }

    /** {@code *}, {@code pods}, {@code pods/log}, or {@code *}{@code /log} for a subresource of any resource. */
    static boolean resourceMatches(JsonNode resources, String resource, String subresource) {
        String combined = subresource.isEmpty() ? resource : resource + "/" + subresource;
        for (JsonNode v : resources) {
            String s = v.asText();
            if (s.equals("*") || s.equals(combined)) return true;
            if (!subresource.isEmpty() && s.equals("*/" + subresource)) return true;
        }
        return false;
    }

    /** No resourceNames: every name; else only a request naming one of them (a create or list names none). */
    static boolean namesMatch(JsonNode names, String name) {
        if (names.isEmpty()) return true;
        for (JsonNode v : names) if (v.asText().equals(name)) return true;
        return false;
    }

    /** An exact path, {@code *}, or a prefix ending in {@code *}. */
    static boolean urlMatches(JsonNode urls, String path) {
        for (JsonNode v : urls) {
            String s = v.asText();
            if (s.equals("*") || s.equals(path)) return true;
            if (s.endsWith("*") && path.startsWith(s.substring(0, s.length() - 1))) return true;
        }
        return false;
    }
}
