package dev.podium.http.flowcontrol;

import com.fasterxml.jackson.databind.JsonNode;

/** Whether a FlowSchema's rules (subjects and resource or non-resource rules) match a request, as kube's APF matches them. */
final class FlowSchemaMatching {
    private FlowSchemaMatching() {}

    static boolean matches(JsonNode schema, RequestAttributes request) {
        for (JsonNode rule : schema.path("spec").path("rules")) {
            if (subjectMatches(rule.path("subjects"), request.subject()) && ruleMatches(rule, request)) return true;
        }
        return false;
    }

    private static boolean subjectMatches(JsonNode subjects, RequestSubject subject) {
        for (JsonNode s : subjects) {
            switch (s.path("kind").asText()) {
                case "User" -> {
                    String name = s.path("user").path("name").asText();
                    if (name.equals("*") || name.equals(subject.user())) return true;
                }
                case "Group" -> {
                    String name = s.path("group").path("name").asText();
                    if (name.equals("*") || subject.groups().contains(name)) return true;
                }
                case "ServiceAccount" -> {
                    JsonNode sa = s.path("serviceAccount");
                    if (subject.isServiceAccount(sa.path("namespace").asText(), sa.path("name").asText())) return true;
                }
                default -> { }
            }
        }
        return false;
    }

    private static boolean ruleMatches(JsonNode rule, RequestAttributes request) {
        if (request.resourceRequest()) {
            for (JsonNode r : rule.path("resourceRules")) {
                if (contains(r.path("verbs"), request.verb()) && contains(r.path("apiGroups"), request.apiGroup())
                        && contains(r.path("resources"), request.resource()) && namespaceMatches(r, request.namespace())) {
                    return true;
                }
            }
            return false;
        }
        for (JsonNode r : rule.path("nonResourceRules")) {
            if (contains(r.path("verbs"), request.verb()) && urlMatches(r.path("nonResourceURLs"), request.path())) return true;
        }
        return false;
    }

    private static boolean namespaceMatches(JsonNode rule, String namespace) {
        if (namespace.isEmpty()) return rule.path("clusterScope").asBoolean(false);
        return contains(rule.path("namespaces"), namespace);
    }

    private static boolean contains(JsonNode values, String value) {
        for (JsonNode v : values) if (v.asText().equals("*") || v.asText().equals(value)) return true;
        return false;
    }

    /** {@code *} matches every path, {@code /prefix/*} every path under it, anything else only itself. */
    private static boolean urlMatches(JsonNode urls, String path) {
        for (JsonNode u : urls) {
            String url = u.asText();
            if (url.equals("*") || url.equals(path)) return true;
            if (url.endsWith("/*") && path.startsWith(url.substring(0, url.length() - 1))) return true;
        }
        return false;
    }
}
