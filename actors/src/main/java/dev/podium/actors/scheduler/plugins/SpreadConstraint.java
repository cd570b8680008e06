package dev.podium.actors.scheduler.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.scheduler.NodeInfo;
import dev.podium.actors.scheduler.Pods;
import dev.podium.model.selectors.LabelSelector;
import dev.podium.model.validation.Nodes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One entry of spec.topologySpreadConstraints. matchLabelKeys are folded into the selector with
 * the pod's own values, as kube does; the node inclusion policies default to nodeAffinityPolicy
 * Honor and nodeTaintsPolicy Ignore.
 */
public record SpreadConstraint(long maxSkew, String topologyKey, boolean doNotSchedule, LabelSelector selector,
                               Long minDomains, boolean honorNodeAffinity, boolean honorNodeTaints) {

    public static List<SpreadConstraint> of(JsonNode pod, boolean doNotSchedule) {
        List<SpreadConstraint> out = new ArrayList<>();
        Map<String, String> podLabels = Pods.labels(pod);
        for (ObjectNode c : Nodes.objects(Pods.spec(pod), "topologySpreadConstraints")) {
            boolean hard = !"ScheduleAnyway".equals(Nodes.str(c, "whenUnsatisfiable"));
            if (hard != doNotSchedule) continue;
            Long maxSkew = Nodes.integer(c, "maxSkew");
            out.add(new SpreadConstraint(maxSkew == null ? 1 : maxSkew, Nodes.str(c, "topologyKey"), hard,
                    selector(c, podLabels), Nodes.integer(c, "minDomains"),
                    !"Ignore".equals(Nodes.str(c, "nodeAffinityPolicy")),
                    "Honor".equals(Nodes.str(c, "nodeTaintsPolicy"))));
        }
        return out;
    }

    private static LabelSelector selector(ObjectNode c, Map<String, String> podLabels) {
        JsonNode s = c.get("labelSelector");
        List<String> keys = Nodes.strings(c, "matchLabelKeys");
        if (s instanceof ObjectNode so && !keys.isEmpty()) {
            ObjectNode merged = so.deepCopy();
            ArrayNode exprs = merged.has("matchExpressions") && merged.get("matchExpressions").isArray()
                    ? (ArrayNode) merged.get("matchExpressions") : merged.putArray("matchExpressions");
            for (String k : keys) {
                String v = podLabels.get(k);
                if (v == null) continue;
                ObjectNode e = exprs.addObject().put("key", k).put("operator", "In");
                e.putArray("values").add(v);
            }
            s = merged;
        }
        return AffinityTerm.selector(s);
    }

    /** Does the node take part in this constraint's counting (kube's MatchNodeInclusionPolicies)? */
    public boolean includes(JsonNode pod, NodeInfo node) {
        if (honorNodeAffinity && !NodeSelectors.podMatchesNode(pod, node)) return false;
        return !honorNodeTaints || Toleration.firstUntolerated(node.taints(), Toleration.of(pod)) == null;
    }

    /** Pods in {@code namespace} matching the selector, not being deleted. */
    public long countMatching(List<ObjectNode> pods, String namespace) {
        long n = 0;
        for (ObjectNode p : pods) {
            if (!Pods.isTerminating(p) && Pods.namespace(p).equals(namespace) && selector.matchesObject(p)) n++;
        }
        return n;
    }

    public static boolean hasAllKeys(NodeInfo node, List<SpreadConstraint> constraints) {
        for (SpreadConstraint c : constraints) if (!node.labels().containsKey(c.topologyKey)) return false;
        return true;
    }
}
