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

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A Service the API members themselves back, as Kubernetes has them: {@code default/kubernetes}
 * (cluster IP 10.96.0.1, port 443 named https, to each member's API) and
 * {@code kube-system/kube-dns} (10.96.0.10, port 53 over UDP and TCP, to each member's DNS
 * server). No selector; each member adds its own address to the Endpoints as it starts.
 */
record MemberService(String namespace, String name, String clusterIP, Map<String, String> labels, List<Port> ports) {
    static final String CLUSTER_DNS_IP = "10.96.0.10";
    static final String KUBERNETES_IP = "10.96.0.1";
    private static final ResourceKind ENDPOINTS = KindRegistry.get("Endpoints");
    private static final int ATTEMPTS = 5;

    /** A Service port and the member port it goes to. */
    record Port(String name, String protocol, int port, int memberPort) {}

    static MemberService kubernetes(int apiPort) {
        return new MemberService("default", "kubernetes", KUBERNETES_IP, Map.of("component", "apiserver", "provider", "kubernetes"),
                List.of(new Port("https", "TCP", 443, apiPort)));
    }

    static MemberService dns(int dnsPort) {
        return new MemberService("kube-system", "kube-dns", CLUSTER_DNS_IP, Map.of("k8s-app", "kube-dns", "kubernetes.io/name", "CoreDNS"),
                List.of(new Port("dns", "UDP", 53, dnsPort), new Port("dns-tcp", "TCP", 53, dnsPort)));
    }

    String key() {
        return namespace + "/" + name;
    }

    /** {@code alone}: this member is the whole cluster, so the Endpoints hold its address only (a restart on another port replaces the old one). */
    CompletionStage<Void> ensure(ObjectClient objects, WatchCache cache, ServiceAllocator allocator, String host, boolean alone) {
        CompletionStage<?> service = cache.get("Service", key()).isPresent() ? CompletableFuture.completedFuture(null)
                : allocator.write(key(), 0, (seq, dryRun) -> r -> new ObjectCommand.Create(service(), dryRun, r));
        return service.thenCompose(v -> addEndpoint(objects, cache, host, alone, ATTEMPTS));
    }

    private ObjectNode service() {
        ObjectNode svc = Json.object().put("apiVersion", "v1").put("kind", "Service");
        ObjectNode meta = svc.putObject("metadata").put("name", name).put("namespace", namespace);
        labels.forEach(meta.putObject("labels")::put);
        ObjectNode spec = svc.putObject("spec").put("type", "ClusterIP").put("clusterIP", clusterIP).put("sessionAffinity", "None");
        ArrayNode ports = spec.putArray("ports");
        for (Port p : this.ports) ports.addObject().put("name", p.name()).put("port", p.port()).put("protocol", p.protocol()).put("targetPort", p.memberPort());
        return svc;
    }

    /** Adds this member's address to the Endpoints, at the version read (another member adding its own meanwhile means read again). */
    private CompletionStage<Void> addEndpoint(ObjectClient objects, WatchCache cache, String host, boolean alone, int attempts) {
        Optional<CachedObject> current = cache.get("Endpoints", key());
        ObjectNode endpoints = current.map(c -> c.object().deepCopy()).orElseGet(this::emptyEndpoints);
        if (alone) endpoints.putArray("subsets");
        if (!add(endpoints, host) && !alone) return CompletableFuture.completedFuture(null);
        long seq = current.map(CachedObject::seqNr).orElse(0L);
        CompletionStage<ObjectReply> write = current.isPresent()
                ? objects.ask(ENDPOINTS, key(), r -> new ObjectCommand.Update(endpoints, seq, false, false, r))
                : objects.ask(ENDPOINTS, key(), r -> new ObjectCommand.Create(endpoints, false, r));
        String persistenceId = ObjectEntity.persistenceId(ENDPOINTS, key());
        return write.thenCompose(reply -> {
            if (reply instanceof ObjectReply.Done d) return cache.awaitApplied(persistenceId, d.seqNr(), 10_000).thenApply(rv -> (Void) null);
            if (attempts <= 1) return CompletableFuture.completedFuture(null);
            // lost a race with another member: wait until this cache holds the Endpoints as they now are, then again
            return objects.ask(ENDPOINTS, key(), ObjectCommand.Get::new).thenCompose(now -> now instanceof ObjectReply.Done d
                    ? cache.awaitApplied(persistenceId, d.seqNr(), 10_000).thenApply(rv -> (Void) null)
                    : CompletableFuture.<Void>completedFuture(null)).thenCompose(v -> addEndpoint(objects, cache, host, alone, attempts - 1));
        });
    }

    private ObjectNode emptyEndpoints() {
        ObjectNode ep = Json.object().put("apiVersion", "v1").put("kind", "Endpoints");
        ObjectNode meta = ep.putObject("metadata").put("name", name).put("namespace", namespace);
        ObjectNode l = meta.putObject("labels");
        labels.forEach(l::put);
        l.put("endpointslice.kubernetes.io/skip-mirror", "true");
        ep.putArray("subsets");
        return ep;
    }

    /** Puts host into the subset of this member's ports (made if needed); false when it is there already. */
    boolean add(ObjectNode endpoints, String host) {
        ArrayNode subsets = endpoints.withArray("subsets");
        ArrayNode wanted = Json.MAPPER.createArrayNode();
        for (Port p : ports) wanted.addObject().put("name", p.name()).put("port", p.memberPort()).put("protocol", p.protocol());
        for (JsonNode subset : subsets) {
            if (!subset.path("ports").equals(wanted)) continue;
            for (JsonNode a : subset.path("addresses")) if (a.path("ip").asText().equals(host)) return false;
            ((ObjectNode) subset).withArray("addresses").addObject().put("ip", host);
            return true;
        }
        ObjectNode subset = subsets.addObject();
        subset.putArray("addresses").addObject().put("ip", host);
        subset.set("ports", wanted);
        return true;
    }
}
