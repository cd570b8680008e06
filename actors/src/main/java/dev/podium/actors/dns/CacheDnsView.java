package dev.podium.actors.dns;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.persistence.watch.CachedObject;
import dev.podium.persistence.watch.Index;
import dev.podium.persistence.watch.WatchCache;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** {@link DnsView} over the watch cache: lookups by key, namespace or label index; only reverse lookups scan the cluster. */
public final class CacheDnsView implements DnsView {
    static final String SERVICE = "Service";
    static final String ENDPOINTS = "Endpoints";
    static final String SLICE = "EndpointSlice.discovery.k8s.io";
    static final String SERVICE_NAME = "kubernetes.io/service-name";

    private final WatchCache cache;

    public CacheDnsView(WatchCache cache) {
        this.cache = cache;
    }

    @Override
    public Optional<ObjectNode> service(String namespace, String name) {
        return cache.get(SERVICE, namespace + "/" + name).map(CachedObject::object);
    }

    @Override
    public boolean hasServices(String namespace) {
        return !cache.list(SERVICE, namespace, o -> true, 1, null).items().isEmpty();
    }

    @Override
    public List<ObjectNode> endpointSlices(String namespace, String service) {
        Predicate<ObjectNode> named = o -> service.equals(o.path("metadata").path("labels").path(SERVICE_NAME).asText());
        return objects(cache.list(SLICE, namespace, List.of(Index.label(SERVICE_NAME, service)), named, 0, null).items());
    }

    @Override
    public Optional<ObjectNode> endpoints(String namespace, String service) {
        return cache.get(ENDPOINTS, namespace + "/" + service).map(CachedObject::object);
    }

    @Override
    public List<ObjectNode> servicesByClusterIp(InetAddress ip) {
        Predicate<ObjectNode> hasIp = o -> ServiceSpec.clusterIps(o).stream().anyMatch(s -> DnsNames.literal(s).filter(ip::equals).isPresent());
        return objects(cache.list(SERVICE, null, hasIp, 0, null).items());
    }

    @Override
    public List<ObjectNode> headlessServices() {
        return objects(cache.list(SERVICE, null, ServiceSpec::headless, 0, null).items());
    }

    private static List<ObjectNode> objects(List<CachedObject> items) {
        return items.stream().map(CachedObject::object).toList();
    }
}
