package dev.podium.launcher;

import dev.podium.actors.kubelet.LocalNode;
import dev.podium.actors.kubelet.LocalNodes;
import dev.podium.runtime.ContainerRuntime;
import dev.podium.runtime.RuntimeSettings;
import dev.podium.runtime.cri.ContainerdDaemon;
import dev.podium.runtime.cri.CriRuntime;
import dev.podium.runtime.cri.PodiumContainerd;
import dev.podium.runtime.process.ProcessRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import dev.podium.runtime.simulated.SimulatedRuntime;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Builds the nodes this JVM hosts: the local node (real processes) and any simulated nodes. */
final class HostedNodes {
    private static final Logger log = LoggerFactory.getLogger(HostedNodes.class);

    private HostedNodes() {}

    /** {@code clusterDns}: what ClusterFirst pods of the local node resolve with, null when the host cannot reach it. */
    static LocalNodes create(NodeSettings settings, java.time.Duration simulatedStartDelay, RuntimeSettings.ClusterDns clusterDns) {
        List<LocalNode> nodes = new ArrayList<>();
        NodeSettings.Hosting hosting = settings.hosting();
        if (hosting.local()) {
            ContainerRuntime runtime = localRuntime(settings, RuntimeSettings.defaults().withClusterDns(clusterDns));
            nodes.add(new LocalNode(hosting.localName(), Runtime.getRuntime().availableProcessors(), physicalMemory(), 110, runtime, settings.host()));
            if (runtime instanceof ProcessRuntime p) log.info("local node {}: {}; {}", hosting.localName(), p.isolationStatus(), p.memoryLimitsStatus());
        }
        if (hosting.simulated() > 0) {
            ContainerRuntime simulated = new SimulatedRuntime(settings.clock(), RuntimeSettings.defaults().withSimulatedStartDelay(simulatedStartDelay));
            for (int i = 1; i <= hosting.simulated(); i++) {
                nodes.add(new LocalNode(String.format("%s-%05d", hosting.simulatedPrefix(), i), 32, 256L << 30, 110, simulated, settings.host()));
            }
        }
        return new LocalNodes(nodes);
    }

    /**
     * The local node's runtime as {@code --runtime} asks: containerd (Podium's own under DATA/containerd, or the one at
     * {@code --containerd-socket}), host processes, or {@code auto}: containerd when it can be used, else host processes,
     * logging which and why.
     */
    static ContainerRuntime localRuntime(NodeSettings settings, RuntimeSettings runtimeSettings) {
        NodeSettings.Hosting hosting = settings.hosting();
        String wanted = hosting.runtime();
        if (!List.of("auto", "containerd", "process").contains(wanted)) {
            throw new IllegalArgumentException("--runtime must be auto, containerd or process, not '" + wanted + "'");
        }
        Path data = settings.dataDir();
        if (!wanted.equals("process")) {
            try {
                if (hosting.containerdSocket() != null) {
                    CriRuntime r = PodiumContainerd.connect(hosting.containerdSocket(), data.resolve("runtime-containerd"), settings.clock(), runtimeSettings);
                    log.info("runtime: containerd at {} ({})", hosting.containerdSocket(), r.version());
                    return r;
                }
                var reason = ContainerdDaemon.unavailableReason();
                if (reason.isPresent()) {
                    if (wanted.equals("containerd")) throw new IllegalStateException("--runtime containerd: " + reason.get());
                    log.info("runtime: host processes, because containerd cannot be used here: {}", reason.get());
                } else {
                    CriRuntime r = PodiumContainerd.startOwn(data.resolve("containerd"), data.resolve("runtime-containerd"), settings.clock(), runtimeSettings);
                    log.info("runtime: containerd ({}, Podium's own, socket {})", r.version(), r.socket());
                    return r;
                }
            } catch (java.io.IOException | RuntimeException e) {
                if (wanted.equals("containerd")) throw new IllegalStateException("--runtime containerd: " + e.getMessage(), e);
                log.warn("runtime: host processes, because containerd did not start: {}", e.getMessage());
            }
        }
        return new ProcessRuntime(data.resolve("runtime"), settings.clock(), runtimeSettings);
    }

    /** On stop: simulated pods end; real processes keep running for re-adoption unless told otherwise. */
    static void stop(LocalNodes nodes, boolean keepWorkloads) {
        for (ContainerRuntime r : nodes.all().stream().map(LocalNode::runtime).distinct().toList()) {
            if (keepWorkloads && r instanceof ProcessRuntime p) p.detach();
            else if (keepWorkloads && r instanceof CriRuntime c) c.detach();
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
