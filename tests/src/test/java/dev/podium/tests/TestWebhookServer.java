package dev.podium.tests;

import dev.podium.bench.LocalHttpsServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;


/**
 * An admission webhook server for tests ({@link LocalHttpsServer}: valid for 127.0.0.1 and the DNS
 * names given), each path answering AdmissionReviews with a function of the review. Every review
 * received is kept.
 */
final class TestWebhookServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private final LocalHttpsServer server;
    final List<JsonNode> reviews = new CopyOnWriteArrayList<>();

    TestWebhookServer(String... dnsNames) throws Exception {
        server = LocalHttpsServer.start(dnsNames);
    }

    /** Answers reviews posted to {@code path}: the function gets the review and returns the response part (uid and envelope are added). */
    void answer(String path, Function<JsonNode, ObjectNode> response) {
        server.handle(path, exchange -> {
            try {
                JsonNode review = JSON.readTree(exchange.getRequestBody().readAllBytes());
                reviews.add(review);
                ObjectNode out = JSON.createObjectNode().put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
                ObjectNode r = response.apply(review);
                r.put("uid", review.path("request").path("uid").asText());
                out.set("response", r);
                byte[] body = JSON.writeValueAsBytes(out);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } finally {
                exchange.close();
            }
        });
    }

    static ObjectNode allow(String... warnings) {
        ObjectNode r = JSON.createObjectNode().put("allowed", true);
        for (String w : warnings) r.withArray("warnings").add(w);
        return r;
    }

    static ObjectNode deny(String message) {
        ObjectNode r = JSON.createObjectNode().put("allowed", false);
        r.putObject("status").put("code", 403).put("message", message);
        return r;
    }

    /** Allows with a JSON patch (given as JSON text). */
    static ObjectNode patch(String jsonPatch, String... warnings) {
        return allow(warnings).put("patchType", "JSONPatch")
                .put("patch", Base64.getEncoder().encodeToString(jsonPatch.getBytes(StandardCharsets.UTF_8)));
    }

    int port() {
        return server.port();
    }

    String url(String path) {
        return "https://127.0.0.1:" + port() + path;
    }

    /** The server's certificate, PEM, base64: what a webhook's clientConfig.caBundle holds. */
    String caBundle() {
        return server.caBundle();
    }

    @Override
    public void close() {
        server.close();
    }
}
