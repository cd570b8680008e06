package dev.podium.actors.admission;

import dev.podium.model.api.ApiError;
import dev.podium.model.api.ApiException;
import dev.podium.persistence.watch.CachedObject;
import dev.podium.persistence.watch.WatchCache;

import java.util.Optional;

/**
 * The NamespaceLifecycle admission plugin: nothing is created in a namespace that does not exist
 * (404) or is being deleted (403, in kube-apiserver's words).
 */
final class NamespaceLifecycle implements AdmissionStep {
    private final WatchCache cache;

    NamespaceLifecycle(WatchCache cache) {
        this.cache = cache;
    }

    @Override
    public void admit(AdmissionRequest request) {
        if (request.operation() != AdmissionRequest.Operation.CREATE || !request.kind().namespaced()) return;
        String namespace = request.namespace();
        Optional<CachedObject> ns = cache.get("Namespace", namespace);
        if (ns.isEmpty()) throw new ApiException(ApiError.notFound("", "namespaces", namespace));
        if (ns.get().object().path("metadata").has("deletionTimestamp")) {
            throw new ApiException(new ApiError(403, "Forbidden", "unable to create new content in namespace " + namespace
                    + " because it is being terminated", new ApiError.Details("", "namespaces", namespace, null)));
        }
    }
}
