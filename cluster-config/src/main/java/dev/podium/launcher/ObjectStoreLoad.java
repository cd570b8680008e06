package dev.podium.launcher;

import dev.podium.actors.objects.BoundedObjectClient;
import dev.podium.http.ReadinessCheck;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The {@code object-store} line of {@code /readyz}: how many of the API's and the node agents'
 * asks are out and waiting; not ready while the API's line is full (new writes get 429).
 */
final class ObjectStoreLoad implements ReadinessCheck {
    private final BoundedObjectClient api;
    private final BoundedObjectClient agents;

    ObjectStoreLoad(BoundedObjectClient api, BoundedObjectClient agents) {
        this.api = api;
        this.agents = agents;
    }

    @Override
    public String name() {
        return "object-store";
    }

    @Override
    public CompletionStage<Result> check(boolean verbose) {
        boolean ok = !api.saturated();
        List<String> details = verbose ? List.of("API requests: " + api.load() + (ok ? "" : " (full: new requests get 429)"),
                "node agents: " + agents.load()) : List.of();
        return CompletableFuture.completedFuture(new Result(ok, details));
    }
}
