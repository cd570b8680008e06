package dev.podium.launcher;

import dev.podium.http.ReadinessCheck;
import dev.podium.persistence.db.StoreHealth;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The {@code database} line of {@code /readyz}: not ready while the probe finds the database unreachable (as kube-apiserver's etcd check). */
final class DatabaseReadiness implements ReadinessCheck {
    private final StoreHealth health;

    DatabaseReadiness(StoreHealth health) {
        this.health = health;
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public CompletionStage<Result> check(boolean verbose) {
        return CompletableFuture.completedFuture(new Result(health.reachable(), verbose ? List.of(health.describe()) : List.of()));
    }
}
