package dev.podium.bench;

import com.sun.net.httpserver.HttpServer;
import com.typesafe.config.ConfigFactory;
import dev.podium.launcher.NodeSettings;
import dev.podium.launcher.PodiumNode;
import dev.podium.model.json.Json;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * A Podium node for the networking benchmarks: its real node runs the node proxy in the given
 * mode, the ingress controller and the cluster DNS; backends are HTTP servers in this JVM, put
 * behind selector-less Services by writing their Endpoints.
 */
final class NetworkedBenchNode implements AutoCloseable {
    final PodiumNode node;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    final int ingressPort;

    private NetworkedBenchNode(PodiumNode node, int ingressPort) {
        this.node = node;
        this.ingressPort = ingressPort;
    }

    static NetworkedBenchNode start(String proxyMode) throws Exception {
        int ingress = freePort();
        PodiumNode node = PodiumNode.start(NodeSettings.defaults(Files.createTempDirectory("podium-bench-net"), 0).withNodes(true, 0)
                .withConfig(ConfigFactory.parseString("podium.proxy.mode = " + proxyMode + "\npodium.proxy.table = podium-bench\npodium.dns.port = 0"
                        + "\npodium.ingress.http-ports = [" + ingress + "]\npodium.ingress.https-ports = [0]")));
        return new NetworkedBenchNode(node, ingress);
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** An HTTP server on 127.0.0.1 answering every request with {@code name}. */
    static HttpServer backend(String name, int threads) throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true"); // headers and body go out as two writes: Nagle would hold the second for 40 ms
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        byte[] body = name.getBytes(StandardCharsets.UTF_8);
        server.createContext("/", ex -> {
            try (ex) {
                ex.getRequestBody().readAllBytes();
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(threads));
        server.start();
        return server;
    }

    HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.url() + path)).header("Content-Type",
                method.equals("PATCH") ? "application/merge-patch+json" : "application/json");
        b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody()) : b.method(method, HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A selector-less ClusterIP Service on port 80; returns its cluster IP. */
    String service(String name) throws Exception {
        HttpResponse<String> r = send("POST", "/api/v1/namespaces/default/services",
                "{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"ports\":[{\"name\":\"http\",\"port\":80}]}}");
        if (r.statusCode() != 201) throw new IllegalStateException("the Service was refused: " + r.body());
        return Json.MAPPER.readTree(r.body()).path("spec").path("clusterIP").asText();
    }

    /** Writes the Service's Endpoints: these ports on 127.0.0.1. */
    void endpoints(String name, List<Integer> ports) throws Exception {
        StringBuilder subsets = new StringBuilder();
        for (int p : ports) {
            if (!subsets.isEmpty()) subsets.append(',');
            subsets.append("{\"addresses\":[{\"ip\":\"127.0.0.1\"}],\"ports\":[{\"name\":\"http\",\"port\":").append(p).append("}]}");
        }
        String body = "{\"apiVersion\":\"v1\",\"kind\":\"Endpoints\",\"metadata\":{\"name\":\"" + name + "\"},\"subsets\":[" + subsets + "]}";
        HttpResponse<String> r = send("PUT", "/api/v1/namespaces/default/endpoints/" + name, body);
        if (r.statusCode() == 404) r = send("POST", "/api/v1/namespaces/default/endpoints", body);
        if (r.statusCode() >= 300) throw new IllegalStateException("the Endpoints were refused: " + r.body());
    }

    @Override
    public void close() throws Exception {
        node.close();
    }
}
