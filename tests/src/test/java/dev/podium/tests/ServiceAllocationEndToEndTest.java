package dev.podium.tests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Cluster IPs and node ports as claims, on a real node: IPAddress objects kubectl lists, node-port
 * Leases in kube-system, 422s for taken values, release on delete, type change and lost races.
 */
class ServiceAllocationEndToEndTest {
    static TestNode node;
    static Kubectl kubectl;
    static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.startH2();
        kubectl = new Kubectl(node.kubeconfig());
        api = ApiClient.of(node.url());
        for (String ns : List.of("alloc", "taken", "types", "race", "dry", "doomed")) kubectl.run("create", "namespace", ns).ok();
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    static JsonNode service(String ns, String name) throws Exception {
        return api.get("/api/v1/namespaces/" + ns + "/services/" + name).body();
    }

    static int ipAddress(String ip) throws Exception {
        return api.get("/apis/networking.k8s.io/v1/ipaddresses/" + ip).code();
    }

    static int nodePortLease(int port) throws Exception {
        return api.get("/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/nodeport-" + port).code();
    }

    @Test
    void theKubernetesServiceHasTheFirstClusterIpAndPointsAtTheApi() throws Exception {
        int port = java.net.URI.create(node.url()).getPort();
        // a member announces its API once it serves, without holding its start-up back
        await().atMost(Duration.ofSeconds(20)).until(() -> kubectl.run("get", "endpoints", "kubernetes").out()
                .matches("(?s).*kubernetes\\s+127\\.0\\.0\\.1:" + port + "\\s.*"));
        assertThat(kubectl.run("get", "service", "kubernetes").ok().out()).containsPattern("kubernetes\\s+ClusterIP\\s+10\\.96\\.0\\.1\\s+<none>\\s+443/TCP");
        assertThat(ipAddress("10.96.0.1")).as("its cluster IP is claimed like any other").isEqualTo(200);
    }

    @Test
    void kubectlListsTheServicesIpAddressWithItsParentAndDeletingTheServiceReleasesItsClaims() throws Exception {
        kubectl.run("-n", "alloc", "create", "service", "nodeport", "web", "--tcp=80:8080").ok();
        String ip = kubectl.run("-n", "alloc", "get", "svc", "web", "-o", "jsonpath={.spec.clusterIP}").ok().out();
        int nodePort = Integer.parseInt(kubectl.run("-n", "alloc", "get", "svc", "web", "-o", "jsonpath={.spec.ports[0].nodePort}").ok().out());

        String table = kubectl.run("get", "ipaddresses").ok().out();
        assertThat(table.lines().findFirst().orElse("")).containsPattern("NAME\\s+PARENTREF");
        assertThat(table).containsPattern(ip.replace(".", "\\.") + "\\s+services/alloc/web");
        assertThat(kubectl.run("get", "ip", ip, "-o", "jsonpath={.metadata.labels.ipaddress\\.kubernetes\\.io/managed-by}").ok().out())
                .isEqualTo("ipallocator.k8s.io");
        assertThat(kubectl.run("-n", "kube-system", "get", "lease", "nodeport-" + nodePort, "-o", "jsonpath={.spec.holderIdentity}").ok().out())
                .isEqualTo("services/alloc/web");

        kubectl.run("-n", "alloc", "delete", "svc", "web").ok();
        assertThat(kubectl.run("get", "ipaddress", ip).err()).contains("ipaddresses.networking.k8s.io \"" + ip + "\" not found");
        assertThat(nodePortLease(nodePort)).isEqualTo(404);
    }

    @Test
    void aTakenClusterIpOrNodePortIs422NamingTheField() throws Exception {
        assertThat(api.post("/api/v1/namespaces/taken/services", "{\"metadata\":{\"name\":\"first\"},\"spec\":{\"type\":\"NodePort\","
                + "\"clusterIP\":\"10.96.7.7\",\"ports\":[{\"port\":80,\"nodePort\":31777}]}}").code()).isEqualTo(201);
        ApiClient.Reply ip = api.post("/api/v1/namespaces/taken/services", "{\"metadata\":{\"name\":\"second\"},\"spec\":{\"clusterIP\":\"10.96.7.7\","
                + "\"ports\":[{\"port\":80}]}}");
        assertThat(ip.code()).isEqualTo(422);
        assertThat(ip.body().at("/details/causes/0/field").asText()).isEqualTo("spec.clusterIP");
        assertThat(ip.body().at("/message").asText())
                .isEqualTo("The Service \"second\" is invalid: spec.clusterIP: Invalid value: \"10.96.7.7\": provided IP is already allocated");
        ApiClient.Reply port = api.post("/api/v1/namespaces/taken/services", "{\"metadata\":{\"name\":\"third\"},\"spec\":{\"type\":\"NodePort\","
                + "\"ports\":[{\"port\":80,\"nodePort\":31777}]}}");
        assertThat(port.code()).isEqualTo(422);
        assertThat(port.body().at("/details/causes/0/field").asText()).isEqualTo("spec.ports[0].nodePort");
        assertThat(port.body().at("/details/causes/0/message").asText()).isEqualTo("Invalid value: 31777: provided port is already allocated");
        assertThat(api.get("/api/v1/namespaces/taken/services/third").code()).isEqualTo(404);

        Kubectl.Result out = kubectl.runWithInput("apiVersion: v1\nkind: Service\nmetadata: {name: fourth, namespace: taken}\n"
                + "spec: {type: NodePort, ports: [{port: 80, nodePort: 8080}]}\n", "apply", "-f", "-");
        assertThat(out.exit()).isNotZero();
        assertThat(out.err()).contains("spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. "
                + "The range of valid ports is 30000-32767");
    }

    @Test
    void changingTheTypeClaimsAndReleasesNodePorts() throws Exception {
        kubectl.run("-n", "types", "create", "service", "clusterip", "svc", "--tcp=80:8080").ok();
        String ip = service("types", "svc").at("/spec/clusterIP").asText();
        kubectl.run("-n", "types", "patch", "svc", "svc", "-p", "{\"spec\":{\"type\":\"NodePort\"}}").ok();
        int nodePort = service("types", "svc").at("/spec/ports/0/nodePort").asInt();
        assertThat(nodePort).isBetween(30000, 32767);
        assertThat(nodePortLease(nodePort)).isEqualTo(200);

        kubectl.run("-n", "types", "patch", "svc", "svc", "-p", "{\"spec\":{\"type\":\"ClusterIP\"}}").ok();
        assertThat(service("types", "svc").at("/spec/ports/0/nodePort").isMissingNode()).isTrue();
        assertThat(nodePortLease(nodePort)).isEqualTo(404);
        assertThat(service("types", "svc").at("/spec/clusterIP").asText()).isEqualTo(ip);
        assertThat(ipAddress(ip)).isEqualTo(200);

        kubectl.run("-n", "types", "patch", "svc", "svc", "-p", "{\"spec\":{\"type\":\"ExternalName\",\"externalName\":\"db.example.com\"}}").ok();
        assertThat(ipAddress(ip)).isEqualTo(404);
    }

    @Test
    void ofConcurrentCreatesOfOneServiceOnlyTheWinnerKeepsClaims() throws Exception {
        int racers = 6;
        CyclicBarrier start = new CyclicBarrier(racers);
        List<CompletableFuture<Integer>> codes = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            codes.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                    return api.post("/api/v1/namespaces/race/services", "{\"metadata\":{\"name\":\"contested\"},\"spec\":{\"type\":\"NodePort\","
                            + "\"ports\":[{\"port\":80}]}}").code();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        List<Integer> answers = codes.stream().map(CompletableFuture::join).toList();
        assertThat(answers).filteredOn(c -> c == 201).hasSize(1);
        assertThat(answers).filteredOn(c -> c == 409).hasSize(racers - 1);
        JsonNode winner = service("race", "contested");
        List<String> ips = new ArrayList<>();
        for (JsonNode ip : api.get("/apis/networking.k8s.io/v1/ipaddresses").body().path("items")) {
            if (ip.at("/spec/parentRef/namespace").asText().equals("race")) ips.add(ip.at("/metadata/name").asText());
        }
        assertThat(ips).containsExactly(winner.at("/spec/clusterIP").asText());
        List<String> ports = new ArrayList<>();
        for (JsonNode lease : api.get("/apis/coordination.k8s.io/v1/namespaces/kube-system/leases").body().path("items")) {
            if (lease.at("/spec/holderIdentity").asText().equals("services/race/contested")) ports.add(lease.at("/metadata/name").asText());
        }
        assertThat(ports).containsExactly("nodeport-" + winner.at("/spec/ports/0/nodePort").asInt());
    }

    @Test
    void aDryRunClaimsNothing() throws Exception {
        ApiClient.Reply r = api.post("/api/v1/namespaces/dry/services?dryRun=All", "{\"metadata\":{\"name\":\"maybe\"},\"spec\":{\"type\":\"NodePort\","
                + "\"clusterIP\":\"10.96.9.9\",\"ports\":[{\"port\":80,\"nodePort\":31999}]}}");
        assertThat(r.code()).isEqualTo(201);
        assertThat(ipAddress("10.96.9.9")).isEqualTo(404);
        assertThat(nodePortLease(31999)).isEqualTo(404);
        assertThat(api.get("/api/v1/namespaces/dry/services/maybe").code()).isEqualTo(404);
    }

    @Test
    void deletingTheNamespaceReleasesItsServicesClaims() throws Exception {
        kubectl.run("-n", "doomed", "create", "service", "nodeport", "gone", "--tcp=80:8080").ok();
        String ip = service("doomed", "gone").at("/spec/clusterIP").asText();
        int nodePort = service("doomed", "gone").at("/spec/ports/0/nodePort").asInt();
        kubectl.run("delete", "namespace", "doomed", "--timeout=60s").ok();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(ipAddress(ip)).isEqualTo(404);
            assertThat(nodePortLease(nodePort)).isEqualTo(404);
        });
    }
}
