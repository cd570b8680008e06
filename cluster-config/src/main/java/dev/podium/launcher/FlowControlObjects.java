package dev.podium.launcher;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.objects.ObjectClient;
import dev.podium.actors.objects.ObjectCommand;
import dev.podium.model.flowcontrol.FlowControlDefaults;
import dev.podium.model.json.Times;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.persistence.watch.WatchCache;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * kube's APF configuration producer: the bootstrap flow schemas and priority levels are created
 * when missing (at start and then every minute), one after the other, without holding up the start:
 * until they exist, admission uses the same bootstrap configuration.
 */
final class FlowControlObjects {
    private FlowControlObjects() {}

    static CompletionStage<Void> ensureMissing(ObjectClient objects, WatchCache cache, Instant now) {
        ResourceKind levelKind = KindRegistry.get("PriorityLevelConfiguration.flowcontrol.apiserver.k8s.io");
        ResourceKind schemaKind = KindRegistry.get("FlowSchema.flowcontrol.apiserver.k8s.io");
        List<ObjectNode> levels = FlowControlDefaults.priorityLevels();
        List<String> levelNames = levels.stream().map(l -> l.path("metadata").path("name").asText()).toList();
        List<java.util.function.Supplier<CompletionStage<?>>> creates = new ArrayList<>();
        for (ObjectNode level : levels) creates.add(() -> createIfMissing(objects, cache, levelKind, level));
        for (ObjectNode schema : FlowControlDefaults.flowSchemas()) {
            String level = schema.path("spec").path("priorityLevelConfiguration").path("name").asText();
            schema.putObject("status").putArray("conditions")
                    .add(FlowControlDefaults.danglingCondition(level, levelNames.contains(level), Times.rfc3339(now)));
            creates.add(() -> createIfMissing(objects, cache, schemaKind, schema));
        }
        CompletionStage<?> chain = CompletableFuture.completedFuture(null);
        for (var create : creates) chain = chain.thenCompose(v -> create.get());
        return chain.thenApply(v -> null);
    }

    private static CompletionStage<?> createIfMissing(ObjectClient objects, WatchCache cache, ResourceKind kind, ObjectNode object) {
        String name = object.path("metadata").path("name").asText();
        if (cache.get(kind.entityTypeName(), name).isPresent()) return CompletableFuture.completedFuture(null);
        // an AlreadyExists answer means another member was first: nothing to do
        return objects.ask(kind, name, r -> new ObjectCommand.Create(object, false, r));
    }
}
