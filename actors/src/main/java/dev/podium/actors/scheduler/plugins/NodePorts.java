package dev.podium.actors.scheduler.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.scheduler.ClusterSnapshot;
import dev.podium.actors.scheduler.CycleKey;
import dev.podium.actors.scheduler.FilterPlugin;
import dev.podium.actors.scheduler.FilterResult;
import dev.podium.actors.scheduler.NodeInfo;
import dev.podium.actors.scheduler.Pods;
import dev.podium.model.validation.Nodes;

import java.util.ArrayList;
import java.util.List;

/** Host ports the pod asks for must be free on the node. */
public final class NodePorts implements FilterPlugin {
    public static final String NAME = "NodePorts";
    public static final String REASON = "node(s) didn't have free ports for the requested pod ports";
    private static final CycleKey<List<HostPort>> HOST_PORTS = new CycleKey<>(NAME);

    record HostPort(String ip, String protocol, long port) {
        /** 0.0.0.0 (or empty) conflicts with every address. */
        boolean conflicts(HostPort o) {
            if (port != o.port || !protocol.equals(o.protocol)) return false;
            return ip.equals(o.ip) || ip.equals("0.0.0.0") || o.ip.equals("0.0.0.0");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean skipsFilter(ObjectNode pod, ClusterSnapshot snapshot) {
        return snapshot.memo(HOST_PORTS, pod, (p, s) -> hostPorts(p)).isEmpty();
    }

    @Override
    public FilterResult filter(ObjectNode pod, NodeInfo node, ClusterSnapshot snapshot) {
        List<HostPort> wanted = snapshot.memo(HOST_PORTS, pod, (p, s) -> hostPorts(p));
        if (wanted.isEmpty()) return FilterResult.success();
        for (ObjectNode existing : node.pods()) {
            for (HostPort used : hostPorts(existing)) {
                for (HostPort w : wanted) if (w.conflicts(used)) return FilterResult.unschedulable(REASON);
            }
        }
        return FilterResult.success();
    }

    static List<HostPort> hostPorts(JsonNode pod) {
        List<HostPort> out = new ArrayList<>();
        JsonNode spec = Pods.spec(pod);
        List<ObjectNode> containers = new ArrayList<>(Nodes.objects(spec, "containers"));
        containers.addAll(Nodes.objects(spec, "initContainers"));
        for (ObjectNode c : containers) {
            for (ObjectNode p : Nodes.objects(c, "ports")) {
                Long port = Nodes.integer(p, "hostPort");
                if (port == null || port <= 0) continue;
                String ip = Nodes.str(p, "hostIP");
                String protocol = Nodes.str(p, "protocol");
                out.add(new HostPort(ip.isEmpty() ? "0.0.0.0" : ip, protocol.isEmpty() ? "TCP" : protocol, port));
            }
        }
        return out;
    }
}
