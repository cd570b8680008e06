package dev.podium.http.aggregation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;
import dev.podium.model.json.Times;

import java.time.Instant;

/** An APIService's Available condition from the last check of its extension server (kube's availability controller). */
final class ApiServiceStatus {
    private ApiServiceStatus() {}

    static ObjectNode of(JsonNode current, ExtensionApis.Check check, Instant now) {
        boolean up = check.available();
        String status = up ? "True" : "False";
        String since = Times.rfc3339(now);
        for (JsonNode c : current.path("conditions")) {
            if (c.path("type").asText().equals("Available") && c.path("status").asText().equals(status)) since = c.path("lastTransitionTime").asText(since);
        }
        ObjectNode out = Json.object();
        out.putArray("conditions").addObject().put("lastTransitionTime", since).put("message", up ? "all checks passed" : check.message())
                .put("reason", up ? "Passed" : check.reason()).put("status", status).put("type", "Available");
        return out;
    }

    /** Local APIServices (the member's own groups) are always available. */
    static ObjectNode local(Instant now) {
        ObjectNode out = Json.object();
        out.putArray("conditions").addObject().put("lastTransitionTime", Times.rfc3339(now)).put("message", "Local APIServices are always available")
                .put("reason", "Local").put("status", "True").put("type", "Available");
        return out;
    }

    /** Whether two statuses say the same, whenever they were written. */
    static boolean same(JsonNode a, JsonNode b) {
        return strip(a).equals(strip(b));
    }

    private static JsonNode strip(JsonNode status) {
        if (!status.isObject()) return Json.object();
        ObjectNode copy = status.deepCopy();
        copy.path("conditions").forEach(c -> ((ObjectNode) c).remove("lastTransitionTime"));
        return copy;
    }
}
