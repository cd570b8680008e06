package dev.podium.runtime.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;
import dev.podium.runtime.Backoff;
import dev.podium.runtime.PodLifecycle;
import dev.podium.runtime.ContainerState;
import dev.podium.runtime.PodContext;
import dev.podium.runtime.PodStatusListener;
import dev.podium.runtime.SerialExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs one pod: volumes, init containers in order, app containers, restarts with CrashLoopBackOff,
 * probes and termination. Every state change happens on the pod's {@link SerialExecutor} and ends with
 * a status report, so reports of one pod are delivered in order and never concurrently.
 */
final class PodSupervisor extends PodLifecycle<ContainerRun> {
    private static final Logger log = LoggerFactory.getLogger(PodSupervisor.class);

    private final Shared shared;
    private StateFile stateFile;

    PodSupervisor(ObjectNode pod, PodContext ctx, PodStatusListener listener, Shared shared) {
        super(pod, ctx, listener, shared.root().resolve("pods").resolve(Json.textAt(pod, "metadata.uid")), new SerialExecutor(shared.workers()),
                shared.timer(), shared.settings(), shared.clock());
        this.shared = shared;
        boolean hasInit = pod.path("spec").path("initContainers").size() > 0;
        for (JsonNode c : pod.path("spec").path("initContainers"))
            init.add(new ContainerRun(c, true, Backoff.of(shared.settings()), new ContainerState.Waiting("PodInitializing", null)));
        for (JsonNode c : pod.path("spec").path("containers"))
            app.add(new ContainerRun(c, false, Backoff.of(shared.settings()),
                    new ContainerState.Waiting(hasInit ? "PodInitializing" : "ContainerCreating", null)));
    }

    @Override
    public void start() {
        serial.execute(() -> {
            startTime = shared.clock().instant();
            stateFile = new StateFile(podDir, pod);
            publish();
            proceed();
        });
    }

    /** Re-adoption: the pod was started by an earlier runtime and is already past {@code initDone} init containers. */
    void resume(Instant startTime, int initDone) {
        this.startTime = startTime;
        this.nextInit = initDone;
        this.stateFile = new StateFile(podDir, pod);
    }

    // ---- start-up ------------------------------------------------------------------------

    /** Next step of start-up: volumes, then the next init container, then the app containers. */
    @Override
    protected void proceed() {
        if (stopping) return;
        if (!volumesReady(shared.root())) return;
        if (nextInit < init.size()) {
            ContainerRun c = init.get(nextInit);
            if (!c.alive() && c.timer == null) launch(c);
            return;
        }
        for (ContainerRun c : app) if (!c.alive() && c.timer == null && c.status.state instanceof ContainerState.Waiting) launch(c);
    }


    @Override
    protected void launch(ContainerRun c) {
        if (stopping) return;
        c.run++;
        Launcher.Plan plan;
        try {
            plan = Launcher.plan(pod, c.spec, ctx, volumes, podDir);
        } catch (PodConfigException e) {
            c.status.state = new ContainerState.Waiting(e.reason, e.getMessage());
            publish();
            if (e.retryable) scheduleRetry();
            return;
        }
        Process p;
        Path cgroup = null;
        boolean isolated = shared.isolation().available();
        try {
            c.log = shared.logs().rotate(podDir, c.name);
            List<String> argv = plan.argv();
            if (isolated) {
                List<Isolation.Mount> mounts = new java.util.ArrayList<>(Volumes.bindMounts(pod, c.spec, volumes));
                mounts.addAll(NameResolution.files(pod, podDir, host(), shared.settings().clusterDns()));
                Volumes.createMountPoints(mounts);
                argv = shared.isolation().wrap(argv, hostname(), mounts, plan.workDir());
            }
            long limit = Launcher.memoryLimit(c.spec);
            if (limit > 0) {
                cgroup = shared.cgroups().create(uid + "-" + c.name + "-" + Long.toString(System.nanoTime(), 36), limit).orElse(null);
                if (cgroup != null) argv = Isolation.inCgroup(argv, cgroup);
            }
            ProcessBuilder pb = new ProcessBuilder(ProcessGroups.inNewGroup(argv)).directory(plan.workDir().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(c.log.toFile()));
            pb.environment().clear();
            pb.environment().putAll(plan.env());
            p = pb.start();
        } catch (Exception e) {
            MemoryCgroups.remove(cgroup);
            c.status.state = new ContainerState.Waiting("ContainerCannotRun", e.getMessage());
            publish();
            return;
        }
        c.cgroup = cgroup;
        c.isolated = isolated;
        shared.logs().track(c.log);
        Instant now = shared.clock().instant();
        c.child = p;
        c.process = p.toHandle();
        c.startedAt = now;
        c.terminating = false;
        c.signalSent = 0;
        c.target = new Probes.Target(plan.env(), plan.workDir(), c.spec, host(), isolated ? p.pid() : 0);
        c.status.containerID = "podium://" + uid + "/" + c.name + "/" + p.pid();
        c.status.state = new ContainerState.Running(now);
        int run = c.run;
        p.onExit().thenAccept(x -> serial.execute(() -> exited(c, run, x.exitValue())));
        startProbes(c);
        saveState();
        publish();
    }

    /** Re-adoption of a container that was running; {@code h} null: it ended while nobody watched. */
    void adopt(ContainerRun c, ProcessHandle h, Instant startedAt, int restartCount, String containerID) {
        c.run++;
        c.startedAt = startedAt;
        c.status.restartCount = restartCount;
        c.status.containerID = containerID;
        if (h == null) {
            Path cg = c.cgroup;
            c.cgroup = null;
            boolean oom = MemoryCgroups.oomKilled(cg);
            shared.workers().execute(() -> MemoryCgroups.remove(cg));
            ContainerState.Terminated t = unknownExit(c, shared.clock().instant());
            ended(c, oom ? oomKilled(137, t.startedAt(), t.finishedAt(), c.status.containerID) : t);
            return;
        }
        c.process = h;
        c.status.state = new ContainerState.Running(startedAt);
        c.log = LogFiles.current(podDir, c.name);
        shared.logs().track(c.log);
        try {
            c.target = new Probes.Target(Launcher.plan(pod, c.spec, ctx, volumes == null ? Map.of() : volumes, podDir).env(),
                    podDir, c.spec, host(), c.isolated ? h.pid() : 0);
        } catch (PodConfigException e) {
            c.target = new Probes.Target(Map.of("PATH", Launcher.DEFAULT_PATH), podDir, c.spec, host(), c.isolated ? h.pid() : 0);
        }
        int run = c.run;
        h.onExit().thenAccept(x -> serial.execute(() -> exited(c, run, -1)));
        startProbes(c);
    }

    /** kubectl exec/attach in one of the pod's running containers. */
    synchronized dev.podium.runtime.ExecSession exec(dev.podium.runtime.ExecRequest request, Path logFile) {
        ContainerRun c = java.util.stream.Stream.concat(app.stream(), init.stream()).filter(r -> r.name.equals(request.container())).findFirst()
                .orElseThrow(() -> new IllegalStateException("container not found (\"" + request.container() + "\")"));
        if (c.process == null || !c.process.isAlive() || c.target == null) {
            throw new IllegalStateException("container " + request.container() + " is not running");
        }
        return ProcessExec.start(request, c.target, c.process.pid(), logFile);
    }

    void adoptVolumes(Map<String, Path> v) {
        this.volumes = v;
    }

    private String host() {
        return ctx.hostIP() == null || ctx.hostIP().isEmpty() ? "127.0.0.1" : ctx.hostIP();
    }

    // ---- exits and restarts ----------------------------------------------------------------

    /** {@code code} is -1 when unknown (a re-adopted process, which is not our child). */
    void exited(ContainerRun c, int run, int code) {
        if (c.run != run || c.process == null) return;
        Instant now = shared.clock().instant();
        long pid = c.process.pid();
        Path cg = c.cgroup;
        c.cgroup = null;
        boolean oom = MemoryCgroups.oomKilled(cg);
        shared.workers().execute(() -> {
            ProcessGroups.signal(pid, "KILL"); // leftovers of the group
            MemoryCgroups.remove(cg);
        });
        c.cancelTimer();
        c.stopProbes();
        shared.logs().untrack(c.log);
        c.process = null;
        c.child = null;
        c.status.ready = false;
        c.status.started = false;
        ContainerState.Terminated t;
        if (oom && code != 0) {
            t = oomKilled(code < 0 ? 137 : code, c.startedAt, now, c.status.containerID);
        } else if (code < 0) {
            t = unknownExit(c, now);
        } else {
            int signal = c.signalSent != 0 && code == 128 + c.signalSent ? c.signalSent : 0;
            t = ContainerState.Terminated.of(code, signal, c.startedAt, now, c.status.containerID);
        }
        ended(c, t);
    }

    /** A container the OOM killer ended for exceeding its memory limit (kubectl shows OOMKilled). */
    private static ContainerState.Terminated oomKilled(int code, Instant startedAt, Instant now, String containerID) {
        return new ContainerState.Terminated(code, 0, "OOMKilled", null, startedAt, now, containerID);
    }

    /** The container's hostname: spec.hostname, else the pod name (at most 63 characters). */
    private String hostname() {
        String h = Json.textAt(pod, "spec.hostname");
        if (h == null || h.isEmpty()) h = Json.textAt(pod, "metadata.name");
        if (h == null) return "";
        return h.length() > 63 ? h.substring(0, 63) : h;
    }

    private ContainerState.Terminated unknownExit(ContainerRun c, Instant now) {
        return new ContainerState.Terminated(137, 0, "ContainerStatusUnknown",
                "the process ended while it was not a child of this node agent; its exit code is unknown",
                c.startedAt, now, c.status.containerID);
    }

    // ---- probes -------------------------------------------------------------------------------

    @Override
    protected CompletableFuture<Boolean> check(ContainerRun c, JsonNode handler, Duration timeout) {
        return Probes.run(handler, c.target, timeout, shared.workers());
    }

    // ---- termination ---------------------------------------------------------------------------

    /** preStop, SIGTERM to the group, SIGKILL when the grace period is over. */
    @Override
    protected void kill(ContainerRun c, long graceSeconds) {
        if (!c.alive() || c.terminating) return;
        c.terminating = true;
        c.status.ready = false;
        c.stopProbes();
        int run = c.run;
        long pid = c.process.pid();
        long graceMs = graceSeconds * 1000L;
        if (graceSeconds == 0 && shared.settings().defaultGracePeriod().toMillis() < 1000) graceMs = shared.settings().defaultGracePeriod().toMillis();
        Instant deadline = shared.clock().instant().plusMillis(graceMs);
        JsonNode preStop = c.spec.path("lifecycle").get("preStop");
        CompletableFuture<Boolean> hook = preStop == null || preStop.isNull() || c.target == null || graceMs == 0
                ? CompletableFuture.completedFuture(true)
                : Probes.run(preStop, c.target, Duration.ofMillis(Math.max(1, graceMs)), shared.workers());
        hook.exceptionally(e -> false).thenAccept(x -> serial.execute(() -> {
            if (c.run != run || !c.alive()) return;
            c.signalSent = 15;
            shared.workers().execute(() -> ProcessGroups.signal(pid, "TERM"));
            long remaining = Math.max(0, Duration.between(shared.clock().instant(), deadline).toMillis());
            c.timer = shared.timer().schedule(() -> serial.execute(() -> {
                if (c.run != run || !c.alive()) return;
                c.signalSent = 9;
                shared.workers().execute(() -> ProcessGroups.signal(pid, "KILL"));
            }), remaining, TimeUnit.MILLISECONDS);
        }));
        publish();
    }

    @Override
    protected void checkStopped() {
        if (!stopping || stopped.isDone() || all().anyMatch(ContainerRun::alive)) return;
        Volumes.cleanup(podDir);
        saveState();
        stopped.complete(null);
    }

    @Override
    protected void changed() {
        saveState();
    }

    private void saveState() {
        if (stateFile != null) stateFile.save(this, stopping, nextInit);
    }
}
