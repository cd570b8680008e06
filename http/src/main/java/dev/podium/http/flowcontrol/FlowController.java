package dev.podium.http.flowcontrol;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * API Priority and Fairness: every request is classified by the flow schemas into a priority
 * level, runs when the level has a seat, waits in one of its fair queues when it has none, and is
 * refused with 429 when that queue is full, its wait ran out or the level rejects outright.
 * <p>
 * Seats: a level always gets its {@code min} (nominal minus what it lends); above that it borrows
 * while the seats nobody is guaranteed are not all taken, up to its {@code max}. kube re-divides
 * lendable seats every 10 s from observed demand; here borrowing is decided at each admission.
 */
public final class FlowController {
    private final Source source;
    private final int serverLimit;
    private final Duration queueWait;
    private final Clock clock;
    private final BiConsumer<Duration, Runnable> timer;
    private final Map<String, LevelState> states = new LinkedHashMap<>();
    private FlowControlConfig config;
    private long configVersion = -1;

    /** The stored FlowSchemas and PriorityLevelConfigurations, with a version that changes whenever one does. */
    public interface Source {
        long version();

        List<ObjectNode> flowSchemas();

        List<ObjectNode> priorityLevels();
    }

    /**
     * {@code serverLimit} is the concurrency the levels share (kube: max-requests-inflight +
     * max-mutating-requests-inflight); {@code timer} runs a task after a delay (queue waits).
     */
    public FlowController(Source source, int serverLimit, Duration queueWait, Clock clock,
                          BiConsumer<Duration, Runnable> timer) {
        this.source = source;
        this.serverLimit = serverLimit;
        this.queueWait = queueWait;
        this.clock = clock;
        this.timer = timer;
    }

    /**
     * Runs {@code work} once the request's level admits it, and frees its seat when the work's
     * answer is ready (for a watch: once it started streaming). Fails with {@link TooManyRequests}
     * when refused.
     */
    public <T> CompletionStage<T> run(RequestAttributes request, Function<Classified, CompletionStage<T>> work) {
        Classified c;
        LevelState level;
        LevelState.Waiter waiter = null;
        synchronized (this) {
            c = configuration().classify(request);
            // exempt requests take no seat
            level = c.level().exempt() ? null : states.get(c.levelName());
            if (level != null && canTake(level)) {
                level.inUse++;
            } else if (level != null && (level.spec.reject() || !level.enqueue(waiter = new LevelState.Waiter(c)))) {
                level.retryAfter.dropped();
                return CompletableFuture.failedFuture(new TooManyRequests(level.retryAfter.seconds(), c));
            }
        }
        if (level == null) return work.apply(c);
        if (waiter == null) return runHolding(level, c, work);
        LevelState.Waiter queued = waiter;
        timer.accept(queueWait, () -> expire(level, queued, c));
        return queued.admitted.thenCompose(v -> runHolding(level, c, work));
    }

    private <T> CompletionStage<T> runHolding(LevelState level, Classified c, Function<Classified, CompletionStage<T>> work) {
        CompletionStage<T> answer;
        try {
            answer = work.apply(c);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.whenComplete((r, e) -> release(level));
    }

    private void expire(LevelState level, LevelState.Waiter waiter, Classified c) {
        synchronized (this) {
            if (!level.remove(waiter)) return;
        }
        level.retryAfter.dropped();
        waiter.admitted.completeExceptionally(new TooManyRequests(level.retryAfter.seconds(), c));
    }

    /** A seat is free: hand it, and any borrowable seats, to waiting requests, this level's first. */
    private void release(LevelState released) {
        List<LevelState.Waiter> admitted = new ArrayList<>();
        synchronized (this) {
            released.inUse--;
            admitFrom(released, admitted);
            for (LevelState l : states.values()) if (l != released && l.waiting > 0) admitFrom(l, admitted);
        }
        for (LevelState.Waiter w : admitted) w.admitted.complete(null);
    }

    private void admitFrom(LevelState level, List<LevelState.Waiter> admitted) {
        while (level.waiting > 0 && canTake(level)) {
            LevelState.Waiter w = level.next();
            level.inUse++;
            admitted.add(w);
        }
    }

    private boolean canTake(LevelState level) {
        if (level.inUse >= level.limits.max()) return false;
        if (level.inUse < level.limits.min()) return true;
        int reserved = 0;
        for (LevelState l : states.values()) if (!l.spec.exempt()) reserved += Math.max(l.inUse, l.limits.min());
        return reserved < serverLimit;
    }

    private synchronized FlowControlConfig configuration() {
        long version = source.version();
        if (version != configVersion) {
            config = FlowControlConfig.of(source.flowSchemas(), source.priorityLevels(), serverLimit);
            configVersion = version;
            for (LevelSpec spec : config.levels().values()) {
                LevelState s = states.get(spec.name());
                if (s == null) states.put(spec.name(), new LevelState(spec, config.limits(spec.name()), clock));
                else s.reconfigure(spec, config.limits(spec.name()));
            }
            // a deleted level's state goes once nothing holds or waits for its seats
            states.values().removeIf(s -> !config.levels().containsKey(s.spec.name()) && s.inUse == 0 && s.waiting == 0);
        }
        return config;
    }

    /** Per level: seats in use and requests waiting, for readiness reports. */
    public synchronized Map<String, String> load() {
        Map<String, String> out = new LinkedHashMap<>();
        for (LevelState l : states.values()) {
            if (l.spec.exempt()) continue;
            out.put(l.spec.name(), l.inUse + "/" + l.limits.nominal() + " seats, " + l.waiting + " waiting");
        }
        return out;
    }
}
