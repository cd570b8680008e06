package dev.podium.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The kubelet's rules for one pod, whatever runs its containers: init containers in order, the restart
 * policy with CrashLoopBackOff, startup, readiness and liveness probes. A runtime's pod supervisor
 * extends it with how to launch, check and kill a container. Runs on the pod's {@link SerialExecutor}.
 */
public abstract class PodLifecycle<C extends ContainerRunning> {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PodLifecycle.class);

    public final String uid;
    public final SerialExecutor serial;
    /** The pod's own directory: volumes, logs, state. */
    public final java.nio.file.Path podDir;
    public final List<C> init = new ArrayList<>();
    public final List<C> app = new ArrayList<>();
    protected final ObjectNode pod;
    protected final String restartPolicy;
    private final ScheduledExecutorService timer;
    private final RuntimeSettings settings;
    private final StatusBuilder statusBuilder;
    protected volatile PodContext ctx;
    private volatile PodStatusListener listener;
    /** Re-adopted after a restart of the runtime and not yet claimed by the agent's startPod (see RunningPods). */
    volatile boolean adopted;
    /** How many init containers have succeeded. */
    protected int nextInit;
    protected boolean stopping;
    protected final CompletableFuture<Void> stopped = new CompletableFuture<>();
    public java.time.Instant startTime;
    /** The pod's volumes by name, once prepared. */
    protected java.util.Map<String, java.nio.file.Path> volumes;
    private java.util.concurrent.ScheduledFuture<?> retry;
    /** Rewrites the pod's projected service account tokens before they expire, as the kubelet does. */
    private java.util.concurrent.ScheduledFuture<?> tokenRefresh;
    private ObjectNode lastReported;

    protected PodLifecycle(ObjectNode pod, PodContext ctx, PodStatusListener listener, java.nio.file.Path podDir, SerialExecutor serial,
                           ScheduledExecutorService timer, RuntimeSettings settings, java.time.Clock clock) {
        this.pod = pod;
        this.uid = Json.textAt(pod, "metadata.uid");
        this.ctx = ctx;
        this.listener = listener;
        this.podDir = podDir;
        this.serial = serial;
        this.timer = timer;
        this.settings = settings;
        this.statusBuilder = new StatusBuilder(clock);
        this.restartPolicy = StatusBuilder.restartPolicy(pod);
    }

    public ObjectNode pod() {
        return pod;
    }

    /** The node the pod was bound to. */
    public String nodeName() {
        return Json.textAt(pod, "spec.nodeName");
    }

    /** A re-adopted pod gets the agent's listener and context, and its status is reported again. */
    public void attach(PodStatusListener l, PodContext context) {
        this.listener = l;
        this.ctx = context;
        serial.execute(() -> {
            lastReported = null;
            publish();
        });
    }

    /**
     * Prepares the pod's volumes (and the renewal of its service account tokens) unless done; false when it
     * cannot yet (a ConfigMap or Secret missing): the containers wait with the reason and it is tried again.
     */
    protected boolean volumesReady(java.nio.file.Path runtimeRoot) {
        if (volumes != null) return true;
        try {
            volumes = dev.podium.runtime.process.Volumes.prepare(pod, ctx, podDir, runtimeRoot);
            dev.podium.runtime.process.Volumes.tokenRefreshPeriod(pod).ifPresent(period -> tokenRefresh = timer.scheduleAtFixedRate(
                    () -> serial.execute(() -> dev.podium.runtime.process.Volumes.refreshTokens(pod, ctx, podDir)),
                    period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS));
            return true;
        } catch (dev.podium.runtime.process.PodConfigException e) {
            waitAll(e.reason, e.getMessage());
            scheduleRetry();
            return false;
        }
    }

    /** Every container not running waits with this reason. */
    protected void waitAll(String reason, String message) {
        all().filter(c -> !c.alive()).forEach(c -> c.status.state = new ContainerState.Waiting(reason, message));
        publish();
    }

    protected void scheduleRetry() {
        if (retry != null) retry.cancel(false);
        retry = timer.schedule(() -> serial.execute(this::proceed), settings.retryInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops every container (preStop, SIGTERM, SIGKILL after {@code graceSeconds}, the pod's own when negative); nothing restarts. */
    public CompletableFuture<Void> stop(long graceSeconds) {
        serial.execute(() -> {
            if (stopping) return;
            stopping = true;
            if (retry != null) retry.cancel(false);
            if (tokenRefresh != null) tokenRefresh.cancel(false);
            long grace = graceSeconds < 0 ? podGrace() : graceSeconds;
            all().forEach(c -> {
                c.cancelTimer();
                if (c.alive()) {
                    c.terminating = false;
                    kill(c, grace);
                } else if (c.status.state instanceof ContainerState.Waiting && c.status.lastState != null) {
                    c.status.state = c.status.lastState;
                }
            });
            publish();
            checkStopped();
        });
        return stopped;
    }

    // ---- reporting ---------------------------------------------------------------------------------

    /** Reports the pod's status if it changed. */
    public void publish() {
        ObjectNode status = statusBuilder.build(pod, ctx.hostIP(), startTime,
                init.stream().map(c -> c.status).toList(), app.stream().map(c -> c.status).toList(), stopping);
        withPodIPs(status);
        if (status.equals(lastReported)) return;
        lastReported = status;
        PodStatusListener l = listener;
        if (l == null) return;
        try {
            l.onStatus(uid, status);
        } catch (RuntimeException e) {
            log.warn("status listener failed for pod {}", uid, e);
        }
    }

    /** A runtime whose pods have their own addresses puts them in; the status has the node's by default. */
    protected void withPodIPs(ObjectNode status) {}

    public ObjectNode lastStatus() {
        return lastReported;
    }

    /** Starts running the pod (once). */
    public abstract void start();

    /** The next step of start-up (volumes, sandbox, the next init container, the app containers). */
    protected abstract void proceed();

    /** Starts a run of the container. */
    protected abstract void launch(C c);

    /** preStop, then SIGTERM and SIGKILL when {@code graceSeconds} are over. */
    protected abstract void kill(C c, long graceSeconds);

    /** Completes the stop once nothing runs any more. */
    protected abstract void checkStopped();

    /** One run of a probe or handler against the container's current run. */
    protected abstract CompletableFuture<Boolean> check(C c, JsonNode handler, Duration timeout);

    /** After a change worth keeping across a restart of the runtime (the process runtime writes its state file). */
    protected void changed() {}

    public Stream<C> all() {
        return Stream.concat(init.stream(), app.stream());
    }

    public boolean stopping() {
        return stopping;
    }

    public long podGrace() {
        JsonNode g = pod.path("spec").get("terminationGracePeriodSeconds");
        return g != null && g.canConvertToLong() ? g.asLong() : settings.defaultGracePeriod().toSeconds();
    }

    // ---- exits and restarts ------------------------------------------------------------------------

    /** Applies the restart policy to a container that just ended. */
    protected void ended(C c, ContainerState.Terminated t) {
        if (stopping) {
            c.status.state = t;
        } else if (c.status.init) {
            if (t.exitCode() == 0) {
                c.status.state = t;
                nextInit++;
                publish();
                changed();
                proceed();
                return;
            }
            if (restartPolicy.equals("Never")) c.status.state = t;
            else backOff(c, t);
        } else {
            boolean restart = restartPolicy.equals("Always") || (restartPolicy.equals("OnFailure") && t.exitCode() != 0);
            if (restart) backOff(c, t);
            else c.status.state = t;
        }
        changed();
        publish();
        checkStopped();
    }

    private void backOff(C c, ContainerState.Terminated t) {
        Duration delay = c.backoff.next(Duration.between(t.startedAt(), t.finishedAt()));
        c.status.lastState = t;
        c.status.state = new ContainerState.Waiting("CrashLoopBackOff", "back-off " + Backoff.goString(delay)
                + " restarting failed container=" + c.name + " pod=" + Json.textAt(pod, "metadata.name") + "_"
                + Json.textAt(pod, "metadata.namespace") + "(" + uid + ")");
        c.timer = timer.schedule(() -> serial.execute(() -> {
            c.timer = null;
            if (stopping || c.alive()) return;
            c.status.restartCount++;
            launch(c);
        }), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    // ---- probes ------------------------------------------------------------------------------------

    protected void startProbes(C c) {
        int run = c.run;
        JsonNode startup = c.spec.get("startupProbe");
        if (startup != null && !startup.isNull()) {
            c.status.started = false;
            c.status.ready = false;
            worker(c, startup, ok -> {
                if (c.run != run || !c.alive()) return;
                if (ok) {
                    c.stopProbes();
                    c.status.started = true;
                    startOtherProbes(c);
                    publish();
                } else {
                    kill(c, probeGrace(startup));
                }
            });
        } else {
            c.status.started = true;
            startOtherProbes(c);
        }
    }

    private void startOtherProbes(C c) {
        int run = c.run;
        JsonNode readiness = c.spec.get("readinessProbe");
        JsonNode liveness = c.spec.get("livenessProbe");
        boolean hasReadiness = readiness != null && !readiness.isNull() && !c.status.init;
        c.status.ready = !hasReadiness && !c.status.init;
        if (hasReadiness) worker(c, readiness, ok -> {
            if (c.run != run || !c.alive() || c.terminating) return;
            c.status.ready = ok;
            publish();
        });
        if (liveness != null && !liveness.isNull()) worker(c, liveness, ok -> {
            if (c.run != run || !c.alive() || ok) return;
            kill(c, probeGrace(liveness));
        });
    }

    private void worker(C c, JsonNode probe, Consumer<Boolean> onResult) {
        ProbeWorker w = new ProbeWorker(probe, timer, serial, () -> check(c, probe, ProbeWorker.timeout(probe)), onResult);
        c.probes.add(w);
        w.start();
    }

    private long probeGrace(JsonNode probe) {
        JsonNode g = probe.get("terminationGracePeriodSeconds");
        return g != null && g.canConvertToLong() ? g.asLong() : podGrace();
    }
}
