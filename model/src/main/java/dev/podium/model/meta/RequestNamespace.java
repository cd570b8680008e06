package dev.podium.model.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.ApiError;
import dev.podium.model.api.ApiException;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.ResourceKind;

/**
 * kube-apiserver's rest.EnsureObjectNamespaceMatchesRequestNamespace, applied to what a create,
 * an update or a patch (server-side apply included) would store: an object without a namespace
 * takes the one on the URL, a cluster-scoped object loses any namespace, and a namespace other
 * than the URL's is a 400.
 */
public final class RequestNamespace {
    static final String MISMATCH = "the namespace of the provided object does not match the namespace sent on the request";

    private RequestNamespace() {}

    /** Sets or clears {@code metadata.namespace} in place; throws the 400 on a mismatch. */
    public static void ensure(ResourceKind kind, ObjectNode obj, String requestNamespace) {
        check(kind, obj, requestNamespace);
        ObjectNode meta = Json.metadata(obj);
        if (kind.namespaced()) meta.put("namespace", requestNamespace);
        else meta.remove("namespace");
    }

    /** The 400 of {@link #ensure} alone, for a body that is not stored as it is (an apply configuration). */
    public static void check(ResourceKind kind, JsonNode obj, String requestNamespace) {
        if (!kind.namespaced()) return;
        String ns = obj.path("metadata").path("namespace").asText("");
        if (!ns.isEmpty() && !ns.equals(requestNamespace)) throw new ApiException(ApiError.badRequest(MISMATCH));
    }
}
