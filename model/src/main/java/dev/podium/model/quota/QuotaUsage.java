package dev.podium.model.quota;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.validation.Quantities;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one object counts against a ResourceQuota, as kube's quota evaluators count it:
 * {@code count/<resource>[.<group>]} for every kind, the legacy names (pods, services, secrets,
 * configmaps, persistentvolumeclaims, replicationcontrollers, resourcequotas,
 * services.nodeports, services.loadbalancers), a pod's compute requests and limits (not once it
 * has ended), and a claim's requested storage.
 */
public final class QuotaUsage {
    private QuotaUsage() {}

    public static Map<String, BigDecimal> of(ResourceKind kind, JsonNode object) {
        Map<String, BigDecimal> u = new TreeMap<>();
        if (kind.kind().equals("Pod") && kind.group().isEmpty() && terminal(object)) return u;
        u.put("count/" + kind.plural() + (kind.group().isEmpty() ? "" : "." + kind.group()), BigDecimal.ONE);
        if (!kind.group().isEmpty()) return u;
        switch (kind.kind()) {
            case "Pod" -> pod(object, u);
            case "Service" -> service(object, u);
            case "PersistentVolumeClaim" -> {
                u.put("persistentvolumeclaims", BigDecimal.ONE);
                BigDecimal storage = Quantities.parse(object.path("spec").path("resources").path("requests").path("storage"));
                if (storage != null) u.put("requests.storage", storage);
            }
            case "ConfigMap", "Secret", "ReplicationController", "ResourceQuota" -> u.put(kind.plural(), BigDecimal.ONE);
            default -> { }
        }
        return u;
    }

    static boolean terminal(JsonNode pod) {
        String phase = pod.path("status").path("phase").asText();
        return phase.equals("Succeeded") || phase.equals("Failed");
    }

    private static void pod(JsonNode pod, Map<String, BigDecimal> u) {
        u.put("pods", BigDecimal.ONE);
        for (String resource : new String[] {"cpu", "memory", "ephemeral-storage"}) {
            BigDecimal requests = PodResources.effective(pod, "requests", resource);
            BigDecimal limits = PodResources.effective(pod, "limits", resource);
            if (requests.signum() > 0) {
                u.put("requests." + resource, requests);
                if (!resource.equals("ephemeral-storage")) u.put(resource, requests);
            }
            if (limits.signum() > 0) u.put("limits." + resource, limits);
        }
    }

    private static void service(JsonNode svc, Map<String, BigDecimal> u) {
        u.put("services", BigDecimal.ONE);
        String type = svc.path("spec").path("type").asText("ClusterIP");
        if (type.equals("LoadBalancer")) u.put("services.loadbalancers", BigDecimal.ONE);
        if (type.equals("NodePort") || type.equals("LoadBalancer")) {
            u.put("services.nodeports", BigDecimal.valueOf(svc.path("spec").path("ports").size()));
        }
    }
}
