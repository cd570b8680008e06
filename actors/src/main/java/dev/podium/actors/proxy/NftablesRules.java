package dev.podium.actors.proxy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The nftables table a node proxy loads, in the shape of kube-proxy's nftables mode: verdict maps
 * from (address, protocol, port) and from node ports to one chain per Service port, which picks an
 * endpoint at random (or the one a client is pinned to by ClientIP affinity) and DNATs to it.
 * Traffic still addressed to the Service range after that (no such Service, no ready endpoint) is
 * rejected, so a client fails at once instead of waiting. The script replaces the whole table in
 * one transaction; established connections keep their translation in conntrack.
 */
public final class NftablesRules {
    private NftablesRules() {}

    public static String render(String table, String serviceCidr, List<ProxiedPort> ports) {
        List<String> serviceIps = new ArrayList<>();
        List<String> nodePorts = new ArrayList<>();
        List<String> rejectIps = new ArrayList<>();
        List<String> rejectNodePorts = new ArrayList<>();
        StringBuilder chains = new StringBuilder();
        for (ProxiedPort p : ports) {
            String proto = p.protocol().toLowerCase(Locale.ROOT);
            String cluster = "service-" + p.id();
            String external = p.externalBackends().equals(p.clusterBackends()) ? cluster : "external-" + p.id();
            if (!p.clusterBackends().isEmpty()) {
                for (String ip : p.clusterIPs()) serviceIps.add(ip + " . " + proto + " . " + p.port() + " : goto " + cluster);
                chains.append(pickChain(cluster, p, p.clusterBackends()));
            }
            boolean exposed = p.nodePort() > 0 || !p.externalIPs().isEmpty();
            if (exposed && p.externalBackends().isEmpty()) {
                for (String ip : p.externalIPs()) rejectIps.add(ip + " . " + proto + " . " + p.port());
                if (p.nodePort() > 0) rejectNodePorts.add(proto + " . " + p.nodePort());
            } else if (exposed) {
                for (String ip : p.externalIPs()) serviceIps.add(ip + " . " + proto + " . " + p.port() + " : goto " + external);
                if (p.nodePort() > 0) nodePorts.add(proto + " . " + p.nodePort() + " : goto " + external);
                if (!external.equals(cluster)) chains.append(pickChain(external, p, p.externalBackends()));
            }
            Set<ProxiedPort.Backend> all = new LinkedHashSet<>(p.clusterBackends());
            all.addAll(exposed ? p.externalBackends() : List.of());
            for (ProxiedPort.Backend b : all) chains.append(endpointChain(p, b));
        }
        StringBuilder s = new StringBuilder();
        s.append("table ip ").append(table).append('\n');
        s.append("delete table ip ").append(table).append('\n');
        s.append("table ip ").append(table).append(" {\n");
        map(s, "service-ips", "ipv4_addr . inet_proto . inet_service : verdict", serviceIps);
        map(s, "service-nodeports", "inet_proto . inet_service : verdict", nodePorts);
        map(s, "no-endpoint-services", "ipv4_addr . inet_proto . inet_service", rejectIps);
        map(s, "no-endpoint-nodeports", "inet_proto . inet_service", rejectNodePorts);
        s.append("  chain services {\n");
        s.append("    ip daddr . meta l4proto . th dport vmap @service-ips\n");
        s.append("    fib daddr type local meta l4proto . th dport vmap @service-nodeports\n");
        s.append("  }\n");
        hook(s, "nat-prerouting", "nat", "prerouting", -100, "jump services");
        hook(s, "nat-output", "nat", "output", -100, "jump services");
        s.append("  chain rejects {\n");
        s.append("    ip daddr . meta l4proto . th dport @no-endpoint-services goto reject-now\n");
        s.append("    fib daddr type local meta l4proto . th dport @no-endpoint-nodeports goto reject-now\n");
        s.append("    ip daddr ").append(serviceCidr).append(" goto reject-now\n");
        s.append("  }\n");
        s.append("  chain reject-now {\n");
        s.append("    meta l4proto tcp reject with tcp reset\n");
        s.append("    reject\n");
        s.append("  }\n");
        hook(s, "filter-input", "filter", "input", 0, "jump rejects");
        hook(s, "filter-forward", "filter", "forward", 0, "jump rejects");
        hook(s, "filter-output", "filter", "output", 0, "jump rejects");
        s.append(chains);
        s.append("}\n");
        return s.toString();
    }

    private static void map(StringBuilder s, String name, String type, List<String> elements) {
        s.append("  ").append(type.contains(": verdict") ? "map " : "set ").append(name).append(" {\n");
        s.append("    type ").append(type).append('\n');
        if (!elements.isEmpty()) s.append("    elements = { ").append(String.join(",\n      ", elements)).append(" }\n");
        s.append("  }\n");
    }

    private static void hook(StringBuilder s, String name, String type, String hook, int priority, String rule) {
        s.append("  chain ").append(name).append(" {\n");
        s.append("    type ").append(type).append(" hook ").append(hook).append(" priority ").append(priority).append("; policy accept;\n");
        s.append("    ").append(rule).append('\n');
        s.append("  }\n");
    }

    /** Picks an endpoint: the one the client is pinned to while its affinity lasts, else one at random. */
    private static String pickChain(String name, ProxiedPort p, List<ProxiedPort.Backend> backends) {
        StringBuilder c = new StringBuilder("  chain ").append(name).append(" {\n");
        if (p.affinitySeconds() > 0) {
            for (ProxiedPort.Backend b : backends) {
                c.append("    ip saddr @").append(affinitySet(p, b)).append(" goto ").append(endpointChain(p.id(), b)).append('\n');
            }
        }
        if (backends.size() == 1) {
            c.append("    goto ").append(endpointChain(p.id(), backends.get(0))).append('\n');
        } else {
            List<String> picks = new ArrayList<>();
            for (int i = 0; i < backends.size(); i++) picks.add(i + " : goto " + endpointChain(p.id(), backends.get(i)));
            c.append("    numgen random mod ").append(backends.size()).append(" vmap { ").append(String.join(", ", picks)).append(" }\n");
        }
        return c.append("  }\n").toString();
    }

    private static String endpointChain(ProxiedPort p, ProxiedPort.Backend b) {
        StringBuilder c = new StringBuilder();
        if (p.affinitySeconds() > 0) {
            c.append("  set ").append(affinitySet(p, b)).append(" {\n");
            c.append("    type ipv4_addr; flags dynamic,timeout; timeout ").append(p.affinitySeconds()).append("s;\n");
            c.append("  }\n");
        }
        c.append("  chain ").append(endpointChain(p.id(), b)).append(" {\n");
        if (p.affinitySeconds() > 0) c.append("    update @").append(affinitySet(p, b)).append(" { ip saddr }\n");
        c.append("    meta l4proto ").append(p.protocol().toLowerCase(Locale.ROOT)).append(" dnat to ").append(b).append('\n');
        return c.append("  }\n").toString();
    }

    private static String endpointChain(String id, ProxiedPort.Backend b) {
        return "endpoint-" + id + "/" + b.ip() + "/" + b.port();
    }

    private static String affinitySet(ProxiedPort p, ProxiedPort.Backend b) {
        return "affinity-" + p.id() + "/" + b.ip() + "/" + b.port();
    }
}
