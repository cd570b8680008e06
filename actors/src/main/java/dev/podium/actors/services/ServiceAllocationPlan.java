package dev.podium.actors.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.services.Allocation;
import dev.podium.actors.services.ServiceAllocations;
import dev.podium.actors.services.ServiceRef;
import dev.podium.model.api.Cause;
import dev.podium.model.kinds.rules.IpAddresses;
import dev.podium.model.kinds.rules.ServiceRules;
import dev.podium.model.validation.Causes;
import dev.podium.model.validation.Nodes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * What one Service write needs from the allocator (pure), from the Service before the write
 * ({@code null} for a create) and the Service as the write would store it: the cluster IPs and
 * node ports it asks for that it did not hold (claimed before the write, 422 when taken), the
 * fields left for the allocator to fill, and what it held before but holds no more (released
 * after the write).
 *
 * @param shared ports without a node port that take the one another port with the same port
 *               number has (kube does: 53/TCP and 53/UDP share one), by port index
 */
record ServiceAllocationPlan(ServiceRef service, Set<Allocation> before, List<Requested> requested, List<Unset> unset,
                             Map<Integer, Long> shared) {

    /** An allocation the write names itself, with the field that names it. */
    record Requested(Allocation allocation, String field, Object value) {
        Cause outOfRange() {
            if (allocation instanceof Allocation.ClusterIP ip) {
                return Cause.invalid(field, value, "the provided IP (" + ip.ip() + ") is not in the valid range. The range of valid IPs is "
                        + ServiceRanges.CLUSTER_IP_CIDR);
            }
            return Cause.invalid(field, value, "provided port is not in the valid range. The range of valid ports is "
                    + ServiceRanges.NODE_PORT_MIN + "-" + ServiceRanges.NODE_PORT_MAX);
        }

        Cause taken() {
            return Cause.invalid(field, value, allocation instanceof Allocation.ClusterIP ? "provided IP is already allocated" : "provided port is already allocated");
        }
    }

    /** A field the write leaves empty and the allocator fills with a free value. */
    sealed interface Unset {
        Allocation candidate(RandomGenerator random);

        void fill(ObjectNode spec, Allocation picked);

        /** Why the write fails when no free value is found. */
        Cause exhausted();

        record PrimaryClusterIP() implements Unset {
            @Override
            public Allocation candidate(RandomGenerator random) {
                return ServiceRanges.randomClusterIP(random);
            }

            @Override
            public void fill(ObjectNode spec, Allocation picked) {
                String ip = ((Allocation.ClusterIP) picked).ip();
                spec.put("clusterIP", ip);
                spec.putArray("clusterIPs").add(ip);
            }

            @Override
            public Cause exhausted() {
                return new Cause("InternalError", "spec.clusterIPs", "Internal error: failed to allocate a serviceIP: range is full");
            }
        }

        /** The node port of {@code ports} (indexes into spec.ports), which share one port number. */
        record NodePort(List<Integer> ports) implements Unset {
            @Override
            public Allocation candidate(RandomGenerator random) {
                return ServiceRanges.randomNodePort(random);
            }

            @Override
            public void fill(ObjectNode spec, Allocation picked) {
                List<ObjectNode> all = Nodes.objects(spec, "ports");
                for (int i : ports) all.get(i).put("nodePort", ((Allocation.NodePort) picked).port());
            }

            @Override
            public Cause exhausted() {
                return new Cause("InternalError", Causes.index("spec.ports", ports.get(0)) + ".nodePort",
                        "Internal error: failed to allocate a nodePort: range is full");
            }
        }

        record HealthCheckNodePort() implements Unset {
            @Override
            public Allocation candidate(RandomGenerator random) {
                return ServiceRanges.randomNodePort(random);
            }

            @Override
            public void fill(ObjectNode spec, Allocation picked) {
                spec.put("healthCheckNodePort", ((Allocation.NodePort) picked).port());
            }

            @Override
            public Cause exhausted() {
                return new Cause("InternalError", "spec.healthCheckNodePort", "Internal error: failed to allocate a nodePort: range is full");
            }
        }
    }

    static ServiceAllocationPlan of(ObjectNode before, ObjectNode after) {
        Set<Allocation> held = before == null ? Set.of() : ServiceAllocations.heldBy(before);
        JsonNode spec = after.path("spec");
        Map<Allocation, Requested> requested = new LinkedHashMap<>();
        String primary = Nodes.str(spec, "clusterIP");
        request(requested, held, primary, "spec.clusterIP");
        List<String> ips = Nodes.strings(spec, "clusterIPs");
        for (int i = 0; i < ips.size(); i++) if (!ips.get(i).equals(primary)) request(requested, held, ips.get(i), Causes.index("spec.clusterIPs", i));
        List<ObjectNode> ports = Nodes.objects(spec, "ports");
        for (int i = 0; i < ports.size(); i++) request(requested, held, Nodes.integer(ports.get(i), "nodePort"), Causes.index("spec.ports", i) + ".nodePort");
        request(requested, held, Nodes.integer(spec, "healthCheckNodePort"), "spec.healthCheckNodePort");

        List<Unset> unset = new ArrayList<>();
        if (ServiceRules.needsClusterIP(spec) && primary.isEmpty() && ips.isEmpty()) unset.add(new Unset.PrimaryClusterIP());
        Map<Integer, Long> shared = new HashMap<>();
        if (ServiceRules.needsNodePort(spec)) unset.addAll(unsetNodePorts(ports, shared));
        if (ServiceRules.needsHealthCheckNodePort(spec) && isUnset(Nodes.integer(spec, "healthCheckNodePort"))) unset.add(new Unset.HealthCheckNodePort());
        return new ServiceAllocationPlan(ServiceRef.of(after), held, List.copyOf(requested.values()), unset, shared);
    }

    List<Cause> outOfRange() {
        return requested.stream().filter(r -> !ServiceRanges.contains(r.allocation())).map(Requested::outOfRange).toList();
    }

    /** The Service to store: {@code after} with the picked values and the shared node ports filled in. */
    ObjectNode filled(ObjectNode after, Map<Unset, Allocation> picks) {
        ObjectNode out = after.deepCopy();
        ObjectNode spec = Nodes.child(out, "spec");
        List<ObjectNode> ports = Nodes.objects(spec, "ports");
        shared.forEach((i, nodePort) -> ports.get(i).put("nodePort", nodePort));
        picks.forEach((field, picked) -> field.fill(spec, picked));
        return out;
    }

    /** After the write stored {@code stored}: what the Service held before and holds no more, or everything when it is gone. */
    Set<Allocation> released(ObjectNode stored, boolean deleted) {
        Set<Allocation> now = ServiceAllocations.heldBy(stored);
        Set<Allocation> out = new LinkedHashSet<>(before);
        if (deleted) out.addAll(now);
        else out.removeAll(now);
        return out;
    }

    private static void request(Map<Allocation, Requested> requested, Set<Allocation> held, String ip, String field) {
        IpAddresses.canonical(ip).map(Allocation.ClusterIP::new)
                .filter(a -> !held.contains(a))
                .ifPresent(a -> requested.putIfAbsent(a, new Requested(a, field, ip)));
    }

    private static void request(Map<Allocation, Requested> requested, Set<Allocation> held, Long port, String field) {
        if (isUnset(port)) return;
        Allocation a = new Allocation.NodePort(port.intValue());
        if (!held.contains(a)) requested.putIfAbsent(a, new Requested(a, field, port));
    }

    // kube's rule: ports without a node port share the one given to a port with the same number, else they get one together
    private static List<Unset> unsetNodePorts(List<ObjectNode> ports, Map<Integer, Long> shared) {
        Map<Long, Long> byPort = new HashMap<>();
        for (ObjectNode p : ports) {
            Long nodePort = Nodes.integer(p, "nodePort");
            if (!isUnset(nodePort)) byPort.putIfAbsent(Nodes.integer(p, "port"), nodePort);
        }
        Map<Long, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < ports.size(); i++) {
            ObjectNode p = ports.get(i);
            if (!isUnset(Nodes.integer(p, "nodePort"))) continue;
            Long number = Nodes.integer(p, "port");
            if (byPort.containsKey(number)) shared.put(i, byPort.get(number));
            else groups.computeIfAbsent(number, n -> new ArrayList<>()).add(i);
        }
        return groups.values().stream().map(indexes -> (Unset) new Unset.NodePort(List.copyOf(indexes))).toList();
    }

    private static boolean isUnset(Long port) {
        return port == null || port == 0;
    }
}
