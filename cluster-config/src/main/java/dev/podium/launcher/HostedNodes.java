package dev.podium.launcher;

import dev.podium.actors.kubelet.LocalNode;
import dev.podium.actors.kubelet.LocalNodes;
import dev.podium.runtime.ContainerRuntime;
import dev.podium.runtime.RuntimeSettings;
import dev.podium.runtime.process.ProcessRuntime;
import dev.podium.runtime.simulated.SimulatedRuntime;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Builds the nodes this JVM hosts: the local node (real processes) and any simulated nodes. */
final class HostedNodes {
    private HostedNodes() {}

    /** {@code clusterDns}: what ClusterFirst pods of the local node resolve with, null when the host cannot reach it. */
    static LocalNodes create(NodeSettings settings, java.time.Duration simulatedStartDelay, RuntimeSettings.ClusterDns clusterDns) {
        List<LocalNode> nodes = new ArrayList<>();
        NodeSettings.Hosting hosting = settings.hosting();
        if (hosting.local()) {
            ProcessRuntime runtime = new ProcessRuntime(settings.dataDir().resolve("runtime"), settings.clock(), RuntimeSettings.defaults().withClusterDns(clusterDns));
            nodes.add(new LocalNode(hosting.localName(), Runtime.getRuntime().availableProcessors(), physicalMemory(), 110, runtime, settings.host()));
            org.slf4j.LoggerFactory.getLogger(HostedNodes.class).info("local node {}: {}; {}", hosting.localName(), runtime.isolationStatus(),
                    runtime.memoryLimitsStatus());
        }
        if (hosting.simulated() > 0) {
            ContainerRuntime simulated = new SimulatedRuntime(settings.clock(), RuntimeSettings.defaults().withSimulatedStartDelay(simulatedStartDelay));
            for (int i = 1; i <= hosting.simulated(); i++) {
                nodes.add(new LocalNode(String.format("%s-%05d", hosting.simulatedPrefix(), i), 32, 256L << 30, 110, simulated, settings.host()));
            }
        }
        return new LocalNodes(nodes);
    }

    /** On stop: simulated pods end; real processes keep running for re-adoption unless told otherwise. */
    static void stop(LocalNodes nodes, boolean keepWorkloads) {
        for (ContainerRuntime r : nodes.all().stream().map(LocalNode::runtime).distinct().toList()) {
            if (keepWorkloads && r instanceof ProcessRuntime p) p.detach();
            else r.close();
        }
    }

    /** The host name as a DNS-1123 label, the way kubelet names its node. */
    static String localName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
        String name = host.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-").replaceAll("^[^a-z0-9]+|[^a-z0-9]+$", "");
        return name.isEmpty() ? "localhost" : name;
    }

    private static long physicalMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) return os.getTotalMemorySize();
        return 8L << 30;
    }
}
