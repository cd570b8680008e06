package dev.podium.actors.proxy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.proxy.ProxiedPort.Backend;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.podium.actors.controllers.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

class ProxyTableTest {
    static ObjectNode service(String spec) {
        return yaml("{apiVersion: v1, kind: Service, metadata: {name: web, namespace: ns}, spec: " + spec + "}");
    }

    static ObjectNode slice(String endpoints) {
        return yaml("{apiVersion: discovery.k8s.io/v1, kind: EndpointSlice, metadata: {name: web-x, namespace: ns, labels: {kubernetes.io/service-name: web}},"
                + " addressType: IPv4, ports: [{name: http, port: 8080, protocol: TCP}], endpoints: " + endpoints + "}");
    }

    static List<ProxiedPort> ports(ObjectNode service, List<ObjectNode> slices) {
        return ProxyTable.ports(List.of(new ProxyTable.ServiceState(service, slices, null)), "node-a");
    }

    static final String CLUSTER_IP = "{clusterIP: 10.96.1.1, clusterIPs: [10.96.1.1], ports: [{name: http, port: 80, protocol: TCP, targetPort: http}]";

    @Test
    void readyEndpointsOfTheSliceBackTheServicePort() {
        List<ProxiedPort> ports = ports(service(CLUSTER_IP + "}"), List.of(slice(
                "[{addresses: [10.0.0.1], conditions: {ready: true}, nodeName: node-a}, {addresses: [10.0.0.2], conditions: {ready: false}}]")));
        assertThat(ports).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo("ns/web/tcp/http");
            assertThat(p.clusterIPs()).containsExactly("10.96.1.1");
            assertThat(p.clusterBackends()).containsExactly(new Backend("10.0.0.1", 8080));
            assertThat(p.nodePort()).isZero();
            assertThat(p.affinitySeconds()).isZero();
        });
    }

    @Test
    void terminatingServingEndpointsAreUsedOnlyWhenNoneIsReady() {
        String endpoints = "[{addresses: [10.0.0.1], conditions: {ready: false, serving: true, terminating: true}},"
                + " {addresses: [10.0.0.2], conditions: {ready: false, serving: false, terminating: true}}]";
        assertThat(ports(service(CLUSTER_IP + "}"), List.of(slice(endpoints))).get(0).clusterBackends()).containsExactly(new Backend("10.0.0.1", 8080));
        String withReady = endpoints.substring(0, endpoints.length() - 1) + ", {addresses: [10.0.0.3], conditions: {ready: true}}]";
        assertThat(ports(service(CLUSTER_IP + "}"), List.of(slice(withReady))).get(0).clusterBackends()).containsExactly(new Backend("10.0.0.3", 8080));
    }

    @Test
    void trafficPoliciesLocalKeepThisNodesEndpoints() {
        ObjectNode svc = service(CLUSTER_IP.replace("{", "{type: NodePort, internalTrafficPolicy: Local, externalTrafficPolicy: Local, ")
                .replace("targetPort: http", "targetPort: http, nodePort: 30080") + "}");
        List<ProxiedPort> ports = ports(svc, List.of(slice("[{addresses: [10.0.0.1], nodeName: node-a}, {addresses: [10.0.0.2], nodeName: node-b}]")));
        assertThat(ports.get(0).clusterBackends()).containsExactly(new Backend("10.0.0.1", 8080));
        assertThat(ports.get(0).externalBackends()).containsExactly(new Backend("10.0.0.1", 8080));
        assertThat(ports.get(0).nodePort()).isEqualTo(30080);
        ObjectNode cluster = service(CLUSTER_IP.replace("{", "{type: NodePort, ").replace("targetPort: http", "targetPort: http, nodePort: 30080") + "}");
        assertThat(ports(cluster, List.of(slice("[{addresses: [10.0.0.1], nodeName: node-a}, {addresses: [10.0.0.2], nodeName: node-b}]")))
                .get(0).externalBackends()).hasSize(2);
    }

    @Test
    void loadBalancerIngressAndExternalIPsAnswerAndAffinityIsKept() {
        ObjectNode svc = service(CLUSTER_IP.replace("{", "{type: LoadBalancer, externalIPs: [192.0.2.50], sessionAffinity: ClientIP, "
                + "sessionAffinityConfig: {clientIP: {timeoutSeconds: 60}}, ") + "}");
        svc.set("status", yaml("{loadBalancer: {ingress: [{ip: 192.0.2.2}]}}"));
        ProxiedPort p = ports(svc, List.of(slice("[{addresses: [10.0.0.1]}]"))).get(0);
        assertThat(p.externalIPs()).containsExactly("192.0.2.50", "192.0.2.2");
        assertThat(p.affinitySeconds()).isEqualTo(60);
    }

    @Test
    void headlessAndExternalNameServicesAreNotProxied() {
        assertThat(ports(service("{clusterIP: None, ports: [{port: 80}]}"), List.of())).isEmpty();
        assertThat(ports(service("{type: ExternalName, externalName: example.com}"), List.of())).isEmpty();
    }

    @Test
    void aServiceWithoutSlicesUsesItsEndpoints() {
        ObjectNode endpoints = yaml("{apiVersion: v1, kind: Endpoints, metadata: {name: web, namespace: ns},"
                + " subsets: [{addresses: [{ip: 127.0.0.1}], ports: [{name: http, port: 6443, protocol: TCP}]}]}");
        List<ProxiedPort> ports = ProxyTable.ports(List.of(new ProxyTable.ServiceState(service(CLUSTER_IP + "}"), List.of(), endpoints)), "node-a");
        assertThat(ports.get(0).clusterBackends()).containsExactly(new Backend("127.0.0.1", 6443));
    }

    @Test
    void aPortTheEndpointsDoNotResolveHasNoBackends() {
        ObjectNode svc = service("{clusterIP: 10.96.1.1, ports: [{name: http, port: 80, protocol: TCP}, {name: dns, port: 53, protocol: UDP}]}");
        List<ProxiedPort> ports = ports(svc, List.of(slice("[{addresses: [10.0.0.1]}]")));
        assertThat(ports).extracting(ProxiedPort::id).containsExactly("ns/web/tcp/http", "ns/web/udp/dns");
        assertThat(ports.get(1).clusterBackends()).isEmpty();
        assertThat(ports.get(0).clusterIPs()).containsExactly("10.96.1.1");
    }
}
