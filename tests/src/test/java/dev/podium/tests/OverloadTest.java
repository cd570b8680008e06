package dev.podium.tests;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.launcher.NodeSettings;
import dev.podium.persistence.PostgresDatabase;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Far more concurrent creates than one flow may have admitted and queued (kube's global-default
 * level: its seats plus a hand of six queues of fifty) for 60 s, against a node with simulated
 * nodes on PostgreSQL: every answer is a success or a 429, every acknowledged object is stored,
 * no node's Ready condition changes, and the API serves at its normal pace as soon as it ends.
 */
class OverloadTest {
    private static final int CLIENTS = 800;
    private static final Duration LOAD = Duration.ofSeconds(60);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<Integer, AtomicInteger> codes = new ConcurrentHashMap<>();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, AtomicInteger> clientErrors = new ConcurrentHashMap<>();

    @Test
    void aFloodOfCreatesGetsSuccessesOr429sAndNeitherLosesWritesNorStarvesNodes() throws Exception {
        try (PostgresDatabase pg = PostgresDatabase.create("podium_overload");
             TestNode node = TestNode.start(NodeSettings.defaults(Files.createTempDirectory("podium-overload"), 0)
                     .withDatabase(pg.profile).withNodes(false, 20))) {
            ApiClient api = ApiClient.of(node.url());
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> readyNodes(api) == 20);
            Map<String, String> readySince = readyTransitions(api);
            double before = createsPerSecond(node.url(), Duration.ofSeconds(5));

            Semaphore slots = new Semaphore(CLIENTS);
            Instant end = Instant.now().plus(LOAD);
            while (Instant.now().isBefore(end)) {
                slots.acquire();
                create(node.url(), "flood-").whenComplete((code, e) -> slots.release());
            }
            slots.acquire(CLIENTS);

            double after = createsPerSecond(node.url(), Duration.ofSeconds(5));
            assertThat(codes.keySet()).as("answers by status code: " + codes + ", client errors: " + clientErrors).isSubsetOf(201, 429);
            assertThat(codes.get(429)).as("the flood went past what the level admits and queues: " + codes).isNotNull();
            assertThat(acknowledged).as("acknowledged creates").hasSizeGreaterThan(1000);
            Set<String> stored = new HashSet<>();
            api.get("/api/v1/namespaces/default/configmaps").body().path("items").forEach(i -> stored.add(i.path("metadata").path("name").asText()));
            // a set difference: AssertJ's containsAll scans the whole actual for each expected element
            List<String> lost = acknowledged.stream().filter(name -> !stored.contains(name)).toList();
            assertThat(lost).as("acknowledged creates that were not stored (of %d)", acknowledged.size()).isEmpty();
            assertThat(readyTransitions(api)).as("no node's Ready condition changed during the flood").isEqualTo(readySince);
            assertThat(after).as("creates/s after the flood (%.0f before)", before).isGreaterThan(before * 0.5);
        }
    }

    private CompletableFuture<Integer> create(String url, String prefix) {
        String name = prefix + sequence.incrementAndGet();
        String body = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\"},\"data\":{\"k\":\"v\"}}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/v1/namespaces/default/configmaps")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((r, e) -> {
            int code = e == null ? r.statusCode() : -1;
            if (e != null) clientErrors.computeIfAbsent(rootCause(e), k -> new AtomicInteger()).incrementAndGet();
            codes.computeIfAbsent(code, k -> new AtomicInteger()).incrementAndGet();
            if (code == 201) acknowledged.add(name);
            return code;
        });
    }

    private static String rootCause(Throwable e) {
        while (e.getCause() != null) e = e.getCause();
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** Creates/s of eight clients one after the other, over {@code span}. */
    private double createsPerSecond(String url, Duration span) throws Exception {
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        long stop = start + span.toNanos();
        CompletableFuture<?>[] clients = new CompletableFuture<?>[8];
        for (int c = 0; c < clients.length; c++) {
            clients[c] = CompletableFuture.runAsync(() -> {
                while (System.nanoTime() < stop) if (create(url, "pace-").join() == 201) done.incrementAndGet();
            });
        }
        CompletableFuture.allOf(clients).get();
        return done.get() / ((System.nanoTime() - start) / 1e9);
    }

    private static long readyNodes(ApiClient api) throws Exception {
        JsonNode nodes = api.get("/api/v1/nodes").body().path("items");
        long ready = 0;
        for (JsonNode n : nodes) for (JsonNode c : n.path("status").path("conditions")) {
            if (c.path("type").asText().equals("Ready") && c.path("status").asText().equals("True")) ready++;
        }
        return ready;
    }

    /** Per node: the Ready condition's status and when it last changed. */
    private static Map<String, String> readyTransitions(ApiClient api) throws Exception {
        Map<String, String> out = new java.util.TreeMap<>();
        for (JsonNode n : api.get("/api/v1/nodes").body().path("items")) {
            for (JsonNode c : n.path("status").path("conditions")) {
                if (c.path("type").asText().equals("Ready")) {
                    out.put(n.path("metadata").path("name").asText(), c.path("status").asText() + " since " + c.path("lastTransitionTime").asText());
                }
            }
        }
        return out;
    }
}
