package dev.podium.actors.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.util.Optional;

/** A Service by namespace and name, as its claims name it: {@code services/<namespace>/<name>}. */
public record ServiceRef(String namespace, String name) {
    private static final String RESOURCE = "services";

    public static ServiceRef of(JsonNode service) {
        JsonNode meta = service.path("metadata");
        return new ServiceRef(meta.path("namespace").asText(""), meta.path("name").asText(""));
    }

    /** A node-port Lease's holderIdentity. */
    public String holder() {
        return RESOURCE + "/" + namespace + "/" + name;
    }

    public static Optional<ServiceRef> fromHolder(String holder) {
        String[] parts = holder.split("/", -1);
        if (parts.length != 3 || !parts[0].equals(RESOURCE) || parts[1].isEmpty() || parts[2].isEmpty()) return Optional.empty();
        return Optional.of(new ServiceRef(parts[1], parts[2]));
    }

    /** An IPAddress's spec.parentRef. */
    public ObjectNode parentRef() {
        ObjectNode ref = Json.object();
        ref.put("group", "").put("resource", RESOURCE).put("namespace", namespace).put("name", name);
        return ref;
    }

    public static Optional<ServiceRef> fromParentRef(JsonNode ref) {
        if (!ref.path("group").asText("").isEmpty() || !RESOURCE.equals(ref.path("resource").asText())) return Optional.empty();
        return fromHolder(RESOURCE + "/" + ref.path("namespace").asText("") + "/" + ref.path("name").asText(""));
    }

    @Override
    public String toString() {
        return holder();
    }
}
