package dev.podium.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.security.ServiceAccountTokens;
import dev.podium.model.api.ApiError;
import dev.podium.model.api.ApiException;
import dev.podium.model.api.Cause;
import dev.podium.model.json.Json;
import dev.podium.model.json.Times;
import dev.podium.model.validation.Nodes;
import dev.podium.persistence.watch.CachedObject;
import dev.podium.persistence.watch.WatchCache;
import org.apache.pekko.http.javadsl.model.HttpResponse;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * POST serviceaccounts/{name}/token, the TokenRequest subresource ({@code kubectl create token}):
 * a token for the service account, for the audiences asked (the API's by default), for
 * {@code expirationSeconds} (one hour by default, ten minutes at least), optionally bound to a Pod
 * or Secret of the namespace, which must exist (and hold the uid given, if any).
 */
final class TokenRequestHandler {
    private static final long DEFAULT_SECONDS = 3600;
    private static final long MIN_SECONDS = 600;
    private static final long MAX_SECONDS = 1L << 32;
    private final WatchCache cache;
    private final ServiceAccountTokens tokens;
    private final Clock clock;

    TokenRequestHandler(WatchCache cache, ServiceAccountTokens tokens, Clock clock) {
        this.cache = cache;
        this.tokens = tokens;
        this.clock = clock;
    }

    CompletionStage<HttpResponse> create(ApiRequest req) {
        String namespace = req.namespace();
        String name = req.path().name();
        ObjectNode request = Bodies.object(req);
        ObjectNode spec = request.with("spec");
        if (!spec.has("audiences") || spec.path("audiences").isEmpty()) spec.putArray("audiences").add(ServiceAccountTokens.ISSUER);
        if (!spec.has("expirationSeconds")) spec.put("expirationSeconds", DEFAULT_SECONDS);
        long seconds = spec.path("expirationSeconds").asLong();
        if (seconds < MIN_SECONDS) throw invalid(name, Cause.invalid("spec.expirationSeconds", seconds, "may not specify a duration less than 10 minutes"));
        if (seconds > MAX_SECONDS) throw invalid(name, Cause.invalid("spec.expirationSeconds", seconds, "may not specify a duration larger than 2^32 seconds"));
        CachedObject sa = cache.get("ServiceAccount", namespace + "/" + name)
                .orElseThrow(() -> new ApiException(ApiError.notFound("", "serviceaccounts", name)));
        ServiceAccountTokens.BoundObject bound = bound(name, namespace, spec.path("boundObjectRef"));
        ServiceAccountTokens.Issued issued = tokens.issue(namespace, name, sa.object().path("metadata").path("uid").asText(),
                Nodes.strings(spec, "audiences"), Duration.ofSeconds(seconds), bound);
        request.put("apiVersion", "authentication.k8s.io/v1").put("kind", "TokenRequest");
        request.with("metadata").put("name", name).put("namespace", namespace).put("creationTimestamp", Times.rfc3339(clock.instant()));
        request.putObject("status").put("token", issued.token()).put("expirationTimestamp", Times.rfc3339(issued.expires()));
        return CompletableFuture.completedFuture(Responses.json(201, request));
    }

    private ServiceAccountTokens.BoundObject bound(String name, String namespace, JsonNode ref) {
        if (!ref.isObject()) return null;
        String kind = Nodes.str(ref, "kind");
        if (!kind.equals("Pod") && !kind.equals("Secret")) {
            throw invalid(name, Cause.notSupported("spec.boundObjectRef.kind", kind, List.of("Pod", "Secret")));
        }
        String objectName = Nodes.str(ref, "name");
        if (objectName.isEmpty()) throw invalid(name, Cause.required("spec.boundObjectRef.name"));
        String resource = kind.equals("Pod") ? "pods" : "secrets";
        CachedObject object = cache.get(kind, namespace + "/" + objectName)
                .orElseThrow(() -> new ApiException(ApiError.notFound("", resource, objectName)));
        String uid = object.object().path("metadata").path("uid").asText();
        String asked = Nodes.str(ref, "uid");
        if (!asked.isEmpty() && !asked.equals(uid)) {
            throw new ApiException(ApiError.conflict("", resource, objectName, "the UID in the bound object reference (" + asked
                    + ") does not match the UID in record. The object might have been deleted and then recreated"));
        }
        return new ServiceAccountTokens.BoundObject(kind, objectName, uid);
    }

    private static ApiException invalid(String name, Cause cause) {
        return new ApiException(ApiError.invalid("authentication.k8s.io", "TokenRequest", name, List.of(cause)));
    }
}
