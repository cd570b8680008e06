package dev.podium.launcher;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.objects.ObjectClient;
import dev.podium.actors.objects.ObjectCommand;
import dev.podium.actors.objects.ObjectEntity;
import dev.podium.actors.objects.ObjectReply;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.persistence.watch.WatchCache;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The namespaces every cluster has from the start. */
final class SystemNamespaces {
    static final List<String> NAMES = List.of("default", "kube-system", "kube-public", "kube-node-lease");

    private SystemNamespaces() {}

    static CompletionStage<Void> ensure(ObjectClient objects, WatchCache cache) {
        ResourceKind ns = KindRegistry.get("Namespace");
        CompletableFuture<?>[] all = NAMES.stream()
                .filter(name -> cache.get(ns.entityTypeName(), name).isEmpty())
                .map(name -> objects.ask(ns, name, r -> new ObjectCommand.Create(namespace(name), false, r))
                        // another member created it first: read it, so this member's cache is waited for either way
                        .thenCompose(reply -> reply instanceof ObjectReply.Done ? CompletableFuture.completedFuture(reply)
                                : objects.ask(ns, name, ObjectCommand.Get::new))
                        .thenCompose(reply -> reply instanceof ObjectReply.Done d
                                ? cache.awaitApplied(ObjectEntity.persistenceId(ns, name), d.seqNr(), 10_000).thenApply(v -> null)
                                : CompletableFuture.completedFuture(null))
                        .toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(all);
    }

    private static ObjectNode namespace(String name) {
        ObjectNode o = Json.object();
        o.put("apiVersion", "v1");
        o.put("kind", "Namespace");
        o.putObject("metadata").put("name", name).putObject("labels").put("kubernetes.io/metadata.name", name);
        return o;
    }
}
