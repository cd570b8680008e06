package dev.podium.launcher;

import dev.podium.actors.objects.BoundedObjectClient;
import dev.podium.http.ReadinessCheck;
import dev.podium.http.flowcontrol.FlowController;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The {@code object-store} line of {@code /readyz}: how many of the API's and the node agents'
 * asks (and the controllers' and scheduler's) are out and waiting; not ready while the API's line is full (new writes get 429).
 */
final class ObjectStoreLoad implements ReadinessCheck {
    private final BoundedObjectClient api;
    private final HeartbeatLane agents;
    private final BoundedObjectClient controllers;
    /** null when flow control is off. */
    private final FlowController flowControl;

    ObjectStoreLoad(BoundedObjectClient api, HeartbeatLane agents, BoundedObjectClient controllers, FlowController flowControl) {
        this.api = api;
        this.agents = agents;
        this.controllers = controllers;
        this.flowControl = flowControl;
    }

    @Override
    public String name() {
        return "object-store";
    }

    @Override
    public CompletionStage<Result> check(boolean verbose) {
        boolean ok = !api.saturated();
        List<String> details = new ArrayList<>();
        if (verbose) {
            details.add("API requests: " + api.load() + (ok ? "" : " (full: new requests get 429)"));
            details.add("node heartbeats (Node and Lease writes): " + agents.heartbeats.load());
            details.add("node agents' pod writes: " + agents.pods.load());
            details.add("controllers and scheduler: " + controllers.load());
            if (flowControl != null) flowControl.load().forEach((level, load) -> details.add("priority level " + level + ": " + load));
        }
        return CompletableFuture.completedFuture(new Result(ok, details));
    }
}
