package dev.podium.actors.kubelet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.objects.ObjectClient;
import dev.podium.actors.objects.ObjectCommand;
import dev.podium.actors.objects.ObjectReply;
import dev.podium.model.json.Json;
import dev.podium.model.json.Times;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.patch.PatchType;
import org.slf4j.Logger;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A node agent's registration, as kubelet's: creates its Node (or finds it) and writes its
 * status, and renews its Lease in {@code kube-node-lease}, creating it when missing.
 */
final class NodeRegistration {
    private static final ResourceKind NODE = KindRegistry.get("Node");
    private static final ResourceKind LEASE = KindRegistry.get("Lease.coordination.k8s.io");

    private final LocalNode node;
    private final ObjectClient objects;
    private final Clock clock;
    private final int kubeletPort;
    private final Logger log;
    /** One renewal at a time, as kubelet's lease controller: a slow store must not collect a backlog of them. */
    private final AtomicBoolean renewing = new AtomicBoolean();
    private java.util.List<ObjectNode> lastImages;

    NodeRegistration(LocalNode node, ObjectClient objects, Clock clock, int kubeletPort, Logger log) {
        this.node = node;
        this.objects = objects;
        this.clock = clock;
        this.kubeletPort = kubeletPort;
        this.log = log;
    }

    void register() {
        ObjectNode status = NodeObjects.status(node, Times.now(clock), kubeletPort);
        objects.ask(NODE, node.name(), r -> new ObjectCommand.Create(NodeObjects.node(node), false, r))
                .thenCompose(created -> objects.ask(NODE, node.name(), r -> new ObjectCommand.Patch(PatchType.MERGE_PATCH.name(),
                        Json.object().set("status", status), 0, true, "", false, false, r)))
                .whenComplete((reply, failure) -> {
                    if (failure != null) log.warn("registering node {} failed: {}", node.name(), failure.getMessage());
                });
    }

    /** Writes the node's {@code status.images} again when the runtime's images changed (an import, a pull). */
    void refreshImages() {
        var images = node.runtime().images();
        if (images.equals(lastImages)) return;
        boolean first = lastImages == null;
        lastImages = images;
        if (first) return;
        ObjectNode status = Json.object();
        images.forEach(status.putObject("status").putArray("images")::add);
        objects.ask(NODE, node.name(), r -> new ObjectCommand.Patch(PatchType.MERGE_PATCH.name(), status, 0, true, "", false, false, r));
    }

    /** Renews the Lease, unless the previous renewal is still waiting for its answer (then this one is skipped). */
    void renewLease() {
        if (!renewing.compareAndSet(false, true)) return;
        String renewTime = Times.rfc3339Micro(clock.instant());
        String id = "kube-node-lease/" + node.name();
        ObjectNode patch = Json.object();
        patch.putObject("spec").put("renewTime", renewTime).put("holderIdentity", node.name());
        objects.ask(LEASE, id, r -> new ObjectCommand.Patch(PatchType.MERGE_PATCH.name(), patch, 0, false, "", false, false, r))
                .thenCompose(reply -> reply instanceof ObjectReply.Rejected rej && rej.error().code() == 404
                        ? objects.ask(LEASE, id, r -> new ObjectCommand.Create(NodeObjects.lease(node, renewTime), false, r))
                        : java.util.concurrent.CompletableFuture.completedFuture(reply))
                .whenComplete((reply, failure) -> renewing.set(false));
    }
}
