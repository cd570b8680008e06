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
    public final String uid;
    public final SerialExecutor serial;
    public final List<C> init = new ArrayList<>();
    public final List<C> app = new ArrayList<>();
    protected final ObjectNode pod;
    protected final String restartPolicy;
    private final ScheduledExecutorService timer;
    private final RuntimeSettings settings;
    /** How many init containers have succeeded. */
    protected int nextInit;
    protected boolean stopping;

    protected PodLifecycle(ObjectNode pod, SerialExecutor serial, ScheduledExecutorService timer, RuntimeSettings settings) {
        this.pod = pod;
        this.uid = Json.textAt(pod, "metadata.uid");
        this.serial = serial;
        this.timer = timer;
        this.settings = settings;
        this.restartPolicy = StatusBuilder.restartPolicy(pod);
    }

    /** The next step of start-up (volumes, sandbox, the next init container, the app containers). */
    protected abstract void proceed();

    /** Starts a run of the container. */
    protected abstract void launch(C c);

    /** preStop, then SIGTERM and SIGKILL when {@code graceSeconds} are over. */
    protected abstract void kill(C c, long graceSeconds);

    /** Reports the pod's status if it changed. */
    public abstract void publish();

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
