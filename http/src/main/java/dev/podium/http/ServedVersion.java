package dev.podium.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.kinds.ResourceKind;

/**
 * A custom resource is stored at its definition's storage version and served at every served
 * version; with conversion strategy None only apiVersion differs between them, as in kube.
 */
final class ServedVersion {
    private ServedVersion() {}

    /** The stored object as the requested version shows it (itself for built-in kinds). */
    static ObjectNode of(ResourceKind kind, ObjectNode stored) {
        if (!kind.isCustom() || stored.path("apiVersion").asText().equals(kind.apiVersion())) return stored;
        ObjectNode copy = stored.deepCopy();
        copy.put("apiVersion", kind.apiVersion());
        return copy;
    }

    /** Rewrites an object of this member's own (a copy) to the requested version, in place. */
    static void toServed(ResourceKind kind, ObjectNode object) {
        if (kind.isCustom()) object.put("apiVersion", kind.apiVersion());
    }

    /** Rewrites a request body naming the requested version to the storage version, in place. */
    static void toStorage(ResourceKind kind, JsonNode body) {
        if (kind.isCustom() && body instanceof ObjectNode o && o.has("apiVersion")) {
            o.put("apiVersion", kind.group() + "/" + kind.custom().storageVersion());
        }
    }
}
