package dev.podium.actors.dns;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * One address a Service sends to, as DNS sees it: the IP, the hostname it is published under
 * ("" when none), whether it is ready, and the ports it serves on.
 */
public record DnsEndpoint(String ip, String hostname, boolean ready, List<Port> ports) {
    /** A port as EndpointSlices and Endpoints carry it; {@code name} is "" for an unnamed port. */
    public record Port(String name, String protocol, int port) {}

    /** The endpoints of a Service's EndpointSlices; FQDN slices have no addresses to answer with. */
    public static List<DnsEndpoint> fromSlices(List<? extends JsonNode> slices) {
        List<DnsEndpoint> out = new ArrayList<>();
        for (JsonNode slice : slices) {
            String type = slice.path("addressType").asText();
            if (!type.equals("IPv4") && !type.equals("IPv6")) continue;
            List<Port> ports = ports(slice.path("ports"));
            for (JsonNode e : slice.path("endpoints")) {
                // an endpoint whose readiness is unknown counts as ready (the EndpointSlice API says so)
                boolean ready = e.path("conditions").path("ready").asBoolean(true);
                String hostname = e.path("hostname").asText("");
                for (JsonNode address : e.path("addresses")) out.add(new DnsEndpoint(address.asText(), hostname, ready, ports));
            }
        }
        return out;
    }

    /** The endpoints of a v1 Endpoints object: its subsets' addresses (ready) and notReadyAddresses. */
    public static List<DnsEndpoint> fromEndpoints(JsonNode endpoints) {
        List<DnsEndpoint> out = new ArrayList<>();
        for (JsonNode subset : endpoints.path("subsets")) {
            List<Port> ports = ports(subset.path("ports"));
            for (JsonNode a : subset.path("addresses")) out.add(new DnsEndpoint(a.path("ip").asText(), a.path("hostname").asText(""), true, ports));
            for (JsonNode a : subset.path("notReadyAddresses")) out.add(new DnsEndpoint(a.path("ip").asText(), a.path("hostname").asText(""), false, ports));
        }
        return out;
    }

    private static List<Port> ports(JsonNode ports) {
        List<Port> out = new ArrayList<>();
        for (JsonNode p : ports) out.add(new Port(p.path("name").asText(""), p.path("protocol").asText("TCP"), p.path("port").asInt()));
        return List.copyOf(out);
    }
}
