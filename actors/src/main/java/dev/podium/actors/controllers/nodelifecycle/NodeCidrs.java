package dev.podium.actors.controllers.nodelifecycle;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * kube-controller-manager's node IPAM (range allocator), pure: the cluster's pod range cut into one
 * {@code /maskSize} per node, the lowest one no node holds.
 */
public final class NodeCidrs {
    private NodeCidrs() {}

    /** Whether the node's runtime gives pods addresses from a pod range (containerd's CNI network does; host processes and simulated pods do not). */
    public static boolean wantsCidr(JsonNode node) {
        return "containerd".equals(node.path("metadata").path("labels").path("podium.dev/runtime").asText())
                && node.path("spec").path("podCIDR").asText("").isEmpty();
    }

    /** The lowest {@code /maskSize} of {@code clusterCidr} (an IPv4 range) not in {@code used}; empty when all are taken. */
    public static Optional<String> next(String clusterCidr, int maskSize, Collection<String> used) {
        int slash = clusterCidr.indexOf('/');
        long base = ipv4(clusterCidr.substring(0, slash));
        int clusterMask = Integer.parseInt(clusterCidr.substring(slash + 1));
        if (maskSize < clusterMask || maskSize > 30) throw new IllegalArgumentException("node mask /" + maskSize + " does not fit in " + clusterCidr);
        Set<String> taken = new HashSet<>(used);
        long count = 1L << (maskSize - clusterMask);
        long step = 1L << (32 - maskSize);
        for (long i = 0; i < count; i++) {
            String cidr = dotted(base + i * step) + "/" + maskSize;
            if (!taken.contains(cidr)) return Optional.of(cidr);
        }
        return Optional.empty();
    }

    private static long ipv4(String dotted) {
        long v = 0;
        for (String part : dotted.split("\\.")) v = (v << 8) | Integer.parseInt(part);
        return v;
    }

    private static String dotted(long v) {
        return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
    }
}
