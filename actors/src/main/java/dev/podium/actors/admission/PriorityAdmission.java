package dev.podium.actors.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.ApiError;
import dev.podium.model.api.ApiException;
import dev.podium.persistence.watch.CachedObject;
import dev.podium.persistence.watch.WatchCache;

import java.util.Optional;

/**
 * The Priority admission plugin, for new pods: spec.priorityClassName resolves to spec.priority
 * (and preemptionPolicy) from its PriorityClass; without a name the global default class, if
 * any, applies. An unknown class is refused, as kube-apiserver does.
 */
final class PriorityAdmission implements AdmissionStep {
    private static final String PRIORITY_CLASS = "PriorityClass.scheduling.k8s.io";
    private final WatchCache cache;

    PriorityAdmission(WatchCache cache) {
        this.cache = cache;
    }

    @Override
    public void admit(AdmissionRequest request) {
        if (request.operation() != AdmissionRequest.Operation.CREATE || !request.kind().kind().equals("Pod") || !request.kind().group().isEmpty()) return;
        ObjectNode pod = request.object();
        ObjectNode spec = pod.with("spec");
        String className = spec.path("priorityClassName").asText("");
        Optional<JsonNode> pc;
        if (className.isEmpty()) {
            pc = cache.list(PRIORITY_CLASS, null, o -> o.path("globalDefault").asBoolean(false), 1, null).items().stream()
                    .map(CachedObject::object).map(o -> (JsonNode) o).findFirst();
        } else if (className.equals("system-node-critical") || className.equals("system-cluster-critical")) {
            pc = cache.get(PRIORITY_CLASS, className).map(CachedObject::object).map(o -> (JsonNode) o)
                    .or(() -> Optional.of(systemClass(className)));
        } else {
            pc = cache.get(PRIORITY_CLASS, className).map(CachedObject::object);
            if (pc.isEmpty()) {
                throw new ApiException(new ApiError(403, "Forbidden", "pods \"" + pod.path("metadata").path("name").asText()
                        + "\" is forbidden: no PriorityClass with name " + className + " was found", null));
            }
        }
        pc.ifPresent(c -> {
            long value = c.path("value").asLong(0);
            if (spec.has("priority") && spec.get("priority").asLong() != value) {
                throw new ApiException(new ApiError(403, "Forbidden", "pods \"" + pod.path("metadata").path("name").asText()
                        + "\" is forbidden: the integer value of priority (" + spec.get("priority").asLong()
                        + ") must not be provided in pod spec; priority admission controller computed " + value
                        + " from the given PriorityClass name", null));
            }
            if (!spec.has("priorityClassName")) spec.put("priorityClassName", c.path("metadata").path("name").asText());
            spec.put("priority", value);
            spec.put("preemptionPolicy", c.path("preemptionPolicy").asText("PreemptLowerPriority"));
        });
    }

    private static JsonNode systemClass(String name) {
        ObjectNode c = dev.podium.model.json.Json.object();
        c.putObject("metadata").put("name", name);
        c.put("value", name.equals("system-node-critical") ? 2_000_001_000L : 2_000_000_000L);
        return c;
    }
}
