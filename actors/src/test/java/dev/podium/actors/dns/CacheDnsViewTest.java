package dev.podium.actors.dns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;
import dev.podium.persistence.events.ObjectEvent;
import dev.podium.persistence.watch.WatchCache;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CacheDnsViewTest {
    static final String SLICE = "EndpointSlice.discovery.k8s.io";

    final WatchCache cache = new WatchCache(100);
    final CacheDnsView view = new CacheDnsView(cache);
    long ordering = 0;

    void put(String kind, String yaml) {
        try {
            ObjectNode o = (ObjectNode) Json.YAML.readTree(yaml);
            String key = o.path("metadata").path("namespace").asText() + "/" + o.path("metadata").path("name").asText();
            cache.apply(kind + "|" + key, 1, ++ordering, new ObjectEvent.ObjectCreated(o));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void servicesAndTheirSlicesAreFoundByNamespaceAndServiceName() {
        put("Service", "{kind: Service, metadata: {name: db, namespace: team}, spec: {clusterIP: None}}");
        put(SLICE, "{metadata: {name: db-a, namespace: team, labels: {kubernetes.io/service-name: db}}, addressType: IPv4, endpoints: [{addresses: [10.0.0.1]}]}");
        put(SLICE, "{metadata: {name: db-b, namespace: other, labels: {kubernetes.io/service-name: db}}, addressType: IPv4, endpoints: [{addresses: [10.9.9.9]}]}");
        put(SLICE, "{metadata: {name: web-a, namespace: team, labels: {kubernetes.io/service-name: web}}, addressType: IPv4, endpoints: [{addresses: [10.0.0.2]}]}");
        assertThat(view.service("team", "db")).isPresent();
        assertThat(view.service("other", "db")).isEmpty();
        assertThat(view.hasServices("team")).isTrue();
        assertThat(view.hasServices("other")).isFalse();
        assertThat(view.serviceEndpoints("team", "db")).extracting(DnsEndpoint::ip).containsExactly("10.0.0.1");
    }

    @Test
    void aServiceWithoutSlicesFallsBackToItsEndpoints() {
        put("Service", "{kind: Service, metadata: {name: manual, namespace: team}, spec: {clusterIP: None}}");
        put("Endpoints", "{metadata: {name: manual, namespace: team}, subsets: [{addresses: [{ip: 192.0.2.10, hostname: box}]}]}");
        assertThat(view.serviceEndpoints("team", "manual")).containsExactly(new DnsEndpoint("192.0.2.10", "box", true, List.of()));
    }

    @Test
    void reverseLookupsFindClusterIpsAndHeadlessEndpointsAcrossNamespaces() throws UnknownHostException {
        put("Service", "{kind: Service, metadata: {name: web, namespace: a}, spec: {clusterIP: 10.96.0.10, clusterIPs: [10.96.0.10]}}");
        put("Service", "{kind: Service, metadata: {name: six, namespace: b}, spec: {clusterIP: 'fd00::a', clusterIPs: ['fd00::a']}}");
        put("Service", "{kind: Service, metadata: {name: db, namespace: b}, spec: {clusterIP: None}}");
        put(SLICE, "{metadata: {name: db-a, namespace: b, labels: {kubernetes.io/service-name: db}}, addressType: IPv4, endpoints: [{addresses: [10.0.0.1], hostname: db-0}]}");
        assertThat(view.servicesByClusterIp(InetAddress.getByName("10.96.0.10"))).extracting(s -> s.path("metadata").path("name").asText()).containsExactly("web");
        assertThat(view.servicesByClusterIp(InetAddress.getByName("fd00:0::a"))).extracting(s -> s.path("metadata").path("name").asText()).containsExactly("six");
        assertThat(view.headlessEndpointsByIp(InetAddress.getByName("10.0.0.1")))
                .extracting(e -> e.namespace() + "/" + e.service() + " " + e.endpoint().hostname()).containsExactly("b/db db-0");
        assertThat(view.headlessEndpointsByIp(InetAddress.getByName("10.96.0.10"))).isEmpty();
    }
}
