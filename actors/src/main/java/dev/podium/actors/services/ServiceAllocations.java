package dev.podium.actors.services;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.model.kinds.rules.IpAddresses;
import dev.podium.model.validation.Nodes;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The cluster IPs and node ports a stored Service holds, read from its spec (its only record of them). */
public final class ServiceAllocations {
    private ServiceAllocations() {}

    public static Set<Allocation> heldBy(JsonNode service) {
        JsonNode spec = service.path("spec");
        Set<Allocation> held = new LinkedHashSet<>();
        List<String> ips = new ArrayList<>();
        ips.add(Nodes.str(spec, "clusterIP"));
        ips.addAll(Nodes.strings(spec, "clusterIPs"));
        for (String ip : ips) IpAddresses.canonical(ip).ifPresent(c -> held.add(new Allocation.ClusterIP(c)));
        for (JsonNode port : Nodes.objects(spec, "ports")) addNodePort(held, Nodes.integer(port, "nodePort"));
        addNodePort(held, Nodes.integer(spec, "healthCheckNodePort"));
        return held;
    }

    private static void addNodePort(Set<Allocation> held, Long port) {
        if (port != null && port > 0 && port <= 65535) held.add(new Allocation.NodePort(port.intValue()));
    }
}
