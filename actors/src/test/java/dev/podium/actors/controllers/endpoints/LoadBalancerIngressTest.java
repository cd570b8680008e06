package dev.podium.actors.controllers.endpoints;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.podium.actors.controllers.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

class LoadBalancerIngressTest {
    static final List<ObjectNode> NODES = List.of(
            yaml("{metadata: {name: real, labels: {podium.dev/runtime: process}}, status: {addresses: [{type: InternalIP, address: 192.0.2.2}, {type: Hostname, address: real}]}}"),
            yaml("{metadata: {name: sim-1, labels: {podium.dev/runtime: simulated}}, status: {addresses: [{type: InternalIP, address: 192.0.2.9}]}}"));

    static ObjectNode service(String spec) {
        return yaml("{metadata: {name: web, namespace: ns}, spec: " + spec + "}");
    }

    @Test
    void aLoadBalancerServiceGetsTheRealNodesAddresses() {
        ObjectNode status = LoadBalancerIngress.statusUpdate(service("{type: LoadBalancer}"), NODES);
        assertThat(status.toString()).isEqualTo("{\"loadBalancer\":{\"ingress\":[{\"ip\":\"192.0.2.2\",\"ipMode\":\"VIP\"}]}}");
    }

    @Test
    void anUpToDateStatusNeedsNoWrite() {
        ObjectNode svc = service("{type: LoadBalancer}");
        svc.set("status", LoadBalancerIngress.statusUpdate(svc, NODES));
        assertThat(LoadBalancerIngress.statusUpdate(svc, NODES)).isNull();
    }

    @Test
    void anotherLoadBalancerClassIsLeftAlone() {
        ObjectNode svc = service("{type: LoadBalancer, loadBalancerClass: example.com/lb}");
        assertThat(LoadBalancerIngress.concerns(svc)).isFalse();
        assertThat(LoadBalancerIngress.statusUpdate(svc, NODES)).isNull();
    }

    @Test
    void aServiceThatIsNoLongerALoadBalancerLosesItsAddresses() {
        ObjectNode svc = service("{type: ClusterIP}");
        svc.set("status", yaml("{loadBalancer: {ingress: [{ip: 192.0.2.2}]}, conditions: []}"));
        assertThat(LoadBalancerIngress.concerns(svc)).isTrue();
        assertThat(LoadBalancerIngress.statusUpdate(svc, NODES).toString()).isEqualTo("{\"loadBalancer\":{},\"conditions\":[]}");
        assertThat(LoadBalancerIngress.concerns(service("{type: ClusterIP}"))).isFalse();
    }

    @Test
    void withoutRealNodesTheServiceStaysPending() {
        assertThat(LoadBalancerIngress.statusUpdate(service("{type: LoadBalancer}"), NODES.subList(1, 2))).isNull();
    }
}
