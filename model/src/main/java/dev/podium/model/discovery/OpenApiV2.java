package dev.podium.model.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.ResourceKind;

import java.util.List;
import java.util.TreeMap;

/**
 * The Swagger 2.0 document at /openapi/v2, JSON only. It has no definitions, so kubectl (which
 * asks for protobuf and would otherwise look models up) falls back to its built-in types.
 */
public final class OpenApiV2 {
    private static final List<String> PATCH_TYPES = List.of("application/json-patch+json", "application/merge-patch+json",
            "application/strategic-merge-patch+json", "application/apply-patch+yaml");
    private static final List<String> PRODUCES = List.of("application/json", "application/yaml", "application/vnd.kubernetes.protobuf");

    private final List<ResourceKind> kinds;

    public OpenApiV2(List<ResourceKind> kinds) {
        this.kinds = List.copyOf(kinds);
    }

    public ObjectNode document() {
        ObjectNode doc = Json.object();
        doc.put("swagger", "2.0");
        doc.putObject("info").put("title", "Kubernetes").put("version", ServerVersion.GIT_VERSION);
        TreeMap<String, ObjectNode> paths = new TreeMap<>();
        for (ResourceKind k : kinds) {
            for (ApiRoutes.Route r : ApiRoutes.of(k)) paths.put(r.path(), ApiRoutes.pathItem(r, OpenApiV2::operation, OpenApiV2::parameter));
        }
        doc.putObject("paths").setAll(paths);
        doc.putObject("definitions");
        return doc;
    }

    private static ObjectNode operation(ApiRoutes.Operation op) {
        ObjectNode o = Json.object();
        o.put("description", op.description());
        ArrayNode consumes = o.putArray("consumes");
        if (op.method().equals("patch")) PATCH_TYPES.forEach(consumes::add);
        else consumes.add("*/*");
        PRODUCES.forEach(o.putArray("produces")::add);
        o.putArray("schemes").add("https");
        o.putArray("tags").add(op.tag());
        o.put("operationId", op.operationId());
        if (!op.parameters().isEmpty()) {
            ArrayNode params = o.putArray("parameters");
            op.parameters().forEach(p -> params.add(parameter(p)));
        }
        o.set("responses", OpenApiResponses.of(op.responses()));
        ApiRoutes.kubernetesExtensions(o, op);
        return o;
    }

    private static ObjectNode parameter(ApiParameter p) {
        ObjectNode n = Json.object();
        n.put("uniqueItems", true).put("type", p.type()).put("description", p.description())
                .put("name", p.name()).put("in", p.in());
        if (p.required()) n.put("required", true);
        return n;
    }
}
