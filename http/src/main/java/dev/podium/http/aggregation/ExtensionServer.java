package dev.podium.http.aggregation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.actors.admission.webhooks.ServiceEndpoints;
import dev.podium.persistence.watch.CachedObject;
import dev.podium.persistence.watch.WatchCache;

import java.net.URI;

/**
 * Where an APIService's extension server answers: the Service it names, resolved to a ready
 * address of its Endpoints ({@link ServiceEndpoints}, as webhook calls do). Or why it cannot be
 * reached, in the words of kube's availability controller.
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
        String key = namespace + "/" + name;
        ServiceEndpoints.Resolution r = ServiceEndpoints.find(cache.get("Service", key).map(CachedObject::object).orElse(null),
                cache.get("Endpoints", key).map(CachedObject::object).orElse(null), port);
        if (r.found()) return new ExtensionServer(URI.create("https://" + r.hostPort()), null, null);
        String service = "service/" + name + " in \"" + namespace + "\"";
        return switch (r.problem()) {
            case NO_SERVICE -> failed("ServiceNotFound", service + " is not present");
            case UNSUPPORTED_TYPE -> failed("ServiceNotFound", service + " has an unsupported type \"" + r.type() + "\"");
            case NO_SERVICE_PORT -> failed("ServicePortError", service + " is not listening on port " + port);
            case NO_ENDPOINTS -> failed("EndpointsNotFound", "cannot find endpoints for " + service);
            case NO_ADDRESSES -> failed("MissingEndpoints", "endpoints for " + service + " have no addresses with port name \"" + r.portName() + "\"");
        };
    }

    private static ExtensionServer failed(String reason, String message) {
        return new ExtensionServer(null, reason, message);
    }
}
