package dev.podium.http.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.actors.proxy.ProxiedPort.Backend;
import dev.podium.actors.proxy.ProxyTable;
import dev.podium.actors.proxy.ServiceProxy;
import dev.podium.model.network.IngressBackend;
import dev.podium.persistence.watch.WatchCache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The endpoint an Ingress request goes to: the ready endpoints of the backend Service's port, read
 * from the cache per request (straight to the pods, never through the cluster IP), taken in turn;
 * with cookie affinity the endpoint the client's cookie names while it is still ready.
 */
final class IngressBackends {
    /** The endpoint chosen, and the affinity cookie value to set (empty when the client's cookie stands). */
    record Pick(Backend backend, Optional<String> newCookie) {}

    private final WatchCache cache;
    private final Map<String, AtomicInteger> turns = new ConcurrentHashMap<>();

    IngressBackends(WatchCache cache) {
        this.cache = cache;
    }

    /** Empty when the Service, its port or every ready endpoint is missing (the proxy answers 503). */
    Optional<Pick> pick(IngressBackend b, Optional<String> cookie) {
        List<Backend> endpoints = endpoints(b);
        if (endpoints.isEmpty()) return Optional.empty();
        if (b.affinity().sticky()) {
            Optional<Backend> pinned = cookie.flatMap(c -> endpoints.stream().filter(e -> cookieValue(e).equals(c)).findFirst());
            if (pinned.isPresent()) return Optional.of(new Pick(pinned.get(), Optional.empty()));
        }
        int turn = turns.computeIfAbsent(b.namespace() + "/" + b.serviceName(), k -> new AtomicInteger()).getAndIncrement();
        Backend chosen = endpoints.get(Math.floorMod(turn, endpoints.size()));
        return Optional.of(new Pick(chosen, b.affinity().sticky() ? Optional.of(cookieValue(chosen)) : Optional.empty()));
    }

    private List<Backend> endpoints(IngressBackend b) {
        return ServiceProxy.service(cache, b.namespace(), b.serviceName()).map(state -> {
            for (JsonNode port : state.service().path("spec").path("ports")) {
                boolean named = !b.portName().isEmpty() && b.portName().equals(port.path("name").asText());
                boolean numbered = b.portName().isEmpty() && b.portNumber() == port.path("port").asInt();
                if ((named || numbered) && port.path("protocol").asText("TCP").equals("TCP")) return ProxyTable.endpoints(state, port);
            }
            return List.<Backend>of();
        }).orElse(List.of());
    }

    /** An opaque, stable name for an endpoint (ingress-nginx also puts a hash of the upstream in its cookie). */
    static String cookieValue(Backend b) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
