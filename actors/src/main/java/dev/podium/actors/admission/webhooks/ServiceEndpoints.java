package dev.podium.actors.admission.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.validation.Nodes;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A Service reference resolved to one ready endpoint, as kube-apiserver does with endpoint
 * routing (a Service's cluster IP is not routable from Podium's API members): the Service port
 * numbered {@code port} gives a port name, and a ready address of the Endpoints subset carrying
 * a port of that name is dialled on that port. Webhook calls and aggregated API servers both
 * reach Services this way; each words a failure its own way. Pure.
 */
public final class ServiceEndpoints {
    /** Why a Service cannot be reached. */
    public enum Problem { NO_SERVICE, UNSUPPORTED_TYPE, NO_SERVICE_PORT, NO_ENDPOINTS, NO_ADDRESSES }

    /** {@code hostPort} to dial, or the {@code problem} (with the port name found, when one was). */
    public record Resolution(String hostPort, Problem problem, String type, String portName) {
        public boolean found() {
            return hostPort != null;
        }
    }

    private ServiceEndpoints() {}

    public static Resolution find(ObjectNode service, ObjectNode endpoints, int port) {
        if (service == null) return new Resolution(null, Problem.NO_SERVICE, "", null);
        String type = Nodes.str(service.path("spec"), "type");
        if (!type.isEmpty() && !List.of("ClusterIP", "NodePort", "LoadBalancer").contains(type)) {
            return new Resolution(null, Problem.UNSUPPORTED_TYPE, type, null);
        }
        String portName = null;
        for (JsonNode p : service.path("spec").path("ports")) {
            if (p.path("port").asInt() == port) portName = p.path("name").asText("");
        }
        if (portName == null) return new Resolution(null, Problem.NO_SERVICE_PORT, type, null);
        if (endpoints == null) return new Resolution(null, Problem.NO_ENDPOINTS, type, portName);
        for (JsonNode subset : endpoints.path("subsets")) {
            List<String> ips = new ArrayList<>();
            for (JsonNode a : subset.path("addresses")) ips.add(a.path("ip").asText());
            if (ips.isEmpty()) continue;
            for (JsonNode p : subset.path("ports")) {
                if (p.path("name").asText("").equals(portName)) {
                    String ip = ips.get(ThreadLocalRandom.current().nextInt(ips.size()));
                    return new Resolution((ip.contains(":") ? "[" + ip + "]" : ip) + ":" + p.path("port").asInt(), null, type, portName);
                }
            }
        }
        return new Resolution(null, Problem.NO_ADDRESSES, type, portName);
    }

    /**
     * @return {@code host:port} to dial
     * @throws CallFailure carrying kube's resolver message alone (the caller adds the URL)
     */
    static String resolve(Target.ServiceRef ref, ObjectNode service, ObjectNode endpoints) {
        Resolution r = find(service, endpoints, ref.port());
        if (r.found()) return r.hostPort();
        throw new CallFailure(switch (r.problem()) {
            case NO_SERVICE -> "service \"" + ref.name() + "\" not found";
            case UNSUPPORTED_TYPE -> "unsupported service type \"" + r.type() + "\"";
            case NO_SERVICE_PORT -> "no service port " + ref.port() + " found for service \"" + ref.name() + "\"";
            case NO_ENDPOINTS -> "endpoints \"" + ref.name() + "\" not found";
            case NO_ADDRESSES -> "no endpoints available for service \"" + ref.name() + "\"";
        });
    }
}
