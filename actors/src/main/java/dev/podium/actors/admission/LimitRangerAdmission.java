package dev.podium.actors.admission;

import dev.podium.model.api.ApiError;
import dev.podium.model.api.ApiException;
import dev.podium.model.quota.LimitRanges;
import dev.podium.persistence.watch.CachedObject;
import dev.podium.persistence.watch.WatchCache;

import java.util.Optional;

/** kube's LimitRanger for new pods: the namespace's LimitRanges fill in container defaults, then bound them by min and max (403 otherwise). */
final class LimitRangerAdmission implements AdmissionStep {
    private final WatchCache cache;

    LimitRangerAdmission(WatchCache cache) {
        this.cache = cache;
    }

    @Override
    public void admit(AdmissionRequest request) {
        if (request.operation() != AdmissionRequest.Operation.CREATE || !request.kind().kind().equals("Pod") || !request.kind().group().isEmpty()) return;
        for (CachedObject range : cache.list("LimitRange", request.namespace(), o -> true, 0, null).items()) {
            LimitRanges.applyDefaults(range.object(), request.object());
            Optional<String> violation = LimitRanges.violation(range.object(), request.object());
            if (violation.isPresent()) {
                throw new ApiException(ApiError.forbidden("", "pods", request.object().path("metadata").path("name").asText(""), violation.get()));
            }
        }
    }
}
