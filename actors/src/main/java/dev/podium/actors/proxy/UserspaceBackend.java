package dev.podium.actors.proxy;

import org.apache.pekko.actor.typed.ActorSystem;

import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The original kube-proxy mode, in the JVM: a listener per Service address and port that relays
 * each connection (or UDP session) to an endpoint. Node ports listen on every address. As root
 * the cluster IPs are made local addresses of the Service range device and listened on too; a
 * cluster IP whose Service has no endpoint then has no listener and refuses connections at once.
 * Without root only node ports and external addresses answer.
 */
final class UserspaceBackend implements ProxyBackend {
    private record Address(String protocol, String ip, int port) {}

    private record Bound(UserspaceListener listener, Balancer balancer) {}

    private final ActorSystem<?> system;
    private final Clock clock;
    private final boolean clusterIPs;
    private final Map<Address, Bound> listeners = new HashMap<>();
    private final Set<String> localClusterIPs = new HashSet<>();

    UserspaceBackend(ActorSystem<?> system, Clock clock, String serviceCidr) {
        this.system = system;
        this.clock = clock;
        this.clusterIPs = HostCommands.isRoot() && HostCommands.has("ip") && ServiceRange.ensure(serviceCidr);
    }

    /** Whether cluster IPs answer (root), or only node ports and external addresses. */
    boolean servesClusterIPs() {
        return clusterIPs;
    }

    @Override
    public synchronized void program(List<ProxiedPort> ports) {
        Map<Address, ProxiedPort> cluster = new HashMap<>();
        Map<Address, ProxiedPort> external = new HashMap<>();
        Set<String> wantedIPs = new HashSet<>();
        for (ProxiedPort p : ports) {
            if (clusterIPs) {
                wantedIPs.addAll(p.clusterIPs());
                if (!p.clusterBackends().isEmpty()) p.clusterIPs().forEach(ip -> cluster.put(new Address(p.protocol(), ip, p.port()), p));
            }
            if (p.externalBackends().isEmpty()) continue;
            p.externalIPs().forEach(ip -> external.put(new Address(p.protocol(), ip, p.port()), p));
            if (p.nodePort() > 0) external.put(new Address(p.protocol(), "0.0.0.0", p.nodePort()), p);
        }
        for (String ip : wantedIPs) if (localClusterIPs.add(ip)) ServiceRange.addAddress(ip);
        Map<Address, Map.Entry<List<ProxiedPort.Backend>, Integer>> wanted = new HashMap<>();
        cluster.forEach((a, p) -> wanted.put(a, Map.entry(p.clusterBackends(), p.affinitySeconds())));
        external.forEach((a, p) -> wanted.put(a, Map.entry(p.externalBackends(), p.affinitySeconds())));
        listeners.entrySet().removeIf(e -> {
            if (wanted.containsKey(e.getKey())) return false;
            e.getValue().listener().close();
            return true;
        });
        wanted.forEach((address, backends) -> {
            Bound bound = listeners.get(address);
            if (bound != null) {
                bound.balancer().update(backends.getKey(), backends.getValue());
                return;
            }
            Balancer balancer = new Balancer(clock, backends.getKey(), backends.getValue());
            UserspaceListener l = address.protocol().equals("UDP") ? new UdpListener(address.ip(), address.port(), balancer)
                    : new TcpListener(system, address.ip(), address.port(), balancer);
            listeners.put(address, new Bound(l, balancer));
        });
        localClusterIPs.removeIf(ip -> {
            if (wantedIPs.contains(ip)) return false;
            ServiceRange.removeAddress(ip);
            return true;
        });
    }

    @Override
    public String mode() {
        return "userspace";
    }

    @Override
    public synchronized void close() {
        listeners.values().forEach(b -> b.listener().close());
        listeners.clear();
        localClusterIPs.forEach(ServiceRange::removeAddress);
        localClusterIPs.clear();
    }
}
