package dev.podium.actors.admission.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Webhook calls over HTTPS with java.net.http, on threads of its own: the client's I/O, its
 * completions and the TLS set-up never run on the caller's (Pekko's) threads. One client per
 * trust (caBundle and server name), kept while configurations use it.
 */
public final class HttpsWebhookClient implements WebhookClient, AutoCloseable {
    private static final int MAX_CLIENTS = 64;
    private final ExecutorService executor = Executors.newCachedThreadPool(daemonThreads());
    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();

    @Override
    public CompletionStage<JsonNode> post(WebhookEndpoint endpoint, ObjectNode review, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(endpoint.address())
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, */*")
                .POST(HttpRequest.BodyPublishers.ofByteArray(review.toString().getBytes(StandardCharsets.UTF_8)))
                .build();
        return CompletableFuture.supplyAsync(() -> client(endpoint), executor)
                .thenCompose(c -> c.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()))
                .handle((response, failure) -> {
                    if (failure != null) {
                        Throwable cause = CallErrors.unwrap(failure);
                        if (cause instanceof CallFailure f) throw f;
                        throw new CallFailure("failed to call webhook: Post \"" + endpoint.shown() + "\": " + CallErrors.describe(cause, endpoint.address()));
                    }
                    return body(response);
                });
    }

    /** Stops the calls' threads; idle clients' connections go with them. */
    @Override
    public void close() {
        clients.clear();
        executor.shutdownNow();
    }

    private HttpClient client(WebhookEndpoint endpoint) {
        String key = endpoint.caBundle() + "|" + endpoint.serverName();
        if (clients.size() > MAX_CLIENTS) clients.clear();
        return clients.computeIfAbsent(key, k -> HttpClient.newBuilder()
                .executor(executor)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30))
                .sslContext(WebhookTls.context(endpoint.caBundle(), endpoint.serverName()))
                .build());
    }

    private static JsonNode body(HttpResponse<byte[]> response) {
        String text = new String(response.body(), StandardCharsets.UTF_8);
        int code = response.statusCode();
        if (code < 200 || code > 299) throw new CallFailure("failed to call webhook: " + httpError(code, text));
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new CallFailure("failed to call webhook: invalid response body: " + e.getMessage());
        }
    }

    /** client-go's reading of an error answer that is not a Status, for the common codes. */
    private static String httpError(int code, String body) {
        try {
            JsonNode status = Json.MAPPER.readTree(body);
            if (status != null && "Status".equals(status.path("kind").asText()) && !status.path("message").asText().isEmpty()) {
                return status.path("message").asText();
            }
        } catch (IOException ignored) {
            // not a Status: described by its code below
        }
        if (code == 404) return "the server could not find the requested resource";
        if (code >= 500) return "an error on the server (\"" + body.strip() + "\") has prevented the request from succeeding";
        return "the server responded with status code " + code + " but did not return more information";
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "podium-webhooks-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
