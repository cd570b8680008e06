package dev.podium.model.quota;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.model.validation.Quantities;

import java.math.BigDecimal;

/** A pod's effective request or limit of a resource: the larger of its containers' sum and its largest init container (kube's PodRequests). */
public final class PodResources {
    private PodResources() {}

    public static BigDecimal effective(JsonNode pod, String field, String resource) {
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode c : pod.path("spec").path("containers")) sum = sum.add(of(c, field, resource));
        BigDecimal init = BigDecimal.ZERO;
        for (JsonNode c : pod.path("spec").path("initContainers")) init = init.max(of(c, field, resource));
        return sum.max(init);
    }

    public static BigDecimal of(JsonNode container, String field, String resource) {
        BigDecimal v = Quantities.parse(container.path("resources").path(field).path(resource));
        return v == null ? BigDecimal.ZERO : v;
    }
}
