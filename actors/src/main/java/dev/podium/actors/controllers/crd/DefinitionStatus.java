package dev.podium.actors.controllers.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.crd.CrdNames;
import dev.podium.model.crd.CustomResourceKinds;
import dev.podium.model.json.Json;
import dev.podium.model.json.Times;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A CustomResourceDefinition's status as kube's naming, establishing and finalizing controllers
 * write it: the accepted names, conditions NamesAccepted and Established (and Terminating once it
 * is being deleted), and every version objects have been stored at.
 */
final class DefinitionStatus {
    private DefinitionStatus() {}

    /** {@code instancesLeft}: how many of its objects remain, counted only while the definition is being deleted. */
    static ObjectNode of(ObjectNode crd, Collection<? extends JsonNode> all, int instancesLeft, Instant now) {
        JsonNode current = crd.path("status");
        CrdNames.Verdict verdict = CrdNames.verdict(crd, all);
        ObjectNode status = Json.object();
        status.set("acceptedNames", verdict.accepted() ? acceptedNames(crd.path("spec").path("names")) : current.path("acceptedNames").isObject()
                ? current.get("acceptedNames").deepCopy() : Json.object().put("kind", "").put("plural", ""));
        ArrayNode conditions = status.putArray("conditions");
        conditions.add(condition(current, "NamesAccepted", verdict.accepted(), verdict.reason(), verdict.message(), now));
        conditions.add(verdict.accepted() ? condition(current, "Established", true, "InitialNamesAccepted", "the initial names have been accepted", now)
                : condition(current, "Established", false, "NotAccepted", "not all names are accepted", now));
        if (crd.path("metadata").has("deletionTimestamp")) {
            conditions.add(instancesLeft > 0
                    ? condition(current, "Terminating", true, "InstanceDeletionInProgress", "CustomResource deletion is in progress", now)
                    : condition(current, "Terminating", true, "InstanceDeletionCompleted", "removed all instances", now));
        }
        Set<String> stored = new LinkedHashSet<>();
        current.path("storedVersions").forEach(v -> stored.add(v.asText()));
        stored.add(CustomResourceKinds.storageVersion(crd));
        stored.forEach(status.putArray("storedVersions")::add);
        return status;
    }

    private static ObjectNode acceptedNames(JsonNode names) {
        ObjectNode out = names.deepCopy();
        if (!out.has("singular")) out.put("singular", names.path("kind").asText().toLowerCase());
        if (!out.has("listKind")) out.put("listKind", names.path("kind").asText() + "List");
        return out;
    }

    /** A condition keeps its lastTransitionTime while its status stays the same. */
    private static ObjectNode condition(JsonNode status, String type, boolean value, String reason, String message, Instant now) {
        String since = Times.rfc3339(now);
        for (JsonNode c : status.path("conditions")) {
            if (c.path("type").asText().equals(type) && c.path("status").asText().equals(value ? "True" : "False")) {
                since = c.path("lastTransitionTime").asText(since);
            }
        }
        ObjectNode c = Json.object();
        c.put("type", type).put("status", value ? "True" : "False").put("lastTransitionTime", since).put("reason", reason).put("message", message);
        return c;
    }
}
