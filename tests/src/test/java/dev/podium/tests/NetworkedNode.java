package dev.podium.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import dev.podium.launcher.NodeSettings;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * A Podium node whose real node runs the node proxy (in the given mode), the ingress controller
 * and the cluster DNS, with the host's tools the networking tests drive it with: kubectl, curl,
 * and python3's http.server as the pods' web server.
 */
final class NetworkedNode implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    final TestNode node;
    final Kubectl kubectl;
    final int ingressHttp;
    final int ingressHttps;

    private NetworkedNode(TestNode node, int ingressHttp, int ingressHttps) throws java.io.IOException {
        this.node = node;
        this.kubectl = new Kubectl(node.kubeconfig());
        this.ingressHttp = ingressHttp;
        this.ingressHttps = ingressHttps;
    }

    static NetworkedNode start(String proxyMode, String table) throws Exception {
        for (String tool : List.of("curl", "python3", "nft", "openssl")) {
            if (new ProcessBuilder("sh", "-c", "command -v " + tool).start().waitFor() != 0) {
                fail(tool + " is not installed; the networking tests need it (apt-get install curl python3 nftables openssl)");
            }
        }
        int http = freePort();
        int https = freePort();
        TestNode node = TestNode.start(NodeSettings.defaults(Files.createTempDirectory("podium-net"), 0).withNodes(true, 0)
                .withConfig(ConfigFactory.parseString("podium.proxy.mode = " + proxyMode + "\npodium.proxy.table = " + table
                        + "\npodium.ingress.enabled = true\npodium.ingress.http-ports = [" + http + "]\npodium.ingress.https-ports = [" + https + "]")));
        NetworkedNode n = new NetworkedNode(node, http, https);
        await().atMost(Duration.ofSeconds(30)).until(() -> n.kubectl.run("get", "nodes").out().contains(" Ready "));
        return n;
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** A pod serving its name on {@code port} (and under /api/), ready once the port answers. */
    void webPod(String name, String app, int port) throws Exception {
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Pod
                metadata: {name: %1$s, labels: {app: %2$s}}
                spec:
                  containers:
                  - name: web
                    image: python
                    command: [sh, -c, 'd=$(mktemp -d) && cd $d && mkdir api && echo %1$s > index.html && echo api-%1$s > api/index.html && exec python3 -m http.server %3$d']
                    ports: [{name: http, containerPort: %3$d}]
                    readinessProbe: {tcpSocket: {port: %3$d}, periodSeconds: 1}
                """.formatted(name, app, port), "apply", "-f", "-").ok();
    }

    /** The ready addresses of the Service's Endpoints. */
    int readyEndpoints(String service) throws Exception {
        Kubectl.Result r = kubectl.run("get", "endpoints", service, "-o", "json");
        if (r.exit() != 0) return 0;
        int ready = 0;
        for (JsonNode subset : JSON.readTree(r.out()).path("subsets")) ready += subset.path("addresses").size();
        return ready;
    }

    void awaitReadyEndpoints(String service, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> readyEndpoints(service) == count);
    }

    String jsonpath(String kind, String name, String path) throws Exception {
        return kubectl.run("get", kind, name, "-o", "jsonpath={" + path + "}").ok().out().trim();
    }

    /** curl's output (body, or what -w asks for); the exit code is curl's, 7 for a refused connection. */
    static Curl curl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--noproxy", "*", "-m", "5"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(20, TimeUnit.SECONDS)) p.destroyForcibly();
        return new Curl(p.exitValue(), out);
    }

    record Curl(int exit, String out) {}

    @Override
    public void close() throws Exception {
        node.close();
    }
}
