package dev.podium.actors.controllers.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.controllers.Action;
import dev.podium.actors.controllers.Fixtures;
import dev.podium.actors.controllers.Plan;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.podium.actors.controllers.Fixtures.ago;
import static dev.podium.actors.controllers.Fixtures.actions;
import static dev.podium.actors.controllers.Fixtures.created;
import static dev.podium.actors.controllers.Fixtures.deleted;
import static dev.podium.actors.controllers.Fixtures.json;
import static dev.podium.actors.controllers.Fixtures.observe;
import static dev.podium.actors.controllers.Fixtures.patches;
import static dev.podium.actors.controllers.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

class EndpointsReconcilerTest {
    static final EndpointsReconciler R = new EndpointsReconciler();
    static final String ENDPOINTS = "Endpoints";
    static final String SLICE = "EndpointSlice.discovery.k8s.io";

    static ObjectNode service(String spec) {
        ObjectNode svc = Fixtures.object("v1", "Service", "web", spec);
        svc.with("metadata").putObject("labels").put("tier", "front");
        return svc;
    }

    static final ObjectNode WEB = service("""
            selector: {app: web}
            clusterIP: 10.96.0.10
            ports:
            - {name: http, port: 80, targetPort: http, protocol: TCP}
            - {name: metrics, port: 9000, protocol: TCP}
            """);

    /** A pod of app web with IP 10.0.0.N on node n1 whose container names port 8080 "http". */
    static Fixtures.PodBuilder pod(String name, int ip) {
        return Fixtures.pod(name).node("n1").with(p -> {
            p.with("status").put("podIP", "10.0.0." + ip);
            ((ObjectNode) p.path("spec").path("containers").get(0)).putArray("ports").addObject().put("name", "http").put("containerPort", 8080)
                    .put("protocol", "TCP");
        });
    }

    @Test
    void readyAndUnreadyPodsBecomeTheServicesEndpointsWithNamedPortsResolvedPerPod() {
        List<ObjectNode> pods = List.of(
                pod("web-b", 2).ready(ago(10)).build(),
                pod("web-a", 1).ready(ago(10)).build(),
                pod("web-c", 3).build(),
                pod("web-d", 4).phase("Succeeded").build(),
                Fixtures.pod("web-no-ip").node("n1").ready(ago(10)).build(),
                pod("api", 5).labels("app", "api").ready(ago(10)).build());
        Plan plan = R.reconcile(observe(WEB).cached("Pod", pods).build());
        ObjectNode ep = created(plan, ENDPOINTS).get(0);
        assertThat(json(ep.path("metadata").path("labels"))).isEqualTo(yaml("{tier: front}"));
        assertThat(ep.path("metadata").path("ownerReferences").get(0).path("uid").asText()).isEqualTo("web-uid");
        assertThat(json(ep.path("subsets"))).isEqualTo(Fixtures.json(Fixtures.yaml("""
                s:
                - addresses:
                  - {ip: 10.0.0.1, nodeName: n1, targetRef: {kind: Pod, namespace: ns, name: web-a, uid: web-a-uid}}
                  - {ip: 10.0.0.2, nodeName: n1, targetRef: {kind: Pod, namespace: ns, name: web-b, uid: web-b-uid}}
                  notReadyAddresses:
                  - {ip: 10.0.0.3, nodeName: n1, targetRef: {kind: Pod, namespace: ns, name: web-c, uid: web-c-uid}}
                  ports:
                  - {name: http, port: 8080, protocol: TCP}
                  - {name: metrics, port: 9000, protocol: TCP}
                """).path("s")));
    }

    @Test
    void aPodThatCannotResolveANamedPortGetsOnlyTheOthersInItsOwnSubsetAndSlice() {
        ObjectNode plain = Fixtures.pod("web-plain").node("n1").ready(ago(10)).with(p -> p.with("status").put("podIP", "10.0.0.9")).build();
        Plan plan = R.reconcile(observe(WEB).cached("Pod", pod("web-a", 1).ready(ago(10)).build(), plain).build());
        JsonNode subsets = created(plan, ENDPOINTS).get(0).path("subsets");
        assertThat(subsets).hasSize(2);
        assertThat(subsets.findValuesAsText("ip")).containsExactlyInAnyOrder("10.0.0.1", "10.0.0.9");
        List<ObjectNode> slices = created(plan, SLICE);
        assertThat(slices).as("one slice per port list").hasSize(2);
        assertThat(slices).extracting(s -> s.path("ports").size()).containsExactly(2, 1);
    }

    @Test
    void slicesCarryConditionsForTerminatingAndUnreadyPodsAndTheServiceName() {
        List<ObjectNode> pods = List.of(pod("web-a", 1).ready(ago(10)).build(), pod("web-b", 2).build(), pod("web-c", 3).ready(ago(10)).deleting().build());
        Plan plan = R.reconcile(observe(WEB).cached("Pod", pods).build());
        ObjectNode slice = created(plan, SLICE).get(0);
        assertThat(slice.path("metadata").path("generateName").asText()).isEqualTo("web-");
        assertThat(json(slice.path("metadata").path("labels"))).isEqualTo(yaml("""
                {tier: front, kubernetes.io/service-name: web, endpointslice.kubernetes.io/managed-by: endpointslice-controller.k8s.io}"""));
        assertThat(slice.path("addressType").asText()).isEqualTo("IPv4");
        assertThat(slice.path("endpoints").findValuesAsText("name")).containsExactly("web-a", "web-b", "web-c");
        assertThat(json(slice.path("endpoints").get(0).path("conditions"))).isEqualTo(yaml("{ready: true, serving: true, terminating: false}"));
        assertThat(json(slice.path("endpoints").get(1).path("conditions"))).isEqualTo(yaml("{ready: false, serving: false, terminating: false}"));
        assertThat(json(slice.path("endpoints").get(2).path("conditions"))).isEqualTo(yaml("{ready: false, serving: true, terminating: true}"));
        JsonNode subsets = created(plan, ENDPOINTS).get(0).path("subsets");
        assertThat(subsets.findValuesAsText("ip")).as("Endpoints leave terminating pods out").containsExactly("10.0.0.1", "10.0.0.2");
    }

    @Test
    void publishNotReadyAddressesListsEveryPodAsReady() {
        ObjectNode svc = service("selector: {app: web}\npublishNotReadyAddresses: true\nclusterIP: None\nports: [{port: 80, protocol: TCP}]");
        Plan plan = R.reconcile(observe(svc).cached("Pod", pod("web-a", 1).build(), pod("web-b", 2).deleting().build()).build());
        ObjectNode ep = created(plan, ENDPOINTS).get(0);
        assertThat(ep.path("metadata").path("labels").has("service.kubernetes.io/headless")).isTrue();
        assertThat(ep.path("subsets").get(0).path("addresses").findValuesAsText("ip")).containsExactly("10.0.0.1", "10.0.0.2");
        assertThat(ep.path("subsets").get(0).has("notReadyAddresses")).isFalse();
    }

    @Test
    void nothingChangesWhenTheEndpointsAndSlicesAreCurrent() {
        List<ObjectNode> pods = List.of(pod("web-a", 1).ready(ago(10)).build());
        Plan first = R.reconcile(observe(WEB).cached("Pod", pods).build());
        ObjectNode ep = created(first, ENDPOINTS).get(0);
        ObjectNode slice = created(first, SLICE).get(0);
        slice.with("metadata").put("name", "web-x7k2p").put("uid", "slice-uid");
        Plan again = R.reconcile(observe(WEB).cached("Pod", pods).owned(ENDPOINTS, ep).owned(SLICE, slice).build());
        assertThat(actions(again)).isEmpty();
    }

    @Test
    void aPodThatBecomesReadyIsPatchedIntoTheEndpointsAndItsSlice() {
        Plan first = R.reconcile(observe(WEB).cached("Pod", pod("web-a", 1).build()).build());
        ObjectNode ep = created(first, ENDPOINTS).get(0);
        ObjectNode slice = created(first, SLICE).get(0);
        slice.with("metadata").put("name", "web-x7k2p").put("uid", "slice-uid");
        Plan plan = R.reconcile(observe(WEB).cached("Pod", pod("web-a", 1).ready(ago(1)).build()).owned(ENDPOINTS, ep).owned(SLICE, slice).build());
        Action.Patch epPatch = patches(plan, "ns/web").get(0);
        assertThat(epPatch.patch().path("subsets").get(0).path("addresses").findValuesAsText("ip")).containsExactly("10.0.0.1");
        Action.Patch slicePatch = patches(plan, "ns/web-x7k2p").get(0);
        assertThat(slicePatch.patch().path("metadata").path("uid").asText()).isEqualTo("slice-uid");
        assertThat(slicePatch.patch().path("endpoints").get(0).path("conditions").path("ready").asBoolean()).isTrue();
        assertThat(created(plan, SLICE)).isEmpty();
    }

    @Test
    void aServiceWithoutPodsKeepsOneEmptySliceAndEmptyEndpoints() {
        Plan plan = R.reconcile(observe(WEB).build());
        assertThat(created(plan, ENDPOINTS).get(0).has("subsets")).isFalse();
        List<ObjectNode> slices = created(plan, SLICE);
        assertThat(slices).hasSize(1);
        assertThat(slices.get(0).path("endpoints")).isEmpty();

        ObjectNode full = created(R.reconcile(observe(WEB).cached("Pod", pod("web-a", 1).build()).build()), SLICE).get(0);
        full.with("metadata").put("name", "web-1").put("uid", "u1");
        ObjectNode second = full.deepCopy();
        second.with("metadata").put("name", "web-2").put("uid", "u2");
        Plan emptied = R.reconcile(observe(WEB).owned(SLICE, full, second).build());
        assertThat(patches(emptied, "ns/web-1").get(0).patch().path("endpoints").isNull()).isTrue();
        assertThat(deleted(emptied)).containsExactly("ns/web-2");
    }

    @Test
    void aHundredEndpointsFillASliceAndTheRestGoIntoTheNext() {
        List<ObjectNode> pods = new ArrayList<>();
        for (int i = 0; i < 150; i++) pods.add(pod(String.format("web-%03d", i), 0).with(p -> p.with("status").put("podIP", "10.1." + p.path("metadata").path("name").asText().substring(4) + ".1")).ready(ago(1)).build());
        List<ObjectNode> slices = created(R.reconcile(observe(WEB).cached("Pod", pods).build()), SLICE);
        assertThat(slices).extracting(s -> s.path("endpoints").size()).containsExactly(100, 50);
    }

    @Test
    void servicesWithoutASelectorAndExternalNamesAreLeftToTheirUsers() {
        assertThat(actions(R.reconcile(observe(service("ports: [{port: 80, protocol: TCP}]")).cached("Pod", pod("web-a", 1).build()).build()))).isEmpty();
        ObjectNode external = service("type: ExternalName\nexternalName: example.com\nselector: {app: web}");
        assertThat(actions(R.reconcile(observe(external).cached("Pod", pod("web-a", 1).build()).build()))).isEmpty();
    }

    @Test
    void endpointsAUserWroteForTheServiceAreTakenOver() {
        ObjectNode stale = yaml("""
                apiVersion: v1
                kind: Endpoints
                metadata: {name: web, namespace: ns, uid: ep-uid, labels: {old: x}}
                subsets: [{addresses: [{ip: 192.168.0.1}], ports: [{port: 1, protocol: TCP}]}]
                """);
        Plan plan = R.reconcile(observe(WEB).cached(ENDPOINTS, stale).build());
        JsonNode patch = patches(plan, "ns/web").get(0).patch();
        assertThat(json(patch.path("metadata").path("labels"))).isEqualTo(yaml("{tier: front, old: null}"));
        assertThat(patch.path("metadata").path("ownerReferences").get(0).path("uid").asText()).isEqualTo("web-uid");
        assertThat(patch.path("subsets").isNull()).isTrue();
    }
}
