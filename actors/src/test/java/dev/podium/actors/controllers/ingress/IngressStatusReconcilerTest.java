package dev.podium.actors.controllers.ingress;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.controllers.Action;
import dev.podium.actors.controllers.Plan;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.podium.actors.controllers.Fixtures.observe;
import static dev.podium.actors.controllers.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

class IngressStatusReconcilerTest {
    static final ObjectNode PODIUM = yaml("{metadata: {name: podium, annotations: {ingressclass.kubernetes.io/is-default-class: 'true'}},"
            + " spec: {controller: podium.dev/ingress}}");
    static final ObjectNode OTHER = yaml("{metadata: {name: nginx}, spec: {controller: k8s.io/ingress-nginx}}");
    static final ObjectNode NODE = yaml("{metadata: {name: real, labels: {podium.dev/runtime: process}}, status: {addresses: [{type: InternalIP, address: 192.0.2.2}]}}");

    static ObjectNode ingress(String spec) {
        return yaml("{metadata: {name: web, namespace: ns, uid: u1}, spec: " + spec + "}");
    }

    static Plan reconcile(ObjectNode ingress) {
        return new IngressStatusReconciler().reconcile(observe(ingress).cached("IngressClass.networking.k8s.io", List.of(PODIUM, OTHER))
                .cached("Node", List.of(NODE)).build());
    }

    @Test
    void anIngressOfTheDefaultClassShowsTheRealNodesAddress() {
        assertThat(reconcile(ingress("{defaultBackend: {service: {name: web, port: {number: 80}}}}")).actions()).singleElement()
                .satisfies(a -> assertThat(((Action.UpdateStatus) a).status().toString()).isEqualTo("{\"loadBalancer\":{\"ingress\":[{\"ip\":\"192.0.2.2\"}]}}"));
    }

    @Test
    void anUpToDateStatusNeedsNoWrite() {
        ObjectNode i = ingress("{ingressClassName: podium, defaultBackend: {service: {name: web, port: {number: 80}}}}");
        i.set("status", yaml("{loadBalancer: {ingress: [{ip: 192.0.2.2}]}}"));
        assertThat(reconcile(i).actions()).isEmpty();
    }

    @Test
    void anIngressOfAnotherControllerKeepsItsStatus() {
        ObjectNode i = ingress("{ingressClassName: nginx, defaultBackend: {service: {name: web, port: {number: 80}}}}");
        i.set("status", yaml("{loadBalancer: {ingress: [{hostname: lb.example.com}]}}"));
        assertThat(reconcile(i).actions()).isEmpty();
    }
}
