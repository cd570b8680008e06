package dev.podium.model.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.ResourceKind;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OpenAPI v3 documents: operations, their parameters and each kind's schema ({@link OpenApiSchemas}).
 * kubectl sees that PATCH takes {@code fieldValidation} (so it validates server-side, sending Strict)
 * and {@code kubectl explain} finds the kinds' fields. PATCH declares no strategic-merge request
 * body, so client-side apply keeps computing patches from its built-in types, not from these schemas.
 */
public final class OpenApiV3 {
    private final ServedApis apis;
    private final Map<String, ObjectNode> documents = new ConcurrentHashMap<>();
    private volatile ObjectNode root;

    public OpenApiV3(List<ResourceKind> kinds) {
        this.apis = new ServedApis(kinds);
    }

    /** GET /openapi/v3: each group-version's path key and URL, the URL carrying its document's hash. Built once; callers must not modify it. */
    public ObjectNode root() {
        ObjectNode r = root;
        if (r == null) root = r = buildRoot();
        return r;
    }

    private ObjectNode buildRoot() {
        TreeMap<String, ObjectNode> sorted = new TreeMap<>();
        for (String gv : apis.groupVersions()) {
            String key = pathKey(gv);
            ObjectNode entry = Json.object();
            entry.put("serverRelativeURL", "/openapi/v3/" + key + "?hash=" + hash(document(gv)));
            sorted.put(key, entry);
        }
        ObjectNode built = Json.object();
        built.putObject("paths").setAll(sorted);
        return built;
    }

    /**
     * GET /openapi/v3/{key}: accepts the root's path key ({@code api/v1}, {@code apis/policy/v1}) or
     * a groupVersion ({@code v1}, {@code policy/v1}); empty when not served.
     */
    public Optional<ObjectNode> groupVersion(String gvOrPathKey) {
        String gv = toGroupVersion(gvOrPathKey);
        return apis.kinds(gv).isEmpty() ? Optional.empty() : Optional.of(document(gv));
    }

    /** Whether {@link #groupVersion} has a document for this key, without building it. */
    public boolean serves(String gvOrPathKey) {
        return !apis.kinds(toGroupVersion(gvOrPathKey)).isEmpty();
    }

    /** Upper-case hex SHA-512 of the serialized document, as kube-openapi computes its etag. */
    public static String hash(ObjectNode document) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-512").digest(Json.bytes(document)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pathKey(String groupVersion) {
        return groupVersion.contains("/") ? "apis/" + groupVersion : "api/" + groupVersion;
    }

    static String toGroupVersion(String s) {
        String t = s.startsWith("/") ? s.substring(1) : s;
        if (t.startsWith("openapi/v3/")) t = t.substring("openapi/v3/".length());
        if (t.startsWith("apis/")) return t.substring("apis/".length());
        if (t.startsWith("api/")) return t.substring("api/".length());
        return t;
    }

    /** Built once per group-version (the served kinds are fixed); callers must not modify it. */
    private ObjectNode document(String gv) {
        return documents.computeIfAbsent(gv, this::build);
    }

    private ObjectNode build(String gv) {
        ObjectNode doc = Json.object();
        doc.put("openapi", "3.0.0");
        doc.putObject("info").put("title", "Kubernetes").put("version", ServerVersion.GIT_VERSION);
        TreeMap<String, ObjectNode> paths = new TreeMap<>();
        for (ResourceKind k : apis.kinds(gv)) {
            for (ApiRoutes.Route r : ApiRoutes.of(k)) paths.put(r.path(), ApiRoutes.pathItem(r, OpenApiV3::operation, OpenApiV3::parameter));
        }
        doc.putObject("paths").setAll(paths);
        doc.putObject("components").set("schemas", OpenApiSchemas.of(apis.kinds(gv)));
        return doc;
    }

    private static ObjectNode operation(ApiRoutes.Operation op) {
        ObjectNode o = Json.object();
        o.putArray("tags").add(op.tag());
        o.put("description", op.description()).put("operationId", op.operationId());
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
        n.put("name", p.name()).put("in", p.in()).put("description", p.description());
        if (p.required()) n.put("required", true);
        n.putObject("schema").put("type", p.type()).put("uniqueItems", true);
        return n;
    }
}
