package dev.podium.actors.kubelet;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;
import dev.podium.runtime.process.ProcessRuntime;

/** The Node and Lease objects a node agent writes for itself. */
final class NodeObjects {
    static final String KUBELET_VERSION = "v1.32.0-podium";
    static final int LEASE_DURATION_SECONDS = 40;

    private NodeObjects() {}

    static ObjectNode node(LocalNode n) {
        ObjectNode o = Json.object();
        o.put("apiVersion", "v1").put("kind", "Node");
        ObjectNode meta = o.putObject("metadata");
        meta.put("name", n.name());
        if (n.runtime() instanceof ProcessRuntime p) {
            meta.putObject("annotations")
                    .put("podium.dev/isolation", p.isolationStatus())
                    .put("podium.dev/memory-limits", p.memoryLimitsStatus());
        }
        meta.putObject("labels")
                .put("kubernetes.io/hostname", n.name())
                .put("kubernetes.io/os", "linux")
                .put("kubernetes.io/arch", "amd64")
                .put("beta.kubernetes.io/os", "linux")
                .put("beta.kubernetes.io/arch", "amd64")
                .put("podium.dev/runtime", n.runtime().name());
        o.putObject("spec");
        return o;
    }

    /** {@code kubeletPort}: where this JVM's API serves the node's pod logs (kube's kubelet endpoint), 0 when unknown. */
    static ObjectNode status(LocalNode n, String now, int kubeletPort) {
        ObjectNode st = Json.object();
        ObjectNode capacity = st.putObject("capacity");
        capacity.put("cpu", Integer.toString(n.cpuCores()));
        capacity.put("memory", (n.memoryBytes() / 1024) + "Ki");
        capacity.put("pods", Integer.toString(n.maxPods()));
        capacity.put("ephemeral-storage", "100Gi");
        st.set("allocatable", capacity.deepCopy());
        ArrayNode conditions = st.putArray("conditions");
        condition(conditions, "MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available", now);
        condition(conditions, "DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", now);
        condition(conditions, "PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available", now);
        condition(conditions, "Ready", "True", "KubeletReady", "kubelet is posting ready status", now);
        ArrayNode addresses = st.putArray("addresses");
        addresses.addObject().put("type", "InternalIP").put("address", n.hostIP());
        addresses.addObject().put("type", "Hostname").put("address", n.name());
        ObjectNode info = st.putObject("nodeInfo");
        info.put("kubeletVersion", KUBELET_VERSION);
        info.put("kubeProxyVersion", "");
        info.put("containerRuntimeVersion", n.runtime().version());
        info.put("operatingSystem", "linux");
        info.put("architecture", "amd64");
        info.put("osImage", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        info.put("kernelVersion", System.getProperty("os.version"));
        info.put("machineID", "").put("systemUUID", "").put("bootID", "");
        st.putObject("daemonEndpoints").putObject("kubeletEndpoint").put("Port", kubeletPort);
        var images = n.runtime().images();
        if (!images.isEmpty()) images.forEach(st.putArray("images")::add);
        return st;
    }

    private static void condition(ArrayNode conditions, String type, String status, String reason, String message, String now) {
        conditions.addObject().put("type", type).put("status", status).put("reason", reason).put("message", message)
                .put("lastHeartbeatTime", now).put("lastTransitionTime", now);
    }

    static ObjectNode lease(LocalNode n, String renewTimeMicros) {
        ObjectNode o = Json.object();
        o.put("apiVersion", "coordination.k8s.io/v1").put("kind", "Lease");
        o.putObject("metadata").put("name", n.name()).put("namespace", "kube-node-lease");
        o.putObject("spec").put("holderIdentity", n.name()).put("leaseDurationSeconds", LEASE_DURATION_SECONDS).put("renewTime", renewTimeMicros);
        return o;
    }
}
