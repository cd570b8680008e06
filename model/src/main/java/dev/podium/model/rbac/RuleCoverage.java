package dev.podium.model.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.util.ArrayList;
import java.util.List;

/**
 * kube's escalation check (validation.Covers): a user may only grant what it holds. Each rule to
 * grant is broken into atomic rules (one verb, group, resource and name, or one verb and URL),
 * each of which some held rule must cover; {@code *} asked for is only covered by {@code *} held.
 */
public final class RuleCoverage {
    private RuleCoverage() {}

    /** The atomic rules of {@code granted} that no rule of {@code held} covers (empty: no escalation). */
    public static List<ObjectNode> uncovered(List<JsonNode> held, List<JsonNode> granted) {
        List<ObjectNode> missing = new ArrayList<>();
        for (JsonNode rule : granted) {
            for (ObjectNode atom : atoms(rule)) {
                if (held.stream().noneMatch(h -> covers(h, atom))) missing.add(atom);
            }
        }
        return missing;
    }

    static List<ObjectNode> atoms(JsonNode rule) {
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode verb : rule.path("verbs")) {
            for (JsonNode url : rule.path("nonResourceURLs")) {
                ObjectNode a = Json.object();
                a.putArray("verbs").add(verb.asText());
                a.putArray("nonResourceURLs").add(url.asText());
                out.add(a);
            }
            for (JsonNode group : rule.path("apiGroups")) {
                for (JsonNode resource : rule.path("resources")) {
                    List<String> names = new ArrayList<>();
                    rule.path("resourceNames").forEach(n -> names.add(n.asText()));
                    if (names.isEmpty()) names.add(null);
                    for (String name : names) {
                        ObjectNode a = Json.object();
                        a.putArray("verbs").add(verb.asText());
                        a.putArray("apiGroups").add(group.asText());
                        a.putArray("resources").add(resource.asText());
                        if (name != null) a.putArray("resourceNames").add(name);
                        out.add(a);
                    }
                }
            }
        }
        return out;
    }

    static boolean covers(JsonNode held, ObjectNode atom) {
        if (!PolicyRules.contains(held.path("verbs"), atom.path("verbs").get(0).asText())) return false;
        if (atom.has("nonResourceURLs")) return PolicyRules.urlMatches(held.path("nonResourceURLs"), atom.path("nonResourceURLs").get(0).asText());
        if (!PolicyRules.contains(held.path("apiGroups"), atom.path("apiGroups").get(0).asText())) return false;
        String resource = atom.path("resources").get(0).asText();
        int slash = resource.indexOf('/');
        if (!PolicyRules.resourceMatches(held.path("resources"), slash < 0 ? resource : resource.substring(0, slash), slash < 0 ? "" : resource.substring(slash + 1))) {
            return false;
        }
        JsonNode names = held.path("resourceNames");
        if (names.isEmpty()) return true;
        return atom.has("resourceNames") && PolicyRules.namesMatch(names, atom.path("resourceNames").get(0).asText());
    }

    /** kube's wording of a rule in the refusal: {@code {APIGroups:[""], Resources:["secrets"], Verbs:["get"]}}. */
    public static String describe(JsonNode atom) {
        if (atom.has("nonResourceURLs")) {
            return "{NonResourceURLs:[" + quoted(atom.path("nonResourceURLs")) + "], Verbs:[" + quoted(atom.path("verbs")) + "]}";
        }
        String names = atom.has("resourceNames") ? ", ResourceNames:[" + quoted(atom.path("resourceNames")) + "]" : "";
        return "{APIGroups:[" + quoted(atom.path("apiGroups")) + "], Resources:[" + quoted(atom.path("resources")) + "]" + names
                + ", Verbs:[" + quoted(atom.path("verbs")) + "]}";
    }

    private static String quoted(JsonNode values) {
        List<String> out = new ArrayList<>();
        values.forEach(v -> out.add("\"" + v.asText() + "\""));
        return String.join(" ", out);
    }
}
