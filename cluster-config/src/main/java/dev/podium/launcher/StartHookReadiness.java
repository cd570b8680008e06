package dev.podium.launcher;

import dev.podium.http.ReadinessCheck;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A {@code poststarthook/...} line of {@code /readyz}, as kube-apiserver's: not ready until the
 * start-up work it names is done, so a client that waits for readiness finds the {@code default}
 * namespace and the other system objects there.
 */
final class StartHookReadiness implements ReadinessCheck {
    private final String hook;
    private volatile boolean done;

    StartHookReadiness(String hook) {
        this.hook = hook;
    }

    void done() {
        done = true;
    }

    @Override
    public String name() {
        return "poststarthook/" + hook;
    }

    @Override
    public CompletionStage<Result> check(boolean verbose) {
        return CompletableFuture.completedFuture(new Result(done, done || !verbose ? List.of() : List.of("not finished")));
    }
}
