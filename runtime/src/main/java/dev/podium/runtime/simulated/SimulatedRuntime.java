package dev.podium.runtime.simulated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;
import dev.podium.runtime.Backoff;
import dev.podium.runtime.ContainerRuntime;
import dev.podium.runtime.ContainerState;
import dev.podium.runtime.ContainerStatus;
import dev.podium.runtime.PodContext;
import dev.podium.runtime.PodStatusListener;
import dev.podium.runtime.RuntimeSettings;
import dev.podium.runtime.SerialExecutor;
import dev.podium.runtime.StatusBuilder;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A KWOK-like runtime: no processes. Init containers complete at once, app containers become Running after
 * {@code simulatedStartDelay} (first reported as ContainerCreating, unless the delay is zero). Annotations {@code podium.dev/simulate-run-seconds: "N"} (the containers exit
 * after N seconds; fractions allowed) and {@code podium.dev/simulate-exit-code: "N"} (default 0) make pods
 * complete; the restart policy applies, with CrashLoopBackOff from the settings. stopPod ends the pod at once,
 * reporting exit code 143. One timer thread and a small pool serve every pod, so tens of thousands fit a JVM.
 */
public final class SimulatedRuntime implements ContainerRuntime {
    public static final String RUN_SECONDS = "podium.dev/simulate-run-seconds";
    public static final String EXIT_CODE = "podium.dev/simulate-exit-code";

    private final Clock clock;
    private final RuntimeSettings settings;
    private final ScheduledExecutorService timer;
    private final ExecutorService workers;
    private final Map<String, SimPod> pods = new ConcurrentHashMap<>();
    /** Pod uids by node: one runtime serves thousands of simulated nodes, each asking for its own pods every resync. */
    private final Map<String, Set<String>> byNode = new ConcurrentHashMap<>();

    public SimulatedRuntime(Clock clock, RuntimeSettings settings) {
        this.clock = clock;
        this.settings = settings;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "podium-sim-timer"));
        this.workers = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), r -> daemon(r, "podium-sim"));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public String name() {
        return "simulated";
    }

    @Override
    public void startPod(ObjectNode pod, PodContext context, PodStatusListener listener) {
        String uid = Json.textAt(pod, "metadata.uid");
        SimPod p = new SimPod(uid, pod, context.nodeName(), context.hostIP(), listener);
        if (pods.putIfAbsent(uid, p) == null) {
            if (p.nodeName != null) byNode.computeIfAbsent(p.nodeName, n -> ConcurrentHashMap.newKeySet()).add(uid);
            p.serial.execute(p::start);
        }
    }

    @Override
    public CompletionStage<Void> stopPod(String podUid, long gracePeriodSeconds) {
        SimPod p = pods.get(podUid);
        if (p == null) return CompletableFuture.completedFuture(null);
        CompletableFuture<Void> done = new CompletableFuture<>();
        p.serial.execute(() -> {
            p.stop();
            done.complete(null);
        });
        return done;
    }

    /** Forgets a stopped pod. */
    @Override
    public void forget(String podUid) {
        removePod(podUid);
    }

    public void removePod(String podUid) {
        SimPod p = pods.remove(podUid);
        if (p != null && p.nodeName != null) byNode.computeIfPresent(p.nodeName, (n, uids) -> uids.remove(podUid) && uids.isEmpty() ? null : uids);
    }

    @Override
    public Set<String> knownPods(String nodeName) {
        return Set.copyOf(byNode.getOrDefault(nodeName, Set.of()));
    }

    @Override
    public boolean knows(String podUid) {
        return pods.containsKey(podUid);
    }

    @Override
    public Optional<Path> logFile(String podUid, String container, boolean previous) {
        return Optional.empty();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        workers.shutdownNow();
    }

    private final class SimPod {
        final String uid;
        final ObjectNode pod;
        final String nodeName;
        final String hostIP;
        final PodStatusListener listener;
        final SerialExecutor serial = new SerialExecutor(workers);
        final StatusBuilder status = new StatusBuilder(clock);
        final List<ContainerStatus> init = new ArrayList<>();
        final List<ContainerStatus> app = new ArrayList<>();
        final String policy;
        final Duration runFor;
        final int exitCode;
        Backoff backoff;
        Instant startTime;
        boolean stopping;
        ScheduledFuture<?> next;
        int generation;

        SimPod(String uid, ObjectNode pod, String nodeName, String hostIP, PodStatusListener listener) {
            this.uid = uid;
            this.pod = pod;
            this.nodeName = nodeName;
            this.hostIP = hostIP;
            this.listener = listener;
            this.policy = StatusBuilder.restartPolicy(pod);
            JsonNode ann = pod.path("metadata").path("annotations");
            Duration d = null;
            try {
                if (ann.has(RUN_SECONDS)) d = Duration.ofMillis((long) (Double.parseDouble(ann.get(RUN_SECONDS).asText()) * 1000));
            } catch (NumberFormatException ignored) {
                // runs forever
            }
            this.runFor = d;
            int code = 0;
            try {
                code = Integer.parseInt(ann.path(EXIT_CODE).asText("0"));
            } catch (NumberFormatException ignored) {
                // 0
            }
            this.exitCode = code;
            for (JsonNode c : pod.path("spec").path("initContainers"))
                init.add(new ContainerStatus(c.path("name").asText(), c.path("image").asText(""), true, new ContainerState.Waiting("PodInitializing", null)));
            for (JsonNode c : pod.path("spec").path("containers"))
                app.add(new ContainerStatus(c.path("name").asText(), c.path("image").asText(""), false, new ContainerState.Waiting("ContainerCreating", null)));
        }

        /** With no start delay the pod is Running in its first status, as KWOK reports it: there is no moment to show ContainerCreating. */
        void start() {
            startTime = clock.instant();
            if (settings.simulatedStartDelay().isZero() || settings.simulatedStartDelay().isNegative()) {
                run();
                return;
            }
            publish();
            schedule(settings.simulatedStartDelay(), this::run);
        }

        private void schedule(Duration d, Runnable r) {
            int gen = generation;
            next = timer.schedule(() -> serial.execute(() -> {
                if (!stopping && gen == generation) r.run();
            }), Math.max(0, d.toMillis()), TimeUnit.MILLISECONDS);
        }

        private String id(ContainerStatus c) {
            return "simulated://" + uid + "/" + c.name + "/" + c.restartCount;
        }

        void run() {
            Instant now = clock.instant();
            for (ContainerStatus c : init) {
                if (c.succeeded()) continue;
                c.containerID = id(c);
                c.state = new ContainerState.Terminated(0, 0, "Completed", null, now, now, c.containerID);
            }
            for (ContainerStatus c : app) {
                if (c.state instanceof ContainerState.Terminated) continue;
                c.containerID = id(c);
                c.state = new ContainerState.Running(now);
                c.started = true;
                c.ready = true;
            }
            publish();
            if (runFor != null) schedule(runFor, this::exit);
        }

        void exit() {
            Instant now = clock.instant();
            boolean restart = policy.equals("Always") || (policy.equals("OnFailure") && exitCode != 0);
            Duration delay = null;
            for (ContainerStatus c : app) {
                if (!(c.state instanceof ContainerState.Running r)) continue;
                ContainerState.Terminated t = ContainerState.Terminated.of(exitCode, 0, r.startedAt(), now, c.containerID);
                c.ready = false;
                c.started = false;
                if (restart) {
                    if (backoff == null) backoff = Backoff.of(settings);
                    if (delay == null) delay = backoff.next(Duration.between(r.startedAt(), now));
                    c.lastState = t;
                    c.state = new ContainerState.Waiting("CrashLoopBackOff", "back-off " + Backoff.goString(delay)
                            + " restarting failed container=" + c.name + " pod=" + Json.textAt(pod, "metadata.name") + "_"
                            + Json.textAt(pod, "metadata.namespace") + "(" + uid + ")");
                } else {
                    c.state = t;
                }
            }
            publish();
            if (delay != null) schedule(delay, () -> {
                app.forEach(c -> {
                    if (c.state instanceof ContainerState.Waiting) c.restartCount++;
                });
                run();
            });
        }

        void stop() {
            if (stopping) return;
            stopping = true;
            generation++;
            if (next != null) next.cancel(false);
            Instant now = clock.instant();
            for (ContainerStatus c : app) {
                c.ready = false;
                if (c.state instanceof ContainerState.Running r) {
                    c.state = new ContainerState.Terminated(143, 15, "Error", null, r.startedAt(), now, c.containerID);
                } else if (c.state instanceof ContainerState.Waiting && c.lastState != null) {
                    c.state = c.lastState;
                }
            }
            publish();
        }

        void publish() {
            ObjectNode st = status.build(pod, hostIP, startTime, init, app, stopping);
            try {
                listener.onStatus(uid, st);
            } catch (RuntimeException ignored) {
                // the listener's problem
            }
        }
    }
}
