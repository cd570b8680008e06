package dev.podium.actors.objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Reading and setting entries of a pod's status.conditions. */
public final class PodConditions {
    private PodConditions() {}

    /** Sets condition {@code type}; lastTransitionTime changes only when the status does. */
    public static void set(ObjectNode pod, String type, String status, String reason, String message, String now) {
        ObjectNode st = pod.with("status");
        ArrayNode conditions = st.get("conditions") instanceof ArrayNode a ? a : st.putArray("conditions");
        ObjectNode existing = null;
        for (JsonNode c : conditions) {
            if (type.equals(c.path("type").asText())) existing = (ObjectNode) c;
        }
        if (existing == null) existing = conditions.addObject().put("type", type);
        if (!status.equals(existing.path("status").asText())) existing.put("lastTransitionTime", now);
        existing.put("status", status);
        existing.putNull("lastProbeTime");
        if (reason == null) existing.remove("reason");
        else existing.put("reason", reason);
        if (message == null) existing.remove("message");
        else existing.put("message", message);
    }

    public static String status(JsonNode pod, String type) {
        for (JsonNode c : pod.path("status").path("conditions")) {
            if (type.equals(c.path("type").asText())) return c.path("status").asText();
        }
        return "";
    }
}
