package dev.podium.runtime.cri;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;
import dev.podium.runtime.ContainerRuntime;
import dev.podium.runtime.ExecRequest;
import dev.podium.runtime.ExecSession;
import dev.podium.runtime.PodContext;
import dev.podium.runtime.PodStatusListener;
import dev.podium.runtime.RuntimeSettings;
import dev.podium.runtime.RunningPods;
import dev.podium.runtime.cri.v1.Container;
import dev.podium.runtime.cri.v1.ContainerFilter;
import dev.podium.runtime.cri.v1.ContainerStateValue;
import dev.podium.runtime.cri.v1.ContainerStatusRequest;
import dev.podium.runtime.cri.v1.ListContainersRequest;
import dev.podium.runtime.cri.v1.ListImagesRequest;
import dev.podium.runtime.cri.v1.ListPodSandboxRequest;
import dev.podium.runtime.cri.v1.PodSandbox;
import dev.podium.runtime.cri.v1.PodSandboxFilter;
import dev.podium.runtime.cri.v1.PodSandboxState;
import dev.podium.runtime.cri.v1.PodSandboxStateValue;
import dev.podium.runtime.cri.v1.PodSandboxStatusRequest;
import dev.podium.runtime.cri.v1.RemovePodSandboxRequest;
import dev.podium.runtime.cri.v1.StopPodSandboxRequest;
import dev.podium.runtime.network.ResolvConf;
import dev.podium.runtime.process.Volumes;
import io.grpc.StatusRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Runs pods as containers through CRI v1 on containerd, as the kubelet does. Podium's own files live under
 * {@code root/pods/UID} (pod.json for re-adoption, volumes, and {@code logs/NAME/ATTEMPT.log}, the CRI log
 * files containerd writes). Exits are found by listing exited containers every {@code EXIT_POLL} (the kubelet's
 * PLEG relists every second). A new CriRuntime re-adopts the sandboxes Podium made that are still ready:
 * a restart of Podium stops no container. {@link #close()} stops every pod; {@link #detach()} leaves them running.
 */
public final class CriRuntime implements ContainerRuntime {
    private static final Logger log = LoggerFactory.getLogger(CriRuntime.class);
    private static final Duration EXIT_POLL = Duration.ofMillis(500);

    /** The pod network: the cluster's pod and Service ranges, and where the node's CNI configuration goes (null: someone else's containerd, whose network is its own). */
    public record Network(String clusterCidr, String serviceCidr, Path cniConfDir) {}

    private final CriClient client;
    private final Path root;
    private final Path socket;
    private final Clock clock;
    private final RuntimeSettings settings;
    private final Network network;
    private final ScheduledExecutorService timer;
    private final ExecutorService workers;
    private final String version;
    private final RunningPods<CriPod> pods = new RunningPods<>();
    private final Map<String, CriPod> watched = new ConcurrentHashMap<>();
    private volatile String podCidr;
    private final ResolvConf hostResolvConf;

    public CriRuntime(Path root, Path socket, Clock clock, RuntimeSettings settings, Network network) {
        this.root = root.toAbsolutePath();
        this.socket = socket;
        this.clock = clock;
        this.settings = settings;
        this.network = network;
        this.client = new CriClient(socket, Duration.ofSeconds(30));
        try {
            Files.createDirectories(this.root.resolve("pods"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot create runtime directory " + root, e);
        }
        dev.podium.runtime.cri.v1.VersionResponse v;
        try {
            v = client.version();
        } catch (io.grpc.StatusRuntimeException e) {
            client.close();
            throw new IllegalStateException("no containerd answers CRI at " + socket + " (" + CriPod.describe(e) + ")", e);
        }
        this.version = v.getRuntimeName() + "://" + v.getRuntimeVersion();
        this.hostResolvConf = readHostResolvConf();
        AtomicInteger n = new AtomicInteger();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "podium-cri-timer"));
        this.workers = Executors.newCachedThreadPool(r -> daemon(r, "podium-cri-" + n.incrementAndGet()));
        readopt();
        timer.scheduleWithFixedDelay(this::pollExits, EXIT_POLL.toMillis(), EXIT_POLL.toMillis(), TimeUnit.MILLISECONDS);
        log.info("containerd runtime: {} on {}", version, socket);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static ResolvConf readHostResolvConf() {
        try {
            return ResolvConf.parse(Files.readString(Path.of("/etc/resolv.conf")));
        } catch (IOException e) {
            return ResolvConf.EMPTY;
        }
    }

    @Override
    public String name() {
        return "containerd";
    }

    /** {@code containerd://1.6.20}, for the Node's {@code status.nodeInfo.containerRuntimeVersion}. */
    @Override
    public String version() {
        return version;
    }

    public Path socket() {
        return socket;
    }

    // ---- the node's pod network --------------------------------------------------------------------

    /**
     * The node's {@code spec.podCIDR} is known: writes the CNI network (bridge + host-local on that range) that
     * containerd sets pods up with. Pods wait in ContainerCreating until this has happened, as on a kubelet
     * whose network plugin is not ready.
     */
    @Override
    public void podCidrAssigned(String nodeName, String cidr) {
        if (network.cniConfDir() == null || cidr == null || cidr.isEmpty() || cidr.equals(podCidr)) return;
        try {
            Files.createDirectories(network.cniConfDir());
            Path file = network.cniConfDir().resolve("10-podium.conflist");
            Path tmp = Files.createTempFile(network.cniConfDir(), ".10-podium", ".tmp");
            Files.writeString(tmp, ContainerdConfig.cniConflist(nodeName, cidr, network.clusterCidr(), network.serviceCidr(),
                    network.cniConfDir().resolveSibling("ipam")));
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            podCidr = cidr;
            log.info("node {}: pod network {} on bridge {}", nodeName, cidr, ContainerdConfig.bridgeName(nodeName));
        } catch (IOException e) {
            log.warn("cannot write the CNI configuration for {}: {}", cidr, e.toString());
        }
    }

    /** Podium's own containerd waits for the node's range; someone else's containerd has its own network. */
    boolean networkReady() {
        return network.cniConfDir() == null || podCidr != null;
    }

    String networkStatus() {
        return networkReady() ? "ready" : "the node has no podCIDR yet (the control plane's node IPAM assigns one)";
    }

    // ---- pods -----------------------------------------------------------------------------------------

    @Override
    public void startPod(ObjectNode pod, PodContext context, PodStatusListener listener) {
        pods.start(pod, context, listener, p -> new CriPod(p, context, listener, this));
    }

    @Override
    public CompletionStage<Void> stopPod(String podUid, long gracePeriodSeconds) {
        return pods.stop(podUid, gracePeriodSeconds);
    }

    @Override
    public Set<String> knownPods(String nodeName) {
        return pods.onNode(nodeName);
    }

    @Override
    public boolean knows(String podUid) {
        return pods.knows(podUid);
    }

    /** The CRI log file (kubelet's layout: {@code logs/NAME/ATTEMPT.log}, one line per write: time, stream, tag, text). */
    @Override
    public Optional<Path> logFile(String podUid, String container, boolean previous) {
        CriPod p = pods.get(podUid).orElse(null);
        if (p == null) return Optional.empty();
        int attempt = p.attempt(container) - (previous ? 1 : 0);
        if (attempt < 0) return Optional.empty();
        Path file = podDir(podUid).resolve("logs").resolve(container).resolve(attempt + ".log");
        return Files.exists(file) ? Optional.of(file) : Optional.empty();
    }

    @Override
    public dev.podium.runtime.ContainerLogs logs() {
        return CriLogFormat.FORMAT;
    }

    @Override
    public ExecSession exec(ExecRequest request) {
        CriPod p = pods.get(request.podUid()).orElse(null);
        if (p == null) throw new IllegalStateException("pod " + request.podUid() + " does not run on this node");
        String id = p.containerId(request.container(), false);
        if (id == null) throw new IllegalStateException("container " + request.container() + " is not running");
        if (request.attach()) {
            Path log = logFile(request.podUid(), request.container(), false)
                    .orElseThrow(() -> new IllegalStateException("container " + request.container() + " has no log yet"));
            return CriAttach.start(log, () -> id.equals(p.containerId(request.container(), false)));
        }
        return CtrExec.start(socket, id, request);
    }

    /** Stops the pod if needed, removes its sandbox and containers and deletes its files (logs included). */
    @Override
    public void forget(String podUid) {
        CriPod p = pods.get(podUid).orElse(null);
        if (p == null) return;
        p.stop(-1).thenRunAsync(() -> {
            pods.remove(podUid);
            if (p.sandboxId != null) {
                try {
                    client.runtime(Duration.ofMinutes(1)).removePodSandbox(RemovePodSandboxRequest.newBuilder().setPodSandboxId(p.sandboxId).build());
                } catch (StatusRuntimeException e) {
                    log.warn("removing the sandbox of pod {}: {}", podUid, CriPod.describe(e));
                }
            }
            Volumes.deleteTree(p.podDir);
        }, workers);
    }

    /** The images present, for the Node's {@code status.images} (largest first, as the kubelet lists them). */
    @Override
    public List<ObjectNode> images() {
        try {
            return client.images().listImages(ListImagesRequest.getDefaultInstance()).getImagesList().stream()
                    .filter(i -> i.getRepoTagsCount() + i.getRepoDigestsCount() > 0)
                    .sorted(Comparator.comparingLong(dev.podium.runtime.cri.v1.Image::getSize).reversed())
                    .map(i -> {
                        ObjectNode o = Json.object();
                        var names = o.putArray("names");
                        i.getRepoDigestsList().forEach(names::add);
                        i.getRepoTagsList().forEach(names::add);
                        o.put("sizeBytes", i.getSize());
                        return o;
                    }).toList();
        } catch (StatusRuntimeException e) {
            log.debug("listing images: {}", e.toString());
            return List.of();
        }
    }

    public Optional<ObjectNode> lastStatus(String podUid) {
        return pods.lastStatus(podUid);
    }

    // ---- exits -------------------------------------------------------------------------------------------

    void watch(String containerId, CriPod pod) {
        watched.put(containerId, pod);
    }

    void unwatch(String containerId) {
        watched.remove(containerId);
    }

    private void pollExits() {
        if (watched.isEmpty()) return;
        try {
            List<Container> exited = client.runtime(Duration.ofSeconds(10)).listContainers(ListContainersRequest.newBuilder()
                    .setFilter(ContainerFilter.newBuilder().setState(ContainerStateValue.newBuilder()
                            .setState(dev.podium.runtime.cri.v1.ContainerState.CONTAINER_EXITED))).build()).getContainersList();
            for (Container c : exited) {
                CriPod p = watched.get(c.getId());
                if (p != null) p.exited(c.getId());
            }
        } catch (StatusRuntimeException e) {
            log.debug("listing containers: {}", e.toString());
        } catch (RuntimeException e) {
            log.warn("exit poll failed", e);
        }
    }

    // ---- re-adoption ---------------------------------------------------------------------------------------

    private void readopt() {
        List<PodSandbox> sandboxes;
        try {
            sandboxes = client.runtime().listPodSandbox(ListPodSandboxRequest.newBuilder().setFilter(PodSandboxFilter.newBuilder()
                    .putLabelSelector(CriConfigs.MANAGED, "true")
                    .setState(PodSandboxStateValue.newBuilder().setState(PodSandboxState.SANDBOX_READY))).build()).getItemsList();
        } catch (StatusRuntimeException e) {
            log.warn("cannot list sandboxes to re-adopt: {}", CriPod.describe(e));
            return;
        }
        for (PodSandbox sb : sandboxes) {
            String uid = sb.getLabelsMap().getOrDefault(CriConfigs.POD_UID, "");
            Path file = podDir(uid).resolve("pod.json");
            if (uid.isEmpty() || !Files.exists(file)) continue;
            try {
                readopt((ObjectNode) Json.parse(Files.readAllBytes(file), false), sb);
            } catch (IOException | RuntimeException e) {
                log.warn("cannot re-adopt pod {}: {}", uid, e.toString());
            }
        }
    }

    private void readopt(ObjectNode pod, PodSandbox sb) {
        CriPod p = new CriPod(pod, PodContext.unclaimed(Json.textAt(pod, "spec.nodeName")), null, this);
        pods.adopt(p);
        String ip = client.runtime().podSandboxStatus(PodSandboxStatusRequest.newBuilder().setPodSandboxId(sb.getId()).build())
                .getStatus().getNetwork().getIp();
        Map<String, dev.podium.runtime.cri.v1.ContainerStatus> latest = client.runtime().listContainers(ListContainersRequest.newBuilder()
                        .setFilter(ContainerFilter.newBuilder().setPodSandboxId(sb.getId())).build()).getContainersList().stream()
                .collect(Collectors.toMap(c -> c.getMetadata().getName(), c -> c, (a, b) -> a.getMetadata().getAttempt() >= b.getMetadata().getAttempt() ? a : b))
                .values().stream()
                .map(c -> client.runtime().containerStatus(ContainerStatusRequest.newBuilder().setContainerId(c.getId()).build()).getStatus())
                .collect(Collectors.toMap(s -> s.getMetadata().getName(), s -> s));
        p.serial.execute(() -> {
            int initDone = 0;
            for (CriContainer c : p.init) {
                var s = latest.get(c.name);
                if (s == null || s.getState() != dev.podium.runtime.cri.v1.ContainerState.CONTAINER_EXITED || s.getExitCode() != 0) break;
                initDone++;
            }
            p.resumed(Instant.ofEpochSecond(0, sb.getCreatedAt()), sb.getId(), ip.isEmpty() ? null : ip, Volumes.directoriesOf(pod, p.podDir, root), initDone);
            p.all().forEach(c -> {
                var s = latest.get(c.name);
                if (s != null) p.adopt(c, s);
            });
            p.publish();
            p.proceed();
        });
        log.info("re-adopted pod {} (sandbox {})", p.uid, sb.getId());
    }


    // ---- shared with the pods -----------------------------------------------------------------------------------

    Path podDir(String uid) {
        return root.resolve("pods").resolve(uid);
    }

    Path root() {
        return root;
    }

    CriClient client() {
        return client;
    }

    Clock clock() {
        return clock;
    }

    RuntimeSettings settings() {
        return settings;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    ExecutorService workers() {
        return workers;
    }

    ResolvConf hostResolvConf() {
        return hostResolvConf;
    }

    // ---- shutdown -------------------------------------------------------------------------------------------------

    /** Stops every pod (at most 2 s of grace) and removes their sandboxes. */
    @Override
    public void close() {
        if (!pods.stopAll(2, 20)) log.warn("some pods did not stop in time");
        for (CriPod p : pods.all()) {
            if (p.sandboxId == null) continue;
            try {
                client.runtime().stopPodSandbox(StopPodSandboxRequest.newBuilder().setPodSandboxId(p.sandboxId).build());
                client.runtime().removePodSandbox(RemovePodSandboxRequest.newBuilder().setPodSandboxId(p.sandboxId).build());
            } catch (StatusRuntimeException e) {
                log.debug("removing sandbox {}: {}", p.sandboxId, e.toString());
            }
        }
        detach();
    }

    /** Closes the runtime and leaves the containers running, for a later CriRuntime to re-adopt. */
    public void detach() {
        timer.shutdownNow();
        workers.shutdown();
        client.close();
    }
}
