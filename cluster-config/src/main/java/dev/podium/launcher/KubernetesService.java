package dev.podium.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.objects.ObjectClient;
import dev.podium.actors.objects.ObjectCommand;
import dev.podium.actors.objects.ObjectEntity;
import dev.podium.actors.objects.ObjectReply;
import dev.podium.actors.services.ServiceAllocator;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.persistence.watch.CachedObject;
import dev.podium.persistence.watch.WatchCache;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The {@code kubernetes} Service in {@code default}, as every Kubernetes cluster has it: cluster
 * IP 10.96.0.1 (the first of the range, never handed out at random), port 443 named https, no
 * selector; its Endpoints list the API address of every member that started (each member adds
 * its own as it starts).
 */
final class KubernetesService {
    private static final ResourceKind SERVICE = KindRegistry.get("Service");
    private static final ResourceKind ENDPOINTS = KindRegistry.get("Endpoints");
    private static final String KEY = "default/kubernetes";
    private static final int ATTEMPTS = 5;

    private KubernetesService() {}

    /** {@code alone}: this member is the whole cluster, so the Endpoints hold its address only (a restart on another port replaces the old one). */
    static CompletionStage<Void> ensure(ObjectClient objects, WatchCache cache, ServiceAllocator allocator, String host, int port, boolean alone) {
        CompletionStage<?> service = cache.get("Service", KEY).isPresent() ? CompletableFuture.completedFuture(null)
                : allocator.write(KEY, 0, (seq, dryRun) -> r -> new ObjectCommand.Create(service(port), dryRun, r));
        return service.thenCompose(v -> addEndpoint(objects, cache, host, port, alone, ATTEMPTS));
    }

    private static ObjectNode service(int port) {
        ObjectNode svc = Json.object().put("apiVersion", "v1").put("kind", "Service");
        svc.putObject("metadata").put("name", "kubernetes").put("namespace", "default").putObject("labels")
                .put("component", "apiserver").put("provider", "kubernetes");
        ObjectNode spec = svc.putObject("spec").put("type", "ClusterIP").put("clusterIP", "10.96.0.1").put("sessionAffinity", "None");
        spec.putArray("ports").addObject().put("name", "https").put("port", 443).put("protocol", "TCP").put("targetPort", port);
        return svc;
    }

    /** Adds this member's address to the Endpoints, at the version read (another member adding its own meanwhile means read again). */
    private static CompletionStage<Void> addEndpoint(ObjectClient objects, WatchCache cache, String host, int port, boolean alone, int attempts) {
        Optional<CachedObject> current = cache.get("Endpoints", KEY);
        ObjectNode endpoints = current.map(c -> c.object().deepCopy()).orElseGet(KubernetesService::emptyEndpoints);
        if (alone) endpoints.putArray("subsets");
        if (!add(endpoints, host, port) && !alone) return CompletableFuture.completedFuture(null);
        long seq = current.map(CachedObject::seqNr).orElse(0L);
        CompletionStage<ObjectReply> write = current.isPresent()
                ? objects.ask(ENDPOINTS, KEY, r -> new ObjectCommand.Update(endpoints, seq, false, false, r))
                : objects.ask(ENDPOINTS, KEY, r -> new ObjectCommand.Create(endpoints, false, r));
        return write.thenCompose(reply -> {
            if (reply instanceof ObjectReply.Done d) {
                return cache.awaitApplied(ObjectEntity.persistenceId(ENDPOINTS, KEY), d.seqNr(), 10_000).thenApply(rv -> (Void) null);
            }
            if (attempts <= 1) return CompletableFuture.completedFuture(null);
            // lost a race with another member: wait until this cache holds the Endpoints as they now are, then again
            return objects.ask(ENDPOINTS, KEY, ObjectCommand.Get::new).thenCompose(now -> now instanceof ObjectReply.Done d
                    ? cache.awaitApplied(ObjectEntity.persistenceId(ENDPOINTS, KEY), d.seqNr(), 10_000).thenApply(rv -> (Void) null)
                    : CompletableFuture.<Void>completedFuture(null)).thenCompose(v -> addEndpoint(objects, cache, host, port, alone, attempts - 1));
        });
    }

    private static ObjectNode emptyEndpoints() {
        ObjectNode ep = Json.object().put("apiVersion", "v1").put("kind", "Endpoints");
        ep.putObject("metadata").put("name", "kubernetes").put("namespace", "default").putObject("labels")
                .put("endpointslice.kubernetes.io/skip-mirror", "true");
        ep.putArray("subsets");
        return ep;
    }

    /** Puts host:port into the subset of that port (made if needed); false when it is there already. */
    static boolean add(ObjectNode endpoints, String host, int port) {
        ArrayNode subsets = endpoints.withArray("subsets");
        for (JsonNode subset : subsets) {
            if (subset.path("ports").path(0).path("port").asInt() != port) continue;
            for (JsonNode a : subset.path("addresses")) if (a.path("ip").asText().equals(host)) return false;
            ((ObjectNode) subset).withArray("addresses").addObject().put("ip", host);
            return true;
        }
        ObjectNode subset = subsets.addObject();
        subset.putArray("addresses").addObject().put("ip", host);
        subset.putArray("ports").addObject().put("name", "https").put("port", port).put("protocol", "TCP");
        return true;
    }
}
