package dev.podium.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.ApiError;
import dev.podium.model.api.ApiException;
import dev.podium.model.api.Cause;
import dev.podium.persistence.watch.CachedObject;
import dev.podium.persistence.watch.WatchCache;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Gives new Services a cluster IP from 10.96.0.0/12 and NodePort/LoadBalancer ports a node
 * port from 30000-32767, avoiding what the watch cache shows in use and what this node handed
 * out moments ago. Unique per API node; across API nodes a collision is possible but, with
 * random picks over a million addresses, unlikely (a cluster-wide allocator is future work).
 */
final class ServiceAllocator {
    private static final int BASE = (10 << 24) | (96 << 16);
    private static final int SIZE = 1 << 20;
    private final WatchCache cache;
    private final SecureRandom random = new SecureRandom();
    private final Set<String> recentIps = new HashSet<>();
    private final Set<Integer> recentPorts = new HashSet<>();

    ServiceAllocator(WatchCache cache) {
        this.cache = cache;
    }

    synchronized void allocate(ObjectNode service) {
        ObjectNode spec = service.with("spec");
        String type = spec.path("type").asText("ClusterIP");
        if (type.equals("ExternalName")) return;
        List<CachedObject> services = cache.list("Service", null, o -> true, 0, null).items();
        Set<String> usedIps = new HashSet<>(recentIps);
        Set<Integer> usedPorts = new HashSet<>(recentPorts);
        for (CachedObject s : services) {
            usedIps.add(s.object().at("/spec/clusterIP").asText());
            for (JsonNode p : s.object().at("/spec/ports")) if (p.has("nodePort")) usedPorts.add(p.get("nodePort").asInt());
        }
        String requested = spec.path("clusterIP").asText("");
        if (requested.isEmpty()) {
            String ip;
            do {
                ip = format(BASE + 2 + random.nextInt(SIZE - 3));
            } while (usedIps.contains(ip));
            spec.put("clusterIP", ip);
            recentIps.add(ip);
        } else if (!requested.equals("None") && usedIps.contains(requested)) {
            throw invalid(service, "spec.clusterIP", requested, "provided IP is already allocated");
        }
        if (!spec.has("clusterIPs")) spec.putArray("clusterIPs").add(spec.get("clusterIP").asText());
        if (type.equals("NodePort") || type.equals("LoadBalancer")) {
            int i = 0;
            for (JsonNode p : spec.path("ports")) {
                if (p instanceof ObjectNode port) {
                    if (port.has("nodePort") && port.get("nodePort").asInt() != 0) {
                        int wanted = port.get("nodePort").asInt();
                        if (usedPorts.contains(wanted)) {
                            throw invalid(service, "spec.ports[" + i + "].nodePort", wanted, "provided port is already allocated");
                        }
                    } else {
                        int np;
                        do {
                            np = 30000 + random.nextInt(2768);
                        } while (usedPorts.contains(np));
                        port.put("nodePort", np);
                        usedPorts.add(np);
                        recentPorts.add(np);
                    }
                }
                i++;
            }
        }
        if (recentIps.size() > 10_000) recentIps.clear();
        if (recentPorts.size() > 1_000) recentPorts.clear();
    }

    private static ApiException invalid(ObjectNode service, String field, Object value, String why) {
        return new ApiException(ApiError.invalid("", "Service", service.at("/metadata/name").asText(), List.of(Cause.invalid(field, value, why))));
    }

    private static String format(int ip) {
        return ((ip >>> 24) & 255) + "." + ((ip >>> 16) & 255) + "." + ((ip >>> 8) & 255) + "." + (ip & 255);
    }
}
