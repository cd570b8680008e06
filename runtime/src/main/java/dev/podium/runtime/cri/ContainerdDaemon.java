package dev.podium.runtime.cri;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Podium's own containerd, as k3s runs one: root, state, socket, CNI configuration and log under one
 * directory, started detached (its own session) so that it and its containers outlive Podium; the next
 * start finds it answering on its socket and uses it again.
 * <pre>
 *   DIR/config.toml        written at every start (see ContainerdConfig)
 *   DIR/root               containerd's images, snapshots and containers
 *   /run/pd-HASH/          its state (tasks' bundles) and its gRPC socket {@code containerd.sock}; HASH stands for
 *                          DIR. Short on purpose: with a long state path runc fails to start containers
 *                          ("can't get final child's PID from pipe"), and a socket path holds at most 107 bytes
 *   DIR/net.d              the CNI network of the node's pods, written once the node has a podCIDR
 *   DIR/containerd.log     its output
 * </pre>
 */
public final class ContainerdDaemon {
    private static final Logger log = LoggerFactory.getLogger(ContainerdDaemon.class);
    private final Path dir;
    private final Path state;
    private final Path socket;

    public ContainerdDaemon(Path dir) {
        this.dir = dir.toAbsolutePath();
        this.state = Path.of("/run", "pd-" + OciArchive.sha256(this.dir.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 8));
        this.socket = state.resolve("containerd.sock");
    }

    public Path dir() {
        return dir;
    }

    public Path socket() {
        return socket;
    }

    public Path cniConfDir() {
        return dir.resolve("net.d");
    }

    /** Why this host cannot run Podium's containerd, or empty when it can (binaries present, running as root). */
    public static Optional<String> unavailableReason() {
        List<String> missing = new java.util.ArrayList<>();
        for (String bin : List.of("containerd", "containerd-shim-runc-v2", "runc", "ctr")) if (which(bin).isEmpty()) missing.add(bin);
        if (!Files.isExecutable(ContainerdConfig.CNI_BIN_DIR.resolve("bridge")) || !Files.isExecutable(ContainerdConfig.CNI_BIN_DIR.resolve("host-local")))
            missing.add("the CNI plugins bridge and host-local in " + ContainerdConfig.CNI_BIN_DIR);
        if (Busybox.find().isEmpty()) missing.add("a static busybox (for the sandbox image)");
        if (!missing.isEmpty()) return Optional.of("missing " + String.join(", ", missing)
                + " (install with: apt-get install -y containerd runc containernetworking-plugins busybox-static)");
        if (!"root".equals(System.getProperty("user.name"))) return Optional.of("containerd needs root; Podium runs as " + System.getProperty("user.name"));
        return Optional.empty();
    }

    static Optional<Path> which(String bin) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("") + ":/usr/sbin:/usr/bin:/sbin:/bin";
        for (String d : path.split(":")) {
            if (d.isEmpty()) continue;
            Path p = Path.of(d, bin);
            if (Files.isExecutable(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    /**
     * Makes sure containerd answers on {@link #socket()}: an instance left running by an earlier Podium is
     * used as it is; otherwise the configuration is written and containerd started, waiting up to {@code timeout}.
     *
     * @throws IOException with containerd's last log lines when it does not come up
     */
    public void ensureRunning(String sandboxImage, Duration timeout) throws IOException {
        if (answers()) {
            log.info("containerd already running on {}", socket);
            return;
        }
        Files.createDirectories(dir);
        Files.createDirectories(cniConfDir());
        Files.createDirectories(socket.getParent());
        Files.deleteIfExists(socket);
        Files.writeString(dir.resolve("config.toml"), ContainerdConfig.toml(dir, state, socket, cniConfDir(), sandboxImage));
        Path logFile = dir.resolve("containerd.log");
        Path containerd = which("containerd").orElseThrow(() -> new IOException("containerd is not installed"));
        ProcessBuilder pb = new ProcessBuilder("setsid", containerd.toString(), "--config", dir.resolve("config.toml").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/bin:/sbin:/bin");
        Process p = pb.start();
        Files.writeString(dir.resolve("containerd.pid"), Long.toString(p.pid()));
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!p.isAlive()) throw new IOException("containerd exited with " + p.exitValue() + ": " + tail(logFile));
            if (answers()) {
                log.info("started containerd (pid {}) on {}", p.pid(), socket);
                return;
            }
            sleep(100);
        }
        p.destroyForcibly();
        throw new IOException("containerd did not answer on " + socket + " within " + timeout.toSeconds() + " s: " + tail(logFile));
    }

    /** Whether a containerd answers CRI's Version on the socket. */
    public boolean answers() {
        if (!Files.exists(socket)) return false;
        try (CriClient c = new CriClient(socket, Duration.ofSeconds(2))) {
            c.version();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Kills the containerd this directory's pid file names (tests; Podium itself leaves it running). */
    public void kill() {
        try {
            Path pidFile = dir.resolve("containerd.pid");
            if (!Files.exists(pidFile)) return;
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            ProcessHandle.of(pid).ifPresent(h -> {
                h.destroy();
                try {
                    h.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    h.destroyForcibly();
                }
            });
            Files.deleteIfExists(pidFile);
        } catch (IOException | NumberFormatException e) {
            log.warn("cannot stop containerd of {}: {}", dir, e.toString());
        }
    }

    /**
     * Removes every pod sandbox (and so every container), stops containerd and deletes everything of it: its
     * state, its directory (unmounting what is still mounted under it) and the bridges of {@code nodeNames}. For tests.
     */
    public void destroy(java.util.Collection<String> nodeNames) throws IOException, InterruptedException {
        if (answers()) {
            try (CriClient c = new CriClient(socket, Duration.ofSeconds(30))) {
                for (var sb : c.runtime().listPodSandbox(dev.podium.runtime.cri.v1.ListPodSandboxRequest.getDefaultInstance()).getItemsList()) {
                    c.runtime().stopPodSandbox(dev.podium.runtime.cri.v1.StopPodSandboxRequest.newBuilder().setPodSandboxId(sb.getId()).build());
                    c.runtime().removePodSandbox(dev.podium.runtime.cri.v1.RemovePodSandboxRequest.newBuilder().setPodSandboxId(sb.getId()).build());
                }
            } catch (RuntimeException e) {
                log.warn("removing the sandboxes of {}: {}", dir, e.toString());
            }
        }
        kill();
        run("sh", "-c", "grep -oE ' (" + dir + "|" + state + ")[^ ]*' /proc/mounts | sort -r | xargs -r -n1 umount -l; rm -rf '" + dir + "' '" + state + "'");
        for (String node : nodeNames) run("ip", "link", "del", ContainerdConfig.bridgeName(node));
    }

    private static void run(String... argv) throws IOException, InterruptedException {
        new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }

    private static String tail(Path logFile) {
        try {
            List<String> lines = Files.readAllLines(logFile);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
