package dev.podium.actors.dns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** A {@link DnsView} over Services, EndpointSlices and Endpoints given as YAML. */
final class FakeDnsView implements DnsView {
    private final List<ObjectNode> objects = new CopyOnWriteArrayList<>();

    /** Adds each YAML document ({@code ---} between them) as an object. */
    FakeDnsView add(String yaml) {
        for (String doc : yaml.split("(?m)^---$")) {
            try {
                objects.add((ObjectNode) Json.YAML.readTree(doc));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(e);
            }
        }
        return this;
    }

    private Stream<ObjectNode> of(String kind, String namespace) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind))
                .filter(o -> namespace == null || o.path("metadata").path("namespace").asText().equals(namespace));
    }

    private Optional<ObjectNode> named(String kind, String namespace, String name) {
        return of(kind, namespace).filter(o -> o.path("metadata").path("name").asText().equals(name)).findFirst();
    }

    @Override
    public Optional<ObjectNode> service(String namespace, String name) {
        return named("Service", namespace, name);
    }

    @Override
    public boolean hasServices(String namespace) {
        return of("Service", namespace).findAny().isPresent();
    }

    @Override
    public List<ObjectNode> endpointSlices(String namespace, String service) {
        return of("EndpointSlice", namespace)
                .filter(o -> o.path("metadata").path("labels").path("kubernetes.io/service-name").asText().equals(service)).toList();
    }

    @Override
    public Optional<ObjectNode> endpoints(String namespace, String service) {
        return named("Endpoints", namespace, service);
    }

    @Override
    public List<ObjectNode> servicesByClusterIp(InetAddress ip) {
        return of("Service", null).filter(s -> ServiceSpec.clusterIps(s).stream().anyMatch(c -> DnsNames.literal(c).get().equals(ip))).toList();
    }

    @Override
    public List<ObjectNode> headlessServices() {
        return of("Service", null).filter(ServiceSpec::headless).toList();
    }
}
