package dev.podium.model.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.validation.Nodes;

import java.util.Locale;

/**
 * apiextensions.k8s.io/v1 defaulting, plus the zero values kube always serializes (a version's
 * {@code served} and {@code storage}, the status' {@code acceptedNames}) so stored objects read
 * back as kube's do.
 */
final class CrdDefaults {
    private CrdDefaults() {}

    static void apply(ObjectNode crd) {
        ObjectNode spec = Nodes.child(crd, "spec");
        ObjectNode names = Nodes.child(spec, "names");
        String kind = Nodes.str(names, "kind");
        if (Nodes.isEmpty(names, "singular") && !kind.isEmpty()) names.put("singular", kind.toLowerCase(Locale.ROOT));
        if (Nodes.isEmpty(names, "listKind") && !kind.isEmpty()) names.put("listKind", kind + "List");
        JsonNode conversion = spec.get("conversion");
        if (conversion == null || conversion.isNull()) spec.putObject("conversion").put("strategy", "None");
        ObjectNode service = Nodes.obj(spec.path("conversion").path("webhook").path("clientConfig"), "service");
        if (service != null) Nodes.putIfAbsent(service, "port", 443L);
        for (ObjectNode v : Nodes.objects(spec, "versions")) {
            Nodes.putIfAbsent(v, "served", false);
            Nodes.putIfAbsent(v, "storage", false);
        }
        ObjectNode status = Nodes.child(crd, "status");
        if (Nodes.obj(status, "acceptedNames") == null) status.putObject("acceptedNames").put("plural", "").put("kind", "");
        String storage = storageVersion(spec);
        if (Nodes.isEmpty(status, "storedVersions") && storage != null) status.putArray("storedVersions").add(storage);
    }

    /** kube's PrepareForUpdate: a new storage version joins status.storedVersions. */
    static void recordStorageVersion(ObjectNode crd) {
        String storage = storageVersion(crd.path("spec"));
        if (storage == null) return;
        ObjectNode status = Nodes.child(crd, "status");
        if (Nodes.strings(status, "storedVersions").contains(storage)) return;
        ArrayNode stored = Nodes.arr(status, "storedVersions");
        (stored == null ? status.putArray("storedVersions") : stored).add(storage);
    }

    /** The first version marked for storage, or null. */
    static String storageVersion(JsonNode spec) {
        for (ObjectNode v : Nodes.objects(spec, "versions")) {
            if (Nodes.bool(v, "storage")) return Nodes.str(v, "name");
        }
        return null;
    }
}
