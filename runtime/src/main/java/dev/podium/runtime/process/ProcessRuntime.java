package dev.podium.runtime.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;
import dev.podium.runtime.ContainerRuntime;
import dev.podium.runtime.ExecRequest;
import dev.podium.runtime.ExecSession;
import dev.podium.runtime.PodContext;
import dev.podium.runtime.PodStatusListener;
import dev.podium.runtime.RuntimeSettings;
import dev.podium.runtime.RunningPods;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Runs pods as host processes. Files live under {@code root}:
 * <pre>
 *   pods/UID/state.json        for re-adoption (see StateFile)
 *   pods/UID/logs/...          container logs (see LogFiles)
 *   pods/UID/volumes/NAME      emptyDir, configMap, secret, downwardAPI, projected volumes (see Volumes)
 *   pods/UID/mounts/PATH       symlinks standing for volume mounts; also the default working directory is pods/UID
 *   claims/NS/CLAIM            persistentVolumeClaim volumes
 * </pre>
 * Each container is {@code command + args} exec'd through {@code setsid}, so it leads its own process group
 * and signals reach its children. Where possible (see {@link #isolationStatus()}, RuntimeSettings.isolation) it runs
 * in its own PID, UTS, IPC and mount namespaces (see Isolation), and {@code resources.limits.memory} is enforced
 * through a cgroup (see MemoryCgroups, {@link #memoryLimitsEnforced()}). Threads: one timer thread and a small pool shared by all pods; each pod's
 * work is serialized (see PodSupervisor), and status reports arrive on pool threads, in order per pod.
 * <p>
 * Re-adoption: a new ProcessRuntime on the same root re-adopts the pods of {@code pods/*\/state.json} that
 * were not stopped; their still-running processes (same pid and process start time) are reported Running,
 * and those that ended meanwhile are reported Terminated with exit code 137 and reason
 * {@code ContainerStatusUnknown} (the exit code of a process that was not our child cannot be known),
 * after which the restart policy applies. Status of re-adopted pods is delivered once the agent calls
 * {@link #startPod} for them again (which attaches its listener instead of starting anew).
 * <p>
 * {@link #close()} stops every pod (SIGTERM, then SIGKILL after at most 2 s); {@link #detach()} leaves the
 * processes running for a later re-adoption.
 */
public final class ProcessRuntime implements ContainerRuntime {
    private static final Logger log = LoggerFactory.getLogger(ProcessRuntime.class);

    private final Shared shared;
    private final RunningPods<PodSupervisor> pods = new RunningPods<>();

    public ProcessRuntime(Path root, Clock clock, RuntimeSettings settings) {
        try {
            Files.createDirectories(root.resolve("pods"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot create runtime directory " + root, e);
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(threads("podium-runtime-timer"));
        ExecutorService workers = Executors.newCachedThreadPool(threads("podium-runtime"));
        LogFiles logs = new LogFiles(clock);
        Isolation isolation = settings.isolation() ? Isolation.probe() : Isolation.disabled();
        if (settings.isolation() && !isolation.available())
            log.warn("container isolation requested but unavailable, containers run as plain host processes: {}", isolation.status());
        else log.info("container isolation: {}", isolation.status());
        MemoryCgroups cgroups = MemoryCgroups.probe();
        if (!cgroups.enforced()) log.warn("memory limits (resources.limits.memory) {}", cgroups.status());
        else log.info("memory limits (resources.limits.memory) {}", cgroups.status());
        this.shared = new Shared(root, clock, settings, timer, workers, logs, isolation, cgroups);
        long every = Math.max(10, settings.logIndexInterval().toMillis());
        timer.scheduleWithFixedDelay(() -> workers.execute(logs::sampleAll), every, every, TimeUnit.MILLISECONDS);
        readopt();
    }

    public ProcessRuntime(Path root) {
        this(root, Clock.systemUTC(), RuntimeSettings.defaults());
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Whether containers run in their own PID, UTS, IPC and mount namespaces (requested by settings and possible here). */
    public boolean isolationAvailable() {
        return shared.isolation().available();
    }

    /**
     * One line describing isolation, e.g. {@code "isolated: pid, uts, ipc, mount namespaces"} or
     * {@code "not isolated: unshare failed: <reason>"}; suitable for a Node annotation.
     */
    public String isolationStatus() {
        return shared.isolation().status();
    }

    /** Whether {@code resources.limits.memory} is enforced (a writable cgroup memory controller was found). */
    public boolean memoryLimitsEnforced() {
        return shared.cgroups().enforced();
    }

    /** One line describing memory limit enforcement, e.g. {@code "enforced: cgroup v2 /sys/fs/cgroup/podium"} or {@code "not enforced: ..."}. */
    public String memoryLimitsStatus() {
        return shared.cgroups().status();
    }

    @Override
    public String name() {
        return "process";
    }

    @Override
    public void startPod(ObjectNode pod, PodContext context, PodStatusListener listener) {
        pods.start(pod, context, listener, p -> new PodSupervisor(p, context, listener, shared));
    }

    @Override
    public CompletionStage<Void> stopPod(String podUid, long gracePeriodSeconds) {
        return pods.stop(podUid, gracePeriodSeconds);
    }

    /** Stops the pod if needed and deletes everything of it (logs included); it is no longer known. */
    @Override
    public void forget(String podUid) {
        removePod(podUid);
    }

    public CompletionStage<Void> removePod(String podUid) {
        PodSupervisor sup = pods.get(podUid).orElse(null);
        if (sup == null) return CompletableFuture.completedFuture(null);
        return sup.stop(-1).thenRun(() -> {
            pods.remove(podUid);
            Volumes.deleteTree(sup.podDir);
        });
    }

    @Override
    public Set<String> knownPods(String nodeName) {
        return pods.onNode(nodeName);
    }

    @Override
    public boolean knows(String podUid) {
        return pods.knows(podUid);
    }

    @Override
    public Optional<Path> logFile(String podUid, String container, boolean previous) {
        Path dir = shared.root().resolve("pods").resolve(podUid);
        Path p = previous ? LogFiles.previous(dir, container) : LogFiles.current(dir, container);
        return Files.exists(p) ? Optional.of(p) : Optional.empty();
    }

    @Override
    public ExecSession exec(ExecRequest request) {
        PodSupervisor sup = pods.get(request.podUid()).orElse(null);
        if (sup == null) throw new IllegalStateException("pod " + request.podUid() + " does not run on this node");
        return sup.exec(request, logFile(request.podUid(), request.container(), false).orElse(null));
    }

    /** The last status reported for the pod, if any. */
    public Optional<ObjectNode> lastStatus(String podUid) {
        return pods.lastStatus(podUid);
    }

    @Override
    public void close() {
        if (!pods.stopAll(2, 10)) log.warn("some pods did not stop in time");
        shutdownThreads();
        shared.cgroups().close();
    }

    /** Closes the runtime but leaves its processes running, for a later ProcessRuntime to re-adopt. */
    public void detach() {
        shutdownThreads();
    }

    private void shutdownThreads() {
        shared.timer().shutdownNow();
        shared.workers().shutdown();
    }

    // ---- re-adoption --------------------------------------------------------------------------------

    private void readopt() {
        try (var dirs = Files.list(shared.root().resolve("pods"))) {
            for (Path dir : dirs.collect(Collectors.toList())) {
                StateFile.load(dir).ifPresent(state -> {
                    if (!state.path("stopped").asBoolean(false)) readopt(state);
                });
            }
        } catch (IOException e) {
            log.warn("cannot scan {} for pods to re-adopt", shared.root(), e);
        }
    }

    private void readopt(ObjectNode state) {
        ObjectNode pod = (ObjectNode) state.get("pod");
        PodSupervisor sup = new PodSupervisor(pod, PodContext.unclaimed(Json.textAt(pod, "spec.nodeName")), null, shared);
        pods.adopt(sup);
        sup.serial.execute(() -> {
            sup.resume(Instant.ofEpochMilli(state.path("startTime").asLong(shared.clock().millis())), state.path("initDone").asInt());
            sup.adoptVolumes(Volumes.directoriesOf(sup.pod(), sup.podDir, shared.root()));
            JsonNode cs = state.path("containers");
            sup.all().forEach(c -> {
                JsonNode n = cs.path(c.name);
                c.status.restartCount = n.path("restartCount").asInt();
                c.status.containerID = n.has("containerID") ? n.get("containerID").asText() : null;
                if (n.has("terminated")) c.status.state = StateFile.terminated(n.get("terminated"), c.status.containerID);
                if (n.has("lastTerminated")) c.status.lastState = StateFile.terminated(n.get("lastTerminated"), c.status.containerID);
                if (!n.has("pid")) return;
                Instant startedAt = Instant.ofEpochMilli(n.path("startedAt").asLong());
                Optional<ProcessHandle> h = ProcessHandle.of(n.get("pid").asLong()).filter(ProcessHandle::isAlive)
                        .filter(x -> !n.has("processStart") || x.info().startInstant().map(Instant::toEpochMilli)
                                .map(ms -> Math.abs(ms - n.get("processStart").asLong()) < 2000).orElse(true));
                if (n.has("cgroup")) c.cgroup = Path.of(n.get("cgroup").asText());
                c.isolated = n.path("isolated").asBoolean(false);
                sup.adopt(c, h.orElse(null), startedAt, c.status.restartCount, c.status.containerID);
            });
            sup.publish();
            sup.proceed();
        });
    }


}
