package dev.podium.actors.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.model.validation.Nodes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What a node proxy programs, as a pure function of the Services and their endpoints (kube-proxy's
 * service and endpoints change trackers plus its endpoint categorization). EndpointSlices are the
 * source where a Service has any; a Service without slices (its Endpoints written by hand or by
 * the API members, like {@code kubernetes} and {@code kube-dns}) uses its v1 Endpoints.
 */
public final class ProxyTable {
    private ProxyTable() {}

    /** A Service with the endpoints known for it. */
    public record ServiceState(JsonNode service, List<? extends JsonNode> slices, JsonNode endpoints) {}

    /** One endpoint address with its ports by name and its conditions. */
    private record Candidate(String ip, String nodeName, boolean ready, boolean serving, boolean terminating, Map<String, Integer> ports) {}

    public static List<ProxiedPort> ports(Collection<ServiceState> services, String nodeName) {
        List<ProxiedPort> out = new ArrayList<>();
        for (ServiceState s : services) out.addAll(ports(s, nodeName));
        out.sort(java.util.Comparator.comparing(ProxiedPort::id));
        return out;
    }

    static List<ProxiedPort> ports(ServiceState state, String nodeName) {
        JsonNode service = state.service();
        JsonNode spec = service.path("spec");
        String type = spec.path("type").asText("ClusterIP");
        if (type.equals("ExternalName")) return List.of();
        List<String> clusterIPs = Nodes.strings(spec, "clusterIPs").stream().filter(ip -> !ip.equals("None")).toList();
        if (clusterIPs.isEmpty() && !spec.path("clusterIP").asText("None").equals("None")) clusterIPs = List.of(spec.path("clusterIP").asText());
        if (clusterIPs.isEmpty()) return List.of(); // headless: DNS answers with the endpoints themselves
        List<String> external = new ArrayList<>(Nodes.strings(spec, "externalIPs"));
        if (type.equals("LoadBalancer")) {
            for (JsonNode ingress : service.path("status").path("loadBalancer").path("ingress")) {
                if (ingress.hasNonNull("ip") && !external.contains(ingress.path("ip").asText())) external.add(ingress.path("ip").asText());
            }
        }
        int affinity = spec.path("sessionAffinity").asText("None").equals("ClientIP")
                ? spec.path("sessionAffinityConfig").path("clientIP").path("timeoutSeconds").asInt(10800) : 0;
        boolean internalLocal = spec.path("internalTrafficPolicy").asText("Cluster").equals("Local");
        boolean externalLocal = spec.path("externalTrafficPolicy").asText("Cluster").equals("Local");
        List<Candidate> candidates = state.slices().isEmpty() ? fromEndpoints(state.endpoints()) : fromSlices(state.slices());
        String key = service.path("metadata").path("namespace").asText() + "/" + service.path("metadata").path("name").asText();
        List<ProxiedPort> out = new ArrayList<>();
        for (JsonNode port : spec.path("ports")) {
            String name = port.path("name").asText("");
            String protocol = port.path("protocol").asText("TCP");
            List<Candidate> withPort = candidates.stream().filter(c -> c.ports().containsKey(name + "/" + protocol)).toList();
            List<ProxiedPort.Backend> cluster = backends(withPort, name + "/" + protocol, internalLocal ? c -> nodeName.equals(c.nodeName()) : c -> true);
            List<ProxiedPort.Backend> ext = backends(withPort, name + "/" + protocol, externalLocal ? c -> nodeName.equals(c.nodeName()) : c -> true);
            int nodePort = type.equals("NodePort") || type.equals("LoadBalancer") ? port.path("nodePort").asInt(0) : 0;
            out.add(new ProxiedPort(key, name, protocol, port.path("port").asInt(), clusterIPs, nodePort, List.copyOf(external), affinity, cluster, ext));
        }
        return out;
    }

    /**
     * Where a port of the Service may send, whatever its type (an Ingress sends straight to the
     * endpoints, headless Services included): ready endpoints first, as for a cluster IP.
     */
    public static List<ProxiedPort.Backend> endpoints(ServiceState state, JsonNode servicePort) {
        List<Candidate> candidates = state.slices().isEmpty() ? fromEndpoints(state.endpoints()) : fromSlices(state.slices());
        String port = servicePort.path("name").asText("") + "/" + servicePort.path("protocol").asText("TCP");
        return backends(candidates.stream().filter(c -> c.ports().containsKey(port)).toList(), port, c -> true);
    }

    /** Ready endpoints; when none is ready, the serving ones that are terminating (kube's fallback, so a rollout's last pods still answer). */
    private static List<ProxiedPort.Backend> backends(List<Candidate> candidates, String port, Predicate<Candidate> allowed) {
        List<Candidate> usable = candidates.stream().filter(allowed).toList();
        List<Candidate> ready = usable.stream().filter(Candidate::ready).toList();
        List<Candidate> chosen = !ready.isEmpty() ? ready : usable.stream().filter(c -> c.serving() && c.terminating()).toList();
        return chosen.stream().map(c -> new ProxiedPort.Backend(c.ip(), c.ports().get(port))).distinct().toList();
    }

    private static List<Candidate> fromSlices(List<? extends JsonNode> slices) {
        List<Candidate> out = new ArrayList<>();
        for (JsonNode slice : slices) {
            if (!slice.path("addressType").asText().equals("IPv4")) continue;
            Map<String, Integer> ports = new java.util.HashMap<>();
            for (JsonNode p : slice.path("ports")) {
                if (p.hasNonNull("port")) ports.put(p.path("name").asText("") + "/" + p.path("protocol").asText("TCP"), p.path("port").asInt());
            }
            for (JsonNode e : slice.path("endpoints")) {
                JsonNode conditions = e.path("conditions");
                boolean ready = conditions.path("ready").asBoolean(true);
                boolean serving = conditions.path("serving").asBoolean(ready);
                boolean terminating = conditions.path("terminating").asBoolean(false);
                String node = e.path("nodeName").asText("");
                for (String ip : Nodes.strings(e, "addresses")) out.add(new Candidate(ip, node, ready, serving, terminating, ports));
            }
        }
        return out;
    }

    private static List<Candidate> fromEndpoints(JsonNode endpoints) {
        List<Candidate> out = new ArrayList<>();
        if (endpoints == null) return out;
        for (JsonNode subset : endpoints.path("subsets")) {
            Map<String, Integer> ports = new java.util.HashMap<>();
            for (JsonNode p : subset.path("ports")) ports.put(p.path("name").asText("") + "/" + p.path("protocol").asText("TCP"), p.path("port").asInt());
            for (JsonNode a : subset.path("addresses")) {
                out.add(new Candidate(a.path("ip").asText(), a.path("nodeName").asText(""), true, true, false, ports));
            }
        }
        return out;
    }
}
