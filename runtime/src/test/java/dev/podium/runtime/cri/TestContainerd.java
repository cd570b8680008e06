package dev.podium.runtime.cri;

import dev.podium.runtime.RuntimeSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * A private containerd for one test class: its own root, state, socket and CNI configuration in a fresh
 * directory, the sandbox image and a busybox test image ({@link #BUSYBOX}, CMD sh, no ENTRYPOINT, like
 * Docker Hub's) built from the host's busybox-static and imported. Fails, naming what is missing, when
 * containerd cannot run here.
 */
public final class TestContainerd implements AutoCloseable {
    public static final String BUSYBOX = "busybox:podium-test";

    final ContainerdDaemon daemon;
    private final java.util.Set<String> nodes = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private TestContainerd(ContainerdDaemon daemon) {
        this.daemon = daemon;
    }

    public static TestContainerd start() throws IOException {
        ContainerdDaemon.unavailableReason().ifPresent(reason -> {
            throw new AssertionError("the containerd tests need containerd here: " + reason);
        });
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "podium-ctrd-");
        ContainerdDaemon daemon = new ContainerdDaemon(dir);
        daemon.ensureRunning(PodiumContainerd.SANDBOX_IMAGE, Duration.ofSeconds(30));
        PodiumContainerd.ensureSandboxImage(daemon.socket(), dir);
        Path archive = dir.resolve("busybox.tar");
        OciArchive.writeBusybox(archive, BUSYBOX);
        ImageImport.run(daemon.socket(), archive);
        return new TestContainerd(daemon);
    }

    public Path socket() {
        return daemon.socket();
    }

    /** A runtime on this containerd whose node has the pod range {@code podCidr}. */
    public CriRuntime runtime(Path root, String nodeName, String podCidr, RuntimeSettings settings) {
        CriRuntime r = new CriRuntime(root, daemon.socket(), Clock.systemUTC(), settings,
                new CriRuntime.Network(PodiumContainerd.CLUSTER_CIDR, PodiumContainerd.SERVICE_CIDR, daemon.cniConfDir()));
        r.podCidrAssigned(nodeName, podCidr);
        nodes.add(nodeName);
        return r;
    }

    /** Removes every sandbox (and so every container), stops containerd and deletes its directory and bridges. */
    @Override
    public void close() throws Exception {
        daemon.destroy(nodes);
    }
}
