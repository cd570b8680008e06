package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.validation.Nodes;
import dev.podium.model.validation.Quantities;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** kube's ComputePodQOS over containers and init containers (cpu and memory only). */
public final class PodQos {
    public static final String BEST_EFFORT = "BestEffort";
    public static final String BURSTABLE = "Burstable";
    public static final String GUARANTEED = "Guaranteed";

    private PodQos() {}

    /** The QoS class of a pod whose defaults (requests from limits) have been applied. */
    public static String compute(JsonNode pod) {
        JsonNode spec = pod.get("spec");
        List<ObjectNode> containers = new ArrayList<>(Nodes.objects(spec, "containers"));
        containers.addAll(Nodes.objects(spec, "initContainers"));
        Map<String, BigDecimal> requests = new HashMap<>();
        Map<String, BigDecimal> limits = new HashMap<>();
        boolean guaranteed = true;
        for (ObjectNode c : containers) {
            JsonNode resources = c.get("resources");
            sumPositive(Nodes.obj(resources, "requests"), requests);
            Map<String, BigDecimal> containerLimits = new HashMap<>();
            sumPositive(Nodes.obj(resources, "limits"), containerLimits);
            containerLimits.forEach((k, v) -> limits.merge(k, v, BigDecimal::add));
            if (!containerLimits.containsKey("cpu") || !containerLimits.containsKey("memory")) guaranteed = false;
        }
        if (requests.isEmpty() && limits.isEmpty()) return BEST_EFFORT;
        if (guaranteed) {
            for (Map.Entry<String, BigDecimal> e : requests.entrySet()) {
                BigDecimal limit = limits.get(e.getKey());
                if (limit == null || limit.compareTo(e.getValue()) != 0) {
                    guaranteed = false;
                    break;
                }
            }
        }
        return guaranteed && requests.size() == limits.size() ? GUARANTEED : BURSTABLE;
    }

    private static void sumPositive(ObjectNode list, Map<String, BigDecimal> into) {
        if (list == null) return;
        for (Iterator<Map.Entry<String, JsonNode>> it = list.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("cpu") && !e.getKey().equals("memory")) continue;
            BigDecimal q = Quantities.parse(e.getValue());
            if (q != null && q.signum() > 0) into.merge(e.getKey(), q, BigDecimal::add);
        }
    }
}
