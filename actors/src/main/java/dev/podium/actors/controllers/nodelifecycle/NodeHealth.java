package dev.podium.actors.controllers.nodelifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Pure decisions of the node lifecycle controller: is a node's lease stale, what its taints and
 * conditions become, and when a pod on an unreachable node has outlived its toleration.
 */
public final class NodeHealth {
    public static final String UNREACHABLE = "node.kubernetes.io/unreachable";

    private NodeHealth() {}

    /** A node is stale when neither its lease nor (without a lease) its creation is recent enough. */
    public static boolean stale(JsonNode node, Optional<? extends JsonNode> lease, Instant now, Duration grace) {
        String renew = lease.map(l -> l.path("spec").path("renewTime").asText("")).orElse("");
        String since = renew.isEmpty() ? node.path("metadata").path("creationTimestamp").asText("") : renew;
        if (since.isEmpty()) return false;
        return Instant.parse(since).plus(grace).isBefore(now);
    }

    public static String readyStatus(JsonNode node) {
        for (JsonNode c : node.path("status").path("conditions")) {
            if ("Ready".equals(c.path("type").asText())) return c.path("status").asText();
        }
        return "";
    }

    public static boolean hasUnreachableTaint(JsonNode node) {
        return unreachableTaint(node).isPresent();
    }

    public static Optional<JsonNode> unreachableTaint(JsonNode node) {
        for (JsonNode t : node.path("spec").path("taints")) {
            if (UNREACHABLE.equals(t.path("key").asText()) && "NoExecute".equals(t.path("effect").asText())) return Optional.of(t);
        }
        return Optional.empty();
    }

    /** The node's taints with the unreachable NoExecute taint added (or removed). */
    public static ArrayNode taintsWith(JsonNode node, boolean unreachable, String now) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (JsonNode t : node.path("spec").path("taints")) {
            if (!UNREACHABLE.equals(t.path("key").asText())) out.add(t.deepCopy());
        }
        if (unreachable) out.addObject().put("key", UNREACHABLE).put("effect", "NoExecute").put("timeAdded", now);
        return out;
    }

    /** Every condition Unknown, as kube's node lifecycle controller writes them when the kubelet is silent. */
    public static ArrayNode conditionsUnknown(JsonNode node, String now) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (JsonNode c : node.path("status").path("conditions")) {
            ObjectNode copy = (ObjectNode) c.deepCopy();
            if (!"Unknown".equals(copy.path("status").asText())) copy.put("lastTransitionTime", now);
            copy.put("status", "Unknown").put("reason", "NodeStatusUnknown").put("message", "Kubelet stopped posting node status.");
            out.add(copy);
        }
        return out;
    }

    /**
     * When a pod on a node carrying the unreachable NoExecute taint must be evicted: at once without a
     * matching toleration, after tolerationSeconds with one, never with an unbounded one.
     */
    public static Optional<Instant> evictAt(JsonNode pod, JsonNode taint) {
        Instant added = Instant.parse(taint.path("timeAdded").asText());
        for (JsonNode t : pod.path("spec").path("tolerations")) {
            boolean keyMatches = t.path("key").asText("").isEmpty() && "Exists".equals(t.path("operator").asText())
                    || UNREACHABLE.equals(t.path("key").asText());
            boolean effectMatches = t.path("effect").asText("").isEmpty() || "NoExecute".equals(t.path("effect").asText());
            if (keyMatches && effectMatches) {
                return t.has("tolerationSeconds") ? Optional.of(added.plusSeconds(Math.max(0, t.get("tolerationSeconds").asLong()))) : Optional.empty();
            }
        }
        return Optional.of(added);
    }
}
