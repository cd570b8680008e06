package dev.podium.model.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One entry of {@code metadata.ownerReferences}: who owns an object, and whether that owner controls it. */
public record OwnerReference(String apiVersion, String kind, String name, String uid, boolean controller, boolean blockOwnerDeletion) {

    /** Every owner reference of the object, in order. */
    public static List<OwnerReference> of(JsonNode object) {
        List<OwnerReference> out = new ArrayList<>();
        for (JsonNode r : object.path("metadata").path("ownerReferences")) {
            out.add(new OwnerReference(r.path("apiVersion").asText(""), r.path("kind").asText(""), r.path("name").asText(""),
                    r.path("uid").asText(""), r.path("controller").asBoolean(false), r.path("blockOwnerDeletion").asBoolean(false)));
        }
        return out;
    }

    /** The reference with {@code controller: true}, if any (kube allows at most one). */
    public static Optional<OwnerReference> controllerOf(JsonNode object) {
        for (JsonNode r : object.path("metadata").path("ownerReferences")) {
            if (r.path("controller").asBoolean(false)) {
                return Optional.of(new OwnerReference(r.path("apiVersion").asText(""), r.path("kind").asText(""), r.path("name").asText(""),
                        r.path("uid").asText(""), true, r.path("blockOwnerDeletion").asBoolean(false)));
            }
        }
        return Optional.empty();
    }

    /** The controlling owner's uid, or "" when nothing controls the object. */
    public static String controllerUid(JsonNode object) {
        return controllerOf(object).map(OwnerReference::uid).orElse("");
    }

    /** The API group of {@link #apiVersion()} ("" for the core group). */
    public String group() {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    /** The owner's kind as entity types are named: {@code Kind} in the core group, {@code Kind.group} otherwise. */
    public String entityTypeName() {
        String group = group();
        return group.isEmpty() ? kind : kind + "." + group;
    }

    /** A controller reference to {@code owner} as kube's controllers write it (controller and blockOwnerDeletion true). */
    public static ObjectNode controllerRefTo(JsonNode owner) {
        ObjectNode ref = Json.object();
        ref.put("apiVersion", owner.path("apiVersion").asText());
        ref.put("kind", owner.path("kind").asText());
        ref.put("name", owner.path("metadata").path("name").asText());
        ref.put("uid", owner.path("metadata").path("uid").asText());
        ref.put("controller", true);
        ref.put("blockOwnerDeletion", true);
        return ref;
    }
}
