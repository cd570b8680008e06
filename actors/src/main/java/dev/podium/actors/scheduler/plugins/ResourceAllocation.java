package dev.podium.actors.scheduler.plugins;

import dev.podium.actors.scheduler.NodeInfo;
import dev.podium.actors.scheduler.Resources;

import java.util.List;

/**
 * Per-resource (allocatable, requested-after-placing-the-pod) pairs, as kube's
 * resourceAllocationScorer computes them. {@code useRequested} picks the plain requests over the
 * non-zero ones for cpu and memory; a resource the node has none of is skipped (allocatable 0).
 */
record ResourceAllocation(long[] allocatable, long[] requested) {

    static ResourceAllocation of(List<String> resources, Resources podRequest, NodeInfo node, boolean useRequested) {
        Resources onNode = useRequested ? node.requested() : node.nonZeroRequested();
        long[] alloc = new long[resources.size()];
        long[] req = new long[resources.size()];
        for (int i = 0; i < resources.size(); i++) {
            String r = resources.get(i);
            long a = node.allocatable().get(r);
            if (a == 0) continue;
            long used = r.equals(Resources.CPU) || r.equals(Resources.MEMORY) ? onNode.get(r) : node.requested().get(r);
            alloc[i] = a;
            req[i] = used + podRequest.get(r);
        }
        return new ResourceAllocation(alloc, req);
    }

}
