package dev.podium.actors.dns;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The cluster state DNS answers are made from: Services and where they send traffic. */
public interface DnsView {
    Optional<ObjectNode> service(String namespace, String name);

    /** Whether the namespace has any Service (its {@code ns.svc.<domain>} name then exists). */
    boolean hasServices(String namespace);

    /** The Service's EndpointSlices (those labelled {@code kubernetes.io/service-name} with its name). */
    List<ObjectNode> endpointSlices(String namespace, String service);

    /** The Service's v1 Endpoints object, if any. */
    Optional<ObjectNode> endpoints(String namespace, String service);

    /** The Services any of whose cluster IPs is {@code ip}. */
    List<ObjectNode> servicesByClusterIp(InetAddress ip);

    /** Every headless Service of the cluster (reverse lookups scan them). */
    List<ObjectNode> headlessServices();

    /**
     * Where the Service sends traffic: its EndpointSlices, or its v1 Endpoints when it has no
     * slices (a selector-less Service whose Endpoints someone wrote by hand).
     */
    default List<DnsEndpoint> serviceEndpoints(String namespace, String service) {
        List<ObjectNode> slices = endpointSlices(namespace, service);
        if (!slices.isEmpty()) return DnsEndpoint.fromSlices(slices);
        return endpoints(namespace, service).map(DnsEndpoint::fromEndpoints).orElse(List.of());
    }

    /** The endpoints with address {@code ip} that headless Services publish (ready, or any with publishNotReadyAddresses), for PTR answers. */
    default List<ServiceEndpoint> headlessEndpointsByIp(InetAddress ip) {
        List<ServiceEndpoint> out = new ArrayList<>();
        for (ObjectNode svc : headlessServices()) {
            String namespace = svc.path("metadata").path("namespace").asText();
            String name = svc.path("metadata").path("name").asText();
            boolean all = ServiceSpec.publishNotReady(svc);
            for (DnsEndpoint e : serviceEndpoints(namespace, name)) {
                if ((all || e.ready()) && DnsNames.literal(e.ip()).filter(ip::equals).isPresent()) out.add(new ServiceEndpoint(namespace, name, e));
            }
        }
        return out;
    }
}
