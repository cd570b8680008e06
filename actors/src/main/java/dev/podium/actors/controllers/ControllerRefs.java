package dev.podium.actors.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.meta.OwnerReference;

/** Adopting and releasing objects (kube's ControllerRefManager) as patches of their ownerReferences. */
public final class ControllerRefs {
    private ControllerRefs() {}

    /** Adds the owner's controller reference to an orphan (the patch names the orphan's uid, so a re-created object is left alone). */
    public static Action adopt(ObjectNode owner, JsonNode child) {
        ObjectNode patch = Json.object();
        ObjectNode meta = patch.putObject("metadata");
        meta.put("uid", child.path("metadata").path("uid").asText());
        ArrayNode refs = meta.putArray("ownerReferences");
        child.path("metadata").path("ownerReferences").forEach(r -> refs.add(r.deepCopy()));
        refs.add(OwnerReference.controllerRefTo(owner));
        return new Action.Patch(kindOf(child), keyOf(child), 0, patch);
    }

    /** Removes the owner's reference from a child whose labels no longer match the owner's selector. */
    public static Action release(ObjectNode owner, JsonNode child) {
        String ownerUid = owner.path("metadata").path("uid").asText();
        ObjectNode patch = Json.object();
        ObjectNode meta = patch.putObject("metadata");
        meta.put("uid", child.path("metadata").path("uid").asText());
        ArrayNode refs = meta.putArray("ownerReferences");
        child.path("metadata").path("ownerReferences").forEach(r -> {
            if (!ownerUid.equals(r.path("uid").asText())) refs.add(r.deepCopy());
        });
        if (refs.isEmpty()) meta.putNull("ownerReferences");
        return new Action.Patch(kindOf(child), keyOf(child), 0, patch);
    }

    /** The registered kind of an object, from its apiVersion and kind. */
    public static ResourceKind kindOf(JsonNode object) {
        String apiVersion = object.path("apiVersion").asText("v1");
        int slash = apiVersion.indexOf('/');
        String kind = object.path("kind").asText();
        return KindRegistry.get(slash < 0 ? kind : kind + "." + apiVersion.substring(0, slash));
    }

    /** {@code namespace/name} of a namespaced object. */
    public static String keyOf(JsonNode object) {
        return object.path("metadata").path("namespace").asText() + "/" + object.path("metadata").path("name").asText();
    }
}
