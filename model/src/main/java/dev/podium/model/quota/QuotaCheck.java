package dev.podium.model.quota;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.model.validation.Quantities;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * kube's ResourceQuota admission, as pure functions: an object that would take a quota's use past
 * its hard limit is refused ({@code exceeded quota: NAME, requested: …, used: …, limited: …}), and
 * a pod without a request or limit a quota tracks is refused too ({@code failed quota: NAME: must
 * specify limits.cpu for: app}).
 */
public final class QuotaCheck {
    private QuotaCheck() {}

    /** The refusal for adding {@code delta} to a quota whose current use is {@code used}; empty when it fits. */
    public static Optional<String> exceeded(JsonNode quota, Map<String, BigDecimal> used, Map<String, BigDecimal> delta) {
        Map<String, BigDecimal> hard = hard(quota);
        Map<String, BigDecimal> requested = new TreeMap<>();
        for (var e : delta.entrySet()) if (hard.containsKey(e.getKey())) requested.put(e.getKey(), e.getValue());
        if (requested.isEmpty()) return Optional.empty();
        List<String> over = new ArrayList<>();
        for (var e : requested.entrySet()) {
            BigDecimal now = used.getOrDefault(e.getKey(), BigDecimal.ZERO);
            if (now.add(e.getValue()).compareTo(hard.get(e.getKey())) > 0) over.add(e.getKey());
        }
        if (over.isEmpty()) return Optional.empty();
        String name = quota.path("metadata").path("name").asText();
        return Optional.of("exceeded quota: " + name + ", requested: " + list(over, requested) + ", used: "
                + list(over, used) + ", limited: " + list(over, hard));
    }

    /** A pod that leaves out a compute request or limit the quota tracks. */
    public static Optional<String> unspecified(JsonNode quota, JsonNode pod) {
        Map<String, BigDecimal> hard = hard(quota);
        List<String> missing = new ArrayList<>();
        for (String resource : new String[] {"limits.cpu", "limits.memory", "requests.cpu", "requests.memory", "cpu", "memory"}) {
            if (!hard.containsKey(resource)) continue;
            String field = resource.startsWith("limits.") ? "limits" : "requests";
            String name = resource.contains(".") ? resource.substring(resource.indexOf('.') + 1) : resource;
            List<String> containers = new ArrayList<>();
            for (String list : new String[] {"initContainers", "containers"}) {
                for (JsonNode c : pod.path("spec").path(list)) {
                    if (c.path("resources").path(field).path(name).isMissingNode()) containers.add(c.path("name").asText());
                }
            }
            if (!containers.isEmpty()) missing.add(resource + " for: " + String.join(",", containers));
        }
        if (missing.isEmpty()) return Optional.empty();
        return Optional.of("failed quota: " + quota.path("metadata").path("name").asText() + ": must specify " + String.join("; ", missing));
    }

    public static Map<String, BigDecimal> hard(JsonNode quota) {
        Map<String, BigDecimal> hard = new TreeMap<>();
        quota.path("spec").path("hard").fields().forEachRemaining(e -> {
            BigDecimal v = Quantities.parse(e.getValue());
            if (v != null) hard.put(e.getKey(), v);
        });
        return hard;
    }

    private static String list(List<String> keys, Map<String, BigDecimal> values) {
        List<String> out = new ArrayList<>();
        for (String k : keys) out.add(k + "=" + QuantityFormat.format(k, values.getOrDefault(k, BigDecimal.ZERO)));
        return String.join(",", out);
    }
}
