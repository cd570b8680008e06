package dev.podium.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

/** The options of a write as admission webhooks receive them: meta.k8s.io/v1 CreateOptions, UpdateOptions or DeleteOptions. */
final class OperationOptions {
    private OperationOptions() {}

    /** A PATCH is reviewed with the options of the create or update it turns into, as kube converts PatchOptions. */
    static ObjectNode create(ApiRequest req) {
        return options("CreateOptions", req);
    }

    static ObjectNode update(ApiRequest req) {
        return options("UpdateOptions", req);
    }

    /** The DeleteOptions body with the query's parameters laid over it. */
    static ObjectNode delete(ApiRequest req, JsonNode body, boolean dryRun, String propagationPolicy) {
        ObjectNode o = body instanceof ObjectNode b ? b.deepCopy() : Json.object();
        o.put("kind", "DeleteOptions");
        o.put("apiVersion", "meta.k8s.io/v1");
        String grace = req.param("gracePeriodSeconds");
        if (grace != null && grace.matches("-?\\d+")) o.put("gracePeriodSeconds", Long.parseLong(grace));
        if (!propagationPolicy.isEmpty()) o.put("propagationPolicy", propagationPolicy);
        if (dryRun) o.putArray("dryRun").add("All");
        return o;
    }

    private static ObjectNode options(String kind, ApiRequest req) {
        ObjectNode o = Json.object();
        o.put("kind", kind);
        o.put("apiVersion", "meta.k8s.io/v1");
        if (req.dryRun()) o.putArray("dryRun").add("All");
        String manager = req.param("fieldManager");
        if (manager != null && !manager.isEmpty()) o.put("fieldManager", manager);
        String validation = req.param("fieldValidation");
        if (validation != null && !validation.isEmpty()) o.put("fieldValidation", validation);
        return o;
    }
}
