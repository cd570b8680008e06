package dev.podium.http.aggregation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.persistence.watch.CachedObject;
import dev.podium.persistence.watch.WatchCache;

import java.net.URI;
import java.util.Optional;

/**
 * Where an APIService's extension server answers: the Service it names, resolved to a ready
 * address of its Endpoints at the endpoint port that Service port leads to (Podium has no node
 * proxy, so the cluster IP would not answer). Or why it cannot be reached, in kube's words.
 */
public record ExtensionServer(URI base, String failureReason, String failureMessage) {
    static final String API_SERVICE = "APIService.apiregistration.k8s.io";

    public boolean reachable() {
        return base != null;
    }

    public static ExtensionServer resolve(WatchCache cache, JsonNode apiService) {
        JsonNode ref = apiService.path("spec").path("service");
        String namespace = ref.path("namespace").asText();
        String name = ref.path("name").asText();
        int port = ref.path("port").asInt(443);
        Optional<CachedObject> service = cache.get("Service", namespace + "/" + name);
        if (service.isEmpty()) return failed("ServiceNotFound", "service/" + name + " in \"" + namespace + "\" is not present");
        String portName = null;
        for (JsonNode p : service.get().object().path("spec").path("ports")) {
            if (p.path("port").asInt() == port) portName = p.path("name").asText("");
        }
        if (portName == null) return failed("ServicePortError", "service/" + name + " in \"" + namespace + "\" is not listening on port " + port);
        Optional<CachedObject> endpoints = cache.get("Endpoints", namespace + "/" + name);
        for (JsonNode subset : endpoints.map(CachedObject::object).map(o -> o.path("subsets")).orElse(((ObjectNode) apiService).missingNode())) {
            for (JsonNode p : subset.path("ports")) {
                if (!p.path("name").asText("").equals(portName) || subset.path("addresses").isEmpty()) continue;
                String ip = subset.path("addresses").get(0).path("ip").asText();
                return new ExtensionServer(URI.create("https://" + (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + p.path("port").asInt()), null, null);
            }
        }
        return failed("MissingEndpoints", "endpoints for service/" + name + " in \"" + namespace + "\" have no addresses with port name \"" + portName + "\"");
    }

    private static ExtensionServer failed(String reason, String message) {
        return new ExtensionServer(null, reason, message);
    }
}
