package dev.podium.actors.controllers.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.time.Instant;
import java.util.Optional;

/** A Deployment's conditions, set as kube's SetDeploymentCondition sets them. */
final class DeploymentConditions {
    static final String AVAILABLE = "Available";
    static final String PROGRESSING = "Progressing";
    static final String REPLICA_FAILURE = "ReplicaFailure";

    private DeploymentConditions() {}

    static Optional<JsonNode> get(JsonNode status, String type) {
        for (JsonNode c : status.path("conditions")) if (type.equals(c.path("type").asText())) return Optional.of(c);
        return Optional.empty();
    }

    static ObjectNode condition(String type, String status, String reason, String message, String now) {
        return Json.object().put("type", type).put("status", status).put("lastUpdateTime", now).put("lastTransitionTime", now)
                .put("reason", reason).put("message", message);
    }

    /**
     * Sets a condition: one with the same status and reason changes nothing; one with the same
     * status keeps its lastTransitionTime; the new one goes last.
     */
    static void set(ObjectNode status, ObjectNode condition) {
        Optional<JsonNode> current = get(status, condition.path("type").asText());
        if (current.isPresent() && current.get().path("status").equals(condition.path("status"))
                && current.get().path("reason").equals(condition.path("reason"))) {
            return;
        }
        if (current.isPresent() && current.get().path("status").equals(condition.path("status"))) {
            condition.set("lastTransitionTime", current.get().path("lastTransitionTime"));
        }
        remove(status, condition.path("type").asText());
        status.withArray("conditions").add(condition);
    }

    static void remove(ObjectNode status, String type) {
        if (!(status.get("conditions") instanceof ArrayNode conditions)) return;
        for (int i = conditions.size() - 1; i >= 0; i--) {
            if (type.equals(conditions.get(i).path("type").asText())) conditions.remove(i);
        }
        if (conditions.isEmpty()) status.remove("conditions");
    }

    static String stamp(Instant now) {
        return dev.podium.model.json.Times.rfc3339(now);
    }
}
