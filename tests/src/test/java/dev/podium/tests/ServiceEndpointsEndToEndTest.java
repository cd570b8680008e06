package dev.podium.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import dev.podium.launcher.NodeSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Endpoints and EndpointSlices kept by their Services, through kubectl, on simulated nodes. */
class ServiceEndpointsEndToEndTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static TestNode node;
    static Kubectl kubectl;

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.start(NodeSettings.defaults(Files.createTempDirectory("podium-endpoints"), 0).withNodes(false, 2)
                .withConfig(ConfigFactory.parseString("podium.simulated-start-delay = 100ms")));
        kubectl = new Kubectl(node.kubeconfig());
        await().atMost(Duration.ofSeconds(20)).until(() -> kubectl.run("get", "nodes").out().lines().filter(l -> l.contains(" Ready ")).count() == 2);
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    static JsonNode json(String... args) throws Exception {
        return JSON.readTree(kubectl.run(args).ok().out());
    }

    /** The ready addresses of the Service's Endpoints, -1 when it has none. */
    static int addresses(String ns, String service) throws Exception {
        Kubectl.Result r = kubectl.run("-n", ns, "get", "endpoints", service, "-o", "json");
        if (r.exit() != 0) return -1;
        int ready = 0;
        for (JsonNode subset : JSON.readTree(r.out()).path("subsets")) ready += subset.path("addresses").size();
        return ready;
    }

    @Test
    void aServicesEndpointsAndSliceFollowItsPodsAndGoWithIt() throws Exception {
        kubectl.run("create", "namespace", "shop").ok();
        kubectl.runWithInput("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: shop}
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: main, image: nginx, ports: [{name: http, containerPort: 8080}]}]}
                """, "apply", "-f", "-").ok();
        kubectl.run("-n", "shop", "create", "service", "clusterip", "web", "--tcp=80:http").ok();
        kubectl.run("-n", "shop", "set", "selector", "service", "web", "app=web").ok();
        await().atMost(Duration.ofSeconds(20)).until(() -> addresses("shop", "web") == 2);

        JsonNode ep = json("-n", "shop", "get", "endpoints", "web", "-o", "json");
        assertThat(ep.path("subsets").get(0).path("ports").get(0).path("port").asInt()).as("the named target port, resolved").isEqualTo(8080);
        assertThat(ep.path("subsets").get(0).path("addresses").get(0).path("targetRef").path("kind").asText()).isEqualTo("Pod");
        assertThat(kubectl.run("-n", "shop", "get", "endpoints").ok().out()).containsPattern("web\\s+\\S+:8080,\\S+:8080\\s");
        JsonNode slices = json("-n", "shop", "get", "endpointslices", "-l", "kubernetes.io/service-name=web", "-o", "json").path("items");
        assertThat(slices).hasSize(1);
        assertThat(slices.get(0).path("endpoints")).hasSize(2);
        assertThat(slices.get(0).path("endpoints").get(0).path("conditions").path("ready").asBoolean()).isTrue();
        assertThat(slices.get(0).path("metadata").path("labels").path("endpointslice.kubernetes.io/managed-by").asText())
                .isEqualTo("endpointslice-controller.k8s.io");
        assertThat(kubectl.run("-n", "shop", "describe", "service", "web").ok().out()).containsPattern("Endpoints:\\s+\\S+:8080,\\S+:8080");

        kubectl.run("-n", "shop", "scale", "deployment", "web", "--replicas=3").ok();
        await().atMost(Duration.ofSeconds(20)).until(() -> addresses("shop", "web") == 3);
        kubectl.run("-n", "shop", "scale", "deployment", "web", "--replicas=0").ok();
        await().atMost(Duration.ofSeconds(20)).until(() -> addresses("shop", "web") == 0);
        assertThat(kubectl.run("-n", "shop", "get", "endpoints", "web").ok().out()).containsPattern("web\\s+<none>");
        assertThat(json("-n", "shop", "get", "endpointslices", "-o", "json").path("items")).as("one empty slice stays").hasSize(1);

        kubectl.run("-n", "shop", "delete", "service", "web").ok();
        await().atMost(Duration.ofSeconds(20)).until(() -> addresses("shop", "web") == -1
                && json("-n", "shop", "get", "endpointslices", "-o", "json").path("items").isEmpty());
    }

    @Test
    void endpointsAUserWritesForAServiceWithoutASelectorAreKept() throws Exception {
        kubectl.run("create", "namespace", "ext").ok();
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Service
                metadata: {name: db, namespace: ext}
                spec: {ports: [{port: 5432}]}
                ---
                apiVersion: v1
                kind: Endpoints
                metadata: {name: db, namespace: ext}
                subsets: [{addresses: [{ip: 127.0.0.1}], ports: [{port: 5432}]}]
                """, "apply", "-f", "-").ok();
        // a Service with a selector created after them has its endpoints kept: the controllers are at work
        kubectl.run("-n", "ext", "create", "service", "clusterip", "probe", "--tcp=80:80").ok();
        await().atMost(Duration.ofSeconds(20)).until(() -> addresses("ext", "probe") == 0);
        JsonNode ep = json("-n", "ext", "get", "endpoints", "db", "-o", "json");
        assertThat(ep.path("subsets").get(0).path("addresses").get(0).path("ip").asText()).isEqualTo("127.0.0.1");
        assertThat(ep.path("subsets").get(0).path("ports").get(0).path("protocol").asText()).as("defaulted").isEqualTo("TCP");
        assertThat(ep.path("metadata").has("ownerReferences")).isFalse();
    }

    @Test
    void invalidEndpointsAndSlicesAreRefusedWithTheField() throws Exception {
        Kubectl.Result badIp = kubectl.runWithInput("""
                apiVersion: v1
                kind: Endpoints
                metadata: {name: bad, namespace: default}
                subsets: [{addresses: [{ip: 300.1.2.3}], ports: [{port: 80}]}]
                """, "apply", "-f", "-");
        assertThat(badIp.exit()).isNotZero();
        assertThat(badIp.err()).contains("Endpoints \"bad\" is invalid: subsets[0].addresses[0].ip: Invalid value: \"300.1.2.3\"");
        Kubectl.Result badType = kubectl.runWithInput("""
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: bad, namespace: default}
                addressType: IPv5
                endpoints: [{addresses: [10.0.0.1]}]
                """, "apply", "-f", "-");
        assertThat(badType.exit()).isNotZero();
        assertThat(badType.err()).contains("addressType: Unsupported value: \"IPv5\": supported values: \"FQDN\", \"IPv4\", \"IPv6\"");
        assertThat(kubectl.run("get", "endpoints,endpointslices", "bad").exit()).isNotZero();
    }
}
