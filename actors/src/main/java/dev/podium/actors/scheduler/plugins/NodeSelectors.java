package dev.podium.actors.scheduler.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.scheduler.NodeInfo;
import dev.podium.actors.scheduler.Pods;
import dev.podium.model.validation.Nodes;

import java.util.List;
import java.util.Map;

/** Matching of spec.nodeSelector and NodeSelectorTerms against a node, as kube's nodeaffinity helpers. */
public final class NodeSelectors {
    private NodeSelectors() {}

    /** The pod's nodeSelector and required node affinity both match (kube's GetRequiredNodeAffinity(pod).Match). */
    public static boolean podMatchesNode(JsonNode pod, NodeInfo node) {
        return RequiredNodeAffinity.of(pod).matches(node);
    }

    /** A pod's spec.nodeSelector and required node affinity terms ({@code terms} null when it has none), read once. */
    public record RequiredNodeAffinity(Map<String, String> selector, List<ObjectNode> terms) {

        public static RequiredNodeAffinity of(JsonNode pod) {
            JsonNode required = Pods.at(pod, "spec", "affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution");
            return new RequiredNodeAffinity(Nodes.stringMap(Pods.spec(pod), "nodeSelector"),
                    required == null ? null : Nodes.objects(required, "nodeSelectorTerms"));
        }

        /** Every node matches: nothing to check. */
        public boolean isEmpty() {
            return selector.isEmpty() && terms == null;
        }

        public boolean matches(NodeInfo node) {
            for (Map.Entry<String, String> e : selector.entrySet()) {
                if (!e.getValue().equals(node.labels().get(e.getKey()))) return false;
            }
            return terms == null || matchesAnyTerm(terms, node);
        }
    }

    /** Terms are ORed; no terms match nothing. */
    public static boolean matchesAnyTerm(List<ObjectNode> terms, NodeInfo node) {
        for (ObjectNode t : terms) if (matchesTerm(t, node)) return true;
        return false;
    }

    /** Expressions and fields are ANDed; a term with neither matches nothing. */
    public static boolean matchesTerm(JsonNode term, NodeInfo node) {
        List<ObjectNode> exprs = Nodes.objects(term, "matchExpressions");
        List<ObjectNode> fields = Nodes.objects(term, "matchFields");
        if (exprs.isEmpty() && fields.isEmpty()) return false;
        for (ObjectNode e : exprs) if (!matches(e, node.labels())) return false;
        for (ObjectNode f : fields) {
            if (!Nodes.str(f, "key").equals("metadata.name")) return false;
            if (!matches(f, Map.of("metadata.name", node.name()))) return false;
        }
        return true;
    }

    /** One NodeSelectorRequirement; Gt and Lt compare integers. */
    static boolean matches(JsonNode req, Map<String, String> labels) {
        String key = Nodes.str(req, "key");
        List<String> values = Nodes.strings(req, "values");
        String actual = labels.get(key);
        return switch (Nodes.str(req, "operator")) {
            case "In" -> actual != null && values.contains(actual);
            case "NotIn" -> actual == null || !values.contains(actual);
            case "Exists" -> actual != null;
            case "DoesNotExist" -> actual == null;
            case "Gt", "Lt" -> {
                if (actual == null || values.size() != 1) yield false;
                Long have = parseLong(actual), want = parseLong(values.get(0));
                if (have == null || want == null) yield false;
                yield Nodes.str(req, "operator").equals("Gt") ? have > want : have < want;
            }
            default -> false;
        };
    }

    private static Long parseLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
