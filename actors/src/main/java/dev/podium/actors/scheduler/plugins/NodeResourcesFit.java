package dev.podium.actors.scheduler.plugins;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.scheduler.ClusterSnapshot;
import dev.podium.actors.scheduler.FilterPlugin;
import dev.podium.actors.scheduler.FilterResult;
import dev.podium.actors.scheduler.NodeInfo;
import dev.podium.actors.scheduler.PodRequests;
import dev.podium.actors.scheduler.Resources;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Does the node have room for the pod's requests and one more pod? (kube's fitsRequest) */
public final class NodeResourcesFit implements FilterPlugin {
    public static final String NAME = "NodeResourcesFit";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FilterResult filter(ObjectNode pod, NodeInfo node, ClusterSnapshot snapshot) {
        Resources req = snapshot.memo(PodRequests.REQUESTS, pod, (p, s) -> PodRequests.of(p));
        Resources alloc = node.allocatable();
        Resources used = node.requested();
        boolean podsFit = node.pods().size() + 1 <= alloc.pods();
        if (podsFit && (req.isEmpty() || fitsScalars(req, alloc, used) && (req.milliCpu() == 0 || req.milliCpu() <= alloc.milliCpu() - used.milliCpu())
                && (req.memory() == 0 || req.memory() <= alloc.memory() - used.memory())
                && (req.ephemeralStorage() == 0 || req.ephemeralStorage() <= alloc.ephemeralStorage() - used.ephemeralStorage()))) {
            return FilterResult.success();
        }
        List<String> reasons = new ArrayList<>();
        if (!podsFit) reasons.add("Too many pods");
        if (!req.isEmpty()) {
            if (req.milliCpu() > 0 && req.milliCpu() > alloc.milliCpu() - used.milliCpu()) reasons.add("Insufficient cpu");
            if (req.memory() > 0 && req.memory() > alloc.memory() - used.memory()) reasons.add("Insufficient memory");
            if (req.ephemeralStorage() > 0 && req.ephemeralStorage() > alloc.ephemeralStorage() - used.ephemeralStorage()) {
                reasons.add("Insufficient ephemeral-storage");
            }
            for (Map.Entry<String, Long> e : req.scalars().entrySet()) {
                if (e.getValue() == 0) continue;
                if (e.getValue() > alloc.scalar(e.getKey()) - used.scalar(e.getKey())) reasons.add("Insufficient " + e.getKey());
            }
        }
        return reasons.isEmpty() ? FilterResult.success() : FilterResult.unschedulable(reasons.toArray(String[]::new));
    }

    private static boolean fitsScalars(Resources req, Resources alloc, Resources used) {
        for (Map.Entry<String, Long> e : req.scalars().entrySet()) {
            if (e.getValue() != 0 && e.getValue() > alloc.scalar(e.getKey()) - used.scalar(e.getKey())) return false;
        }
        return true;
    }
}
