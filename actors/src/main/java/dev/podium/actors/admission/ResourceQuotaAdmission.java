package dev.podium.actors.admission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.model.api.ApiError;
import dev.podium.model.api.ApiException;
import dev.podium.model.quota.QuotaCheck;
import dev.podium.model.quota.QuotaUsage;
import dev.podium.persistence.watch.CachedObject;
import dev.podium.persistence.watch.WatchCache;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * kube's ResourceQuota admission plugin (the last one, as in kube): a create that would take a
 * quota of its namespace past a hard limit, or a pod leaving out a compute request or limit a quota
 * tracks, is refused with 403 in kube's words. Use is counted from the member's cache at the time
 * of the request, so creates racing each other may overshoot by what is in flight (kube serializes
 * them through the quota object's resourceVersion).
 */
final class ResourceQuotaAdmission implements AdmissionStep {
    private final WatchCache cache;

    ResourceQuotaAdmission(WatchCache cache) {
        this.cache = cache;
    }

    @Override
    public void admit(AdmissionRequest request) {
        if (request.operation() != AdmissionRequest.Operation.CREATE || !request.kind().namespaced() || request.namespace() == null) return;
        List<CachedObject> quotas = cache.list("ResourceQuota", request.namespace(), NamespaceUsage::tracksAnything, 0, null).items();
        if (quotas.isEmpty()) return;
        Map<String, BigDecimal> delta = QuotaUsage.of(request.kind(), request.object());
        boolean pod = request.kind().kind().equals("Pod") && request.kind().group().isEmpty();
        for (CachedObject quota : quotas) {
            JsonNode q = quota.object();
            Optional<String> refusal = pod ? QuotaCheck.unspecified(q, request.object()) : Optional.empty();
            if (refusal.isEmpty()) {
                Map<String, BigDecimal> used = NamespaceUsage.of(cache, request.namespace(), QuotaCheck.hard(q).keySet());
                refusal = QuotaCheck.exceeded(q, used, delta);
            }
            if (refusal.isPresent()) {
                String name = request.object().path("metadata").path("name").asText("");
                throw new ApiException(ApiError.forbidden(request.kind().group(), request.kind().plural(), name, refusal.get()));
            }
        }
    }
}
