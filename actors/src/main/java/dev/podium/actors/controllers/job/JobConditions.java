package dev.podium.actors.controllers.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Optional;

/** A Job's status.conditions: type, status, lastProbeTime, lastTransitionTime, reason, message. */
public final class JobConditions {
    private JobConditions() {}

    public static Optional<JsonNode> get(JsonNode status, String type) {
        for (JsonNode c : status.path("conditions")) if (type.equals(c.path("type").asText())) return Optional.of(c);
        return Optional.empty();
    }

    public static boolean isTrue(JsonNode status, String type) {
        return get(status, type).map(c -> "True".equals(c.path("status").asText())).orElse(false);
    }

    /** Complete or Failed. */
    public static boolean finished(JsonNode status) {
        return isTrue(status, "Complete") || isTrue(status, "Failed");
    }

    /** Sets a condition; returns whether anything changed. The transition time moves only with the status. */
    static boolean set(ObjectNode status, String type, String value, String reason, String message, String now) {
        Optional<JsonNode> current = get(status, type);
        if (current.isPresent() && value.equals(current.get().path("status").asText()) && reason.equals(current.get().path("reason").asText())) {
            return false;
        }
        ObjectNode c = current.map(n -> (ObjectNode) n).orElseGet(() -> status.withArray("conditions").addObject().put("type", type));
        if (!value.equals(c.path("status").asText())) c.put("lastTransitionTime", now);
        c.put("status", value).put("lastProbeTime", now).put("reason", reason).put("message", message);
        return true;
    }
}
