package dev.podium.actors.services;

import dev.podium.actors.services.Allocation;

import java.util.random.RandomGenerator;

/** The ranges Services draw from: cluster IPs in 10.96.0.0/12, node ports in 30000-32767. */
public final class ServiceRanges {
    public static final String CLUSTER_IP_CIDR = "10.96.0.0/12";
    static final int NODE_PORT_MIN = 30000;
    static final int NODE_PORT_MAX = 32767;
    private static final int BASE = (10 << 24) | (96 << 16);
    private static final int SIZE = 1 << 20;
    // random picks leave the first 256 addresses to Services that name theirs (kube's static band of a /12):
    // .1 is the kubernetes Service, .10 the cluster DNS; network and broadcast are never handed out
    private static final int FIRST_PICKED = 256;

    private ServiceRanges() {}

    static boolean contains(Allocation allocation) {
        if (allocation instanceof Allocation.NodePort p) return p.port() >= NODE_PORT_MIN && p.port() <= NODE_PORT_MAX;
        long offset = ipv4(((Allocation.ClusterIP) allocation).ip()) - BASE;
        return offset > 0 && offset < SIZE - 1;
    }

    static Allocation.ClusterIP randomClusterIP(RandomGenerator random) {
        return new Allocation.ClusterIP(format(BASE + FIRST_PICKED + random.nextInt(SIZE - FIRST_PICKED - 1)));
    }

    static Allocation.NodePort randomNodePort(RandomGenerator random) {
        return new Allocation.NodePort(NODE_PORT_MIN + random.nextInt(NODE_PORT_MAX - NODE_PORT_MIN + 1));
    }

    // the canonical IPv4 form, as dotted decimal; -1 for anything else (IPv6 is outside every range)
    private static long ipv4(String ip) {
        String[] parts = ip.split("\\.");
        if (parts.length != 4 || ip.contains(":")) return -1;
        long value = 0;
        for (String part : parts) value = (value << 8) | Integer.parseInt(part);
        return value;
    }

    private static String format(int ip) {
        return ((ip >>> 24) & 255) + "." + ((ip >>> 16) & 255) + "." + ((ip >>> 8) & 255) + "." + (ip & 255);
    }
}
