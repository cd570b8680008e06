package dev.podium.runtime.cri;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;
import dev.podium.runtime.Backoff;
import dev.podium.runtime.PodLifecycle;
import dev.podium.runtime.ContainerState;
import dev.podium.runtime.PodContext;
import dev.podium.runtime.PodStatusListener;
import dev.podium.runtime.SerialExecutor;
import dev.podium.runtime.cri.v1.ContainerConfig;
import dev.podium.runtime.cri.v1.ContainerStatus;
import dev.podium.runtime.cri.v1.ContainerStatusRequest;
import dev.podium.runtime.cri.v1.CreateContainerRequest;
import dev.podium.runtime.cri.v1.ExecSyncRequest;
import dev.podium.runtime.cri.v1.ImageSpec;
import dev.podium.runtime.cri.v1.ImageStatusRequest;
import dev.podium.runtime.cri.v1.PodSandboxConfig;
import dev.podium.runtime.cri.v1.PodSandboxStatusRequest;
import dev.podium.runtime.cri.v1.PullImageRequest;
import dev.podium.runtime.cri.v1.RemoveContainerRequest;
import dev.podium.runtime.cri.v1.RunPodSandboxRequest;
import dev.podium.runtime.cri.v1.StartContainerRequest;
import dev.podium.runtime.cri.v1.StopContainerRequest;
import dev.podium.runtime.cri.v1.StopPodSandboxRequest;
import dev.podium.runtime.network.PodHostsFile;
import dev.podium.runtime.network.PodResolvConf;
import dev.podium.runtime.process.EnvResolver;
import dev.podium.runtime.process.Expansion;
import dev.podium.runtime.process.PodConfigException;
import dev.podium.runtime.process.Probes;
import dev.podium.runtime.process.Volumes;
import io.grpc.StatusRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one pod through CRI: its volumes, a sandbox (the pod's network and IPC namespaces, held by the
 * pause container), images by pull policy, init containers in order, app containers, restarts with
 * CrashLoopBackOff, probes (exec through ExecSync, httpGet and tcpSocket to the pod IP) and termination
 * (preStop, then StopContainer with the grace period: SIGTERM, SIGKILL when it is over). Every state change
 * happens on the pod's {@link SerialExecutor} and ends with a status report.
 */
final class CriPod extends PodLifecycle<CriContainer> {
    private static final Logger log = LoggerFactory.getLogger(CriPod.class);

    private final CriRuntime runtime;
    String sandboxId;
    private PodSandboxConfig sandboxConfig;
    private String podIP;

    CriPod(ObjectNode pod, PodContext ctx, PodStatusListener listener, CriRuntime runtime) {
        super(pod, ctx, listener, runtime.podDir(Json.textAt(pod, "metadata.uid")), new SerialExecutor(runtime.workers()), runtime.timer(),
                runtime.settings(), runtime.clock());
        this.runtime = runtime;
        boolean hasInit = pod.path("spec").path("initContainers").size() > 0;
        for (JsonNode c : pod.path("spec").path("initContainers"))
            init.add(new CriContainer(c, true, Backoff.of(runtime.settings()), new ContainerState.Waiting("PodInitializing", null)));
        for (JsonNode c : pod.path("spec").path("containers"))
            app.add(new CriContainer(c, false, Backoff.of(runtime.settings()),
                    new ContainerState.Waiting(hasInit ? "PodInitializing" : "ContainerCreating", null)));
    }

    @Override
    public void start() {
        serial.execute(() -> {
            startTime = runtime.clock().instant();
            try {
                Files.createDirectories(podDir);
                Files.write(podDir.resolve("pod.json"), Json.bytes(pod));
            } catch (IOException e) {
                log.warn("cannot write {}: {}", podDir, e.toString());
            }
            publish();
            proceed();
        });
    }

    // ---- start-up ------------------------------------------------------------------------------

    /** Next step: volumes, the sandbox, then the next init container, then the app containers. */
    @Override
    protected void proceed() {
        if (stopping) return;
        if (!volumesReady(runtime.root())) return;
        if (sandboxId == null && !runSandbox()) return;
        if (nextInit < init.size()) {
            CriContainer c = init.get(nextInit);
            if (!c.alive() && c.timer == null) launch(c);
            return;
        }
        for (CriContainer c : app) if (!c.alive() && c.timer == null && c.status.state instanceof ContainerState.Waiting) launch(c);
    }

    private boolean runSandbox() {
        boolean hostNetwork = pod.path("spec").path("hostNetwork").asBoolean(false);
        if (!hostNetwork && !runtime.networkReady()) {
            waitAll("ContainerCreating", "network is not ready: " + runtime.networkStatus());
            scheduleRetry();
            return false;
        }
        sandboxConfig = sandboxConfig();
        try {
            Files.createDirectories(podDir.resolve("logs"));
            sandboxId = runtime.client().runtime(Duration.ofMinutes(2))
                    .runPodSandbox(RunPodSandboxRequest.newBuilder().setConfig(sandboxConfig).build()).getPodSandboxId();
            var st = runtime.client().runtime().podSandboxStatus(PodSandboxStatusRequest.newBuilder().setPodSandboxId(sandboxId).build()).getStatus();
            podIP = hostNetwork || st.getNetwork().getIp().isEmpty() ? ctx.hostIP() : st.getNetwork().getIp();
            if (!hostNetwork) writeHostsFile();
            return true;
        } catch (StatusRuntimeException | IOException e) {
            String message = "Failed to create pod sandbox: " + describe(e);
            log.warn("pod {}: {}", uid, message);
            waitAll("ContainerCreating", message);
            scheduleRetry();
            return false;
        }
    }

    /** The sandbox's configuration; its DNS from the pod's dnsPolicy with the cluster DNS, else the host's resolvers. */
    private PodSandboxConfig sandboxConfig() {
        var dns = runtime.settings().clusterDns();
        return CriConfigs.sandbox(pod, PodResolvConf.compose(pod, dns == null ? null : dns.ip(), clusterDomain(), runtime.hostResolvConf()),
                podDir.resolve("logs"));
    }

    private String clusterDomain() {
        var dns = runtime.settings().clusterDns();
        return dns == null ? "cluster.local" : dns.domain();
    }

    /** The kubelet-managed /etc/hosts: localhost, and the pod's IP with its hostname (and FQDN under a subdomain). */
    private void writeHostsFile() throws IOException {
        Files.writeString(podDir.resolve("etc-hosts"), PodHostsFile.render(pod, podIP, clusterDomain()));
    }


    @Override
    protected void launch(CriContainer c) {
        if (stopping) return;
        c.run++;
        String image = c.spec.path("image").asText();
        if (!ensureImage(c, image)) return;
        Map<String, String> env;
        List<CriConfigs.VolumeMount> mounts;
        try {
            env = EnvResolver.resolve(pod, c.spec, ctx);
            mounts = mounts(c.spec);
        } catch (PodConfigException e) {
            c.status.state = new ContainerState.Waiting(e.reason, e.getMessage());
            publish();
            if (e.retryable) scheduleRetry();
            return;
        }
        ContainerConfig config = CriConfigs.container(pod, c.spec, env, mounts, c.status.restartCount, s -> Expansion.expand(s, env));
        String id;
        try {
            if (c.previousId != null) removeQuietly(c.previousId);
            c.previousId = null;
            id = runtime.client().runtime(Duration.ofMinutes(1)).createContainer(CreateContainerRequest.newBuilder()
                    .setPodSandboxId(sandboxId).setConfig(config).setSandboxConfig(sandboxConfig).build()).getContainerId();
        } catch (StatusRuntimeException e) {
            c.status.state = new ContainerState.Waiting("CreateContainerError", describe(e));
            publish();
            scheduleRetry();
            return;
        }
        try {
            runtime.client().runtime(Duration.ofMinutes(1)).startContainer(StartContainerRequest.newBuilder().setContainerId(id).build());
        } catch (StatusRuntimeException e) {
            // the container exists and failed to start (no such executable, ...): kubelet reports it terminated with 128
            removeQuietly(id);
            Instant now = runtime.clock().instant();
            c.startedAt = now;
            ended(c, new ContainerState.Terminated(128, 0, "StartError", describe(e), now, now, "containerd://" + id));
            return;
        }
        Instant now = runtime.clock().instant();
        c.id = id;
        c.startedAt = now;
        c.terminating = false;
        c.status.containerID = "containerd://" + id;
        c.status.state = new ContainerState.Running(now);
        runtime.watch(id, this);
        startProbes(c);
        publish();
    }

    /** Pulls the image when the pull policy says so; false (and a Waiting reason) when it is not there. */
    private boolean ensureImage(CriContainer c, String image) {
        String policy;
        String ref;
        try {
            policy = ImageRef.pullPolicy(c.spec);
            ref = ImageRef.parse(image).normalized();
        } catch (IllegalArgumentException e) {
            c.status.state = new ContainerState.Waiting("InvalidImageName", "Failed to apply default image tag \"" + image + "\": " + e.getMessage());
            publish();
            return false;
        }
        boolean present;
        try {
            present = runtime.client().images().imageStatus(ImageStatusRequest.newBuilder().setImage(ImageSpec.newBuilder().setImage(ref)).build()).hasImage();
        } catch (StatusRuntimeException e) {
            present = false;
        }
        if (policy.equals("Never") && !present) {
            c.status.state = new ContainerState.Waiting("ErrImageNeverPull",
                    "Container image \"" + image + "\" is not present with pull policy of Never");
            publish();
            scheduleRetry();
            return false;
        }
        if (present && !policy.equals("Always")) return true;
        try {
            runtime.client().images(Duration.ofMinutes(5)).pullImage(PullImageRequest.newBuilder().setImage(ImageSpec.newBuilder().setImage(ref))
                    .setSandboxConfig(sandboxConfig).build());
            c.pullFailures = 0;
            return true;
        } catch (StatusRuntimeException e) {
            c.pullFailures++;
            Duration delay = c.backoff.next(Duration.ZERO);
            String reason = c.pullFailures == 1 ? "ErrImagePull" : "ImagePullBackOff";
            String message = c.pullFailures == 1 ? "failed to pull image \"" + image + "\": " + describe(e) : "Back-off pulling image \"" + image + "\"";
            c.status.state = new ContainerState.Waiting(reason, message);
            c.timer = runtime.timer().schedule(() -> serial.execute(() -> {
                c.timer = null;
                if (!stopping && !c.alive()) proceed();
            }), delay.toMillis(), TimeUnit.MILLISECONDS);
            publish();
            return false;
        }
    }

    private List<CriConfigs.VolumeMount> mounts(JsonNode container) throws PodConfigException {
        List<CriConfigs.VolumeMount> out = new ArrayList<>();
        for (JsonNode m : container.path("volumeMounts")) {
            String name = m.path("name").asText();
            Path host = volumes.get(name);
            if (host == null) throw new PodConfigException("CreateContainerConfigError", "volume \"" + name + "\" not found in the pod's volumes", false);
            String sub = m.path("subPath").asText("");
            if (!sub.isEmpty()) {
                host = host.resolve(sub).normalize();
                try {
                    if (!Files.exists(host)) Files.createDirectories(host);
                } catch (IOException e) {
                    throw new PodConfigException("CreateContainerConfigError", "cannot create subPath " + sub + ": " + e.getMessage(), false);
                }
            }
            out.add(new CriConfigs.VolumeMount(m.path("mountPath").asText(), host, m.path("readOnly").asBoolean(false)));
        }
        Path hosts = podDir.resolve("etc-hosts");
        if (!pod.path("spec").path("hostNetwork").asBoolean(false) && Files.exists(hosts)) out.add(new CriConfigs.VolumeMount("/etc/hosts", hosts, false));
        return out;
    }

    // ---- re-adoption ---------------------------------------------------------------------------------

    /** A container found running (or ended) in containerd after a restart; {@code s} is its CRI status. */
    void adopt(CriContainer c, ContainerStatus s) {
        c.run++;
        c.status.restartCount = (int) s.getMetadata().getAttempt();
        c.status.containerID = "containerd://" + s.getId();
        c.startedAt = nanos(s.getStartedAt());
        if (s.getState() == dev.podium.runtime.cri.v1.ContainerState.CONTAINER_RUNNING) {
            c.id = s.getId();
            c.status.state = new ContainerState.Running(c.startedAt);
            runtime.watch(c.id, this);
            startProbes(c);
        } else {
            c.previousId = s.getId();
            c.status.state = terminated(s);
            if (!c.status.init || !c.status.succeeded()) ended(c, (ContainerState.Terminated) c.status.state);
        }
    }

    void resumed(Instant startTime, String sandboxId, String podIP, Map<String, Path> volumes, int initDone) {
        this.nextInit = initDone;
        this.startTime = startTime;
        this.sandboxId = sandboxId;
        this.podIP = podIP;
        this.volumes = volumes;
        this.sandboxConfig = sandboxConfig();
    }

    // ---- exits and restarts -------------------------------------------------------------------------

    /** containerd reports the container {@code id} exited (the runtime's poller, or a stop that returned). */
    void exited(String id) {
        serial.execute(() -> {
            CriContainer c = all().filter(x -> id.equals(x.id)).findFirst().orElse(null);
            if (c == null) return;
            ContainerStatus s;
            try {
                s = runtime.client().runtime().containerStatus(ContainerStatusRequest.newBuilder().setContainerId(id).build()).getStatus();
            } catch (StatusRuntimeException e) {
                s = null;
            }
            if (s != null && s.getState() != dev.podium.runtime.cri.v1.ContainerState.CONTAINER_EXITED) return;
            runtime.unwatch(id);
            c.cancelTimer();
            c.stopProbes();
            c.id = null;
            c.previousId = id;
            c.status.ready = false;
            c.status.started = false;
            Instant now = runtime.clock().instant();
            ended(c, s == null ? new ContainerState.Terminated(137, 0, "ContainerStatusUnknown",
                    "The container could not be located when the pod was terminated", c.startedAt, now, "containerd://" + id) : terminated(s));
        });
    }

    private ContainerState.Terminated terminated(ContainerStatus s) {
        String reason = s.getReason().isEmpty() ? (s.getExitCode() == 0 ? "Completed" : "Error") : s.getReason();
        return new ContainerState.Terminated(s.getExitCode(), 0, reason, s.getMessage().isEmpty() ? null : s.getMessage(),
                nanos(s.getStartedAt()), nanos(s.getFinishedAt()), "containerd://" + s.getId());
    }

    private static Instant nanos(long epochNanos) {
        return Instant.ofEpochSecond(0, epochNanos);
    }

    // ---- probes and hooks ------------------------------------------------------------------------------

    /** One run of a probe or hook: exec through CRI ExecSync, the others (httpGet, tcpSocket, sleep) against the pod IP. */
    @Override
    protected CompletableFuture<Boolean> check(CriContainer c, JsonNode handler, Duration timeout) {
        String id = c.id;
        if (id == null) return CompletableFuture.completedFuture(false);
        if (handler.has("exec")) {
            List<String> cmd = new ArrayList<>();
            handler.get("exec").path("command").forEach(x -> cmd.add(x.asText()));
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return runtime.client().runtime(timeout.plusSeconds(5)).execSync(ExecSyncRequest.newBuilder().setContainerId(id)
                            .addAllCmd(cmd).setTimeout(Math.max(1, timeout.toSeconds())).build()).getExitCode() == 0;
                } catch (StatusRuntimeException e) {
                    return false;
                }
            }, runtime.workers());
        }
        return Probes.run(handler, new Probes.Target(Map.of(), podDir, c.spec, podIP == null ? "127.0.0.1" : podIP), timeout, runtime.workers());
    }

    // ---- termination ---------------------------------------------------------------------------------

    /** preStop, then StopContainer: SIGTERM, SIGKILL once what is left of the grace period is over. */
    @Override
    protected void kill(CriContainer c, long graceSeconds) {
        if (!c.alive() || c.terminating) return;
        c.terminating = true;
        c.status.ready = false;
        c.stopProbes();
        String id = c.id;
        Instant deadline = runtime.clock().instant().plusSeconds(graceSeconds);
        JsonNode preStop = c.spec.path("lifecycle").get("preStop");
        CompletableFuture<Boolean> hook = preStop == null || preStop.isNull() || graceSeconds == 0
                ? CompletableFuture.completedFuture(true) : check(c, preStop, Duration.ofSeconds(Math.max(1, graceSeconds)));
        hook.exceptionally(e -> false).thenAcceptAsync(x -> {
            long remaining = Math.max(0, Duration.between(runtime.clock().instant(), deadline).toSeconds());
            try {
                runtime.client().runtime(Duration.ofSeconds(remaining + 30))
                        .stopContainer(StopContainerRequest.newBuilder().setContainerId(id).setTimeout(remaining).build());
            } catch (StatusRuntimeException e) {
                log.warn("stopping container {} of pod {}: {}", id, uid, describe(e));
            }
            exited(id);
        }, runtime.workers());
        publish();
    }

    @Override
    protected void checkStopped() {
        if (!stopping || stopped.isDone() || all().anyMatch(CriContainer::alive)) return;
        String sandbox = sandboxId;
        runtime.workers().execute(() -> {
            if (sandbox != null) {
                try {
                    runtime.client().runtime(Duration.ofMinutes(1)).stopPodSandbox(StopPodSandboxRequest.newBuilder().setPodSandboxId(sandbox).build());
                } catch (StatusRuntimeException e) {
                    log.warn("stopping the sandbox of pod {}: {}", uid, describe(e));
                }
            }
            Volumes.cleanup(podDir);
            stopped.complete(null);
        });
    }

    private void removeQuietly(String id) {
        try {
            runtime.client().runtime().removeContainer(RemoveContainerRequest.newBuilder().setContainerId(id).build());
        } catch (StatusRuntimeException e) {
            log.debug("removing container {}: {}", id, e.toString());
        }
    }

    /** The CRI container id of the container's current run, or of its last one when {@code previous}. */
    String containerId(String name, boolean previous) {
        return all().filter(c -> c.name.equals(name)).findFirst().map(c -> previous ? c.previousId : c.id).orElse(null);
    }

    int attempt(String name) {
        return all().filter(c -> c.name.equals(name)).findFirst().map(c -> c.status.restartCount).orElse(0);
    }

    // ---- reporting --------------------------------------------------------------------------------------

    @Override
    protected void withPodIPs(ObjectNode status) {
        if (podIP != null) {
            status.put("podIP", podIP);
            status.putArray("podIPs").addObject().put("ip", podIP);
        } else {
            status.remove("podIP");
            status.remove("podIPs");
        }
    }

    static String describe(Exception e) {
        if (e instanceof StatusRuntimeException s) {
            String d = s.getStatus().getDescription();
            return d == null ? s.getStatus().getCode().toString() : d;
        }
        return e.getMessage();
    }
}
