package dev.podium.model.admission.policy;

import dev.podium.model.crd.JsonToCel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cel.common.values.NullValue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values a policy's expressions see, as kube builds them: the objects, {@code request} (an AdmissionRequest
 * without uid-bound fields, object or oldObject, and with kube's omitempty fields left out), {@code namespaceObject}
 * (only the Namespace fields kube exposes; null for cluster-scoped requests and for Namespaces themselves),
 * {@code params} and, lazily, {@code variables}.
 */
final class PolicyActivation {
    static final String OBJECT = "object";
    static final String OLD_OBJECT = "oldObject";
    static final String REQUEST = "request";
    static final String NAMESPACE_OBJECT = "namespaceObject";
    static final String PARAMS = "params";
    static final String VARIABLES = "variables";
    private static final List<String> NAMESPACE_METADATA = List.of("name", "generateName", "namespace", "uid", "resourceVersion",
            "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "finalizers");

    private PolicyActivation() {}

    /** The activation for one param (null when the binding has none), with {@code variables} when the policy declares any. */
    static Map<String, Object> of(PolicyRequest request, ObjectNode param, CompiledPolicy policy) {
        Map<String, Object> activation = new HashMap<>();
        activation.put(OBJECT, JsonToCel.value(request.object()));
        activation.put(OLD_OBJECT, JsonToCel.value(request.oldObject()));
        activation.put(REQUEST, request(request));
        activation.put(NAMESPACE_OBJECT, namespace(request));
        activation.put(PARAMS, JsonToCel.value(param));
        if (!policy.variables().isEmpty()) activation.put(VARIABLES, new LazyVariables(policy.variables(), activation));
        return activation;
    }

    private static Map<String, Object> request(PolicyRequest r) {
        Map<String, Object> kind = Map.of("group", r.group(), "version", r.version(), "kind", r.kind());
        Map<String, Object> resource = Map.of("group", r.group(), "version", r.version(), "resource", r.resource());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("uid", "");
        out.put("kind", kind);
        out.put("resource", resource);
        putIfNotEmpty(out, "subResource", r.subResource());
        out.put("requestKind", kind);
        out.put("requestResource", resource);
        putIfNotEmpty(out, "requestSubResource", r.subResource());
        putIfNotEmpty(out, "name", r.name());
        putIfNotEmpty(out, "namespace", r.namespace());
        out.put("operation", r.operation().name());
        Map<String, Object> user = new LinkedHashMap<>();
        putIfNotEmpty(user, "username", r.userInfo().username());
        putIfNotEmpty(user, "uid", r.userInfo().uid());
        if (!r.userInfo().groups().isEmpty()) user.put("groups", r.userInfo().groups());
        if (!r.userInfo().extra().isEmpty()) user.put("extra", r.userInfo().extra());
        out.put("userInfo", user);
        out.put("dryRun", r.dryRun());
        out.put("options", NullValue.NULL_VALUE);
        return out;
    }

    private static Object namespace(PolicyRequest r) {
        boolean namespaceItself = r.kind().equals("Namespace") && r.group().isEmpty() && r.version().equals("v1");
        if (r.namespace().isEmpty() || namespaceItself || r.namespaceObject() == null) return NullValue.NULL_VALUE;
        ObjectNode ns = r.namespaceObject();
        ObjectNode shown = ns.objectNode();
        ObjectNode metadata = shown.putObject("metadata");
        JsonNode source = ns.path("metadata");
        for (String field : NAMESPACE_METADATA) if (source.has(field)) metadata.set(field, source.get(field));
        if (!metadata.has("creationTimestamp")) metadata.putNull("creationTimestamp");
        shown.set("spec", ns.has("spec") ? ns.get("spec") : shown.objectNode());
        shown.set("status", ns.has("status") ? ns.get("status") : shown.objectNode());
        return JsonToCel.value(shown);
    }

    private static void putIfNotEmpty(Map<String, Object> map, String key, String value) {
        if (!value.isEmpty()) map.put(key, value);
    }
}
