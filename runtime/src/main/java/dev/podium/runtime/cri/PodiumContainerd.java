package dev.podium.runtime.cri;

import dev.podium.runtime.RuntimeSettings;
import dev.podium.runtime.cri.v1.ImageSpec;
import dev.podium.runtime.cri.v1.ImageStatusRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Brings up the containerd runtime of a node: Podium's own containerd under {@code DATA/containerd} (or the
 * one at {@code --containerd-socket}), the sandbox image built from the host's busybox and imported when
 * missing, and the {@link CriRuntime} on it.
 */
public final class PodiumContainerd {
    private static final Logger log = LoggerFactory.getLogger(PodiumContainerd.class);
    /** The sandbox ("pause") image: a static busybox sleeping; it only holds the pod's namespaces. */
    public static final String SANDBOX_IMAGE = "localhost/podium/pause:1";
    public static final String CLUSTER_CIDR = "10.42.0.0/16";
    public static final String SERVICE_CIDR = "10.96.0.0/12";

    private PodiumContainerd() {}

    /** Starts (or finds) Podium's containerd in {@code dir} and a runtime on it whose files are under {@code runtimeRoot}. */
    public static CriRuntime startOwn(Path dir, Path runtimeRoot, Clock clock, RuntimeSettings settings) throws IOException {
        ContainerdDaemon daemon = new ContainerdDaemon(dir);
        daemon.ensureRunning(SANDBOX_IMAGE, Duration.ofSeconds(30));
        ensureSandboxImage(daemon.socket(), dir);
        return new CriRuntime(runtimeRoot, daemon.socket(), clock, settings,
                new CriRuntime.Network(CLUSTER_CIDR, SERVICE_CIDR, daemon.cniConfDir()));
    }

    /** A runtime on a containerd someone else runs (its CNI network and sandbox image are its own). */
    public static CriRuntime connect(Path socket, Path runtimeRoot, Clock clock, RuntimeSettings settings) {
        return new CriRuntime(runtimeRoot, socket, clock, settings, new CriRuntime.Network(CLUSTER_CIDR, SERVICE_CIDR, null));
    }

    static void ensureSandboxImage(Path socket, Path dir) throws IOException {
        try (CriClient c = new CriClient(socket, Duration.ofSeconds(10))) {
            if (c.images().imageStatus(ImageStatusRequest.newBuilder().setImage(ImageSpec.newBuilder().setImage(SANDBOX_IMAGE)).build()).hasImage()) return;
        }
        Path busybox = Busybox.find().orElseThrow(() -> new IOException("no static busybox to build the sandbox image from: apt-get install -y busybox-static"));
        Path archive = dir.resolve("pause.tar");
        OciArchive.writeBusybox(archive, SANDBOX_IMAGE, busybox,
                new OciArchive.Config(List.of("/bin/sleep", "2147483647"), List.of(), List.of("PATH=/bin"), "/"));
        log.info("sandbox image: {}", ImageImport.run(socket, archive));
    }
}
