package dev.podium.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.model.json.Json;
import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates ConfigMaps {@code PREFIX0 … PREFIX(n-1)} through one API server with concurrent
 * clients: each client posts the next one as soon as its previous create is answered. Records
 * each create's latency and the resourceVersion it was acknowledged with.
 */
final class ConfigMapCreates {
    private ConfigMapCreates() {}

    record Result(int count, double seconds, Histogram latencyMicros, int errors, Map<String, Long> resourceVersions) {
        double rate() {
            return count / seconds;
        }
    }

    /** {@code url} is the collection, e.g. {@code http://127.0.0.1:6443/api/v1/namespaces/bench/configmaps}. */
    static Result run(HttpClient http, String url, String prefix, int count, int clients) throws Exception {
        return run(http, url, prefix, count, clients,
                (name, i) -> "{\"metadata\":{\"name\":\"" + name + "\",\"labels\":{\"bench\":\"yes\"}},\"data\":{\"index\":\"" + i + "\"}}");
    }

    /** The same with any object: {@code body} makes the JSON of the object named {@code name}, the {@code i}-th created. */
    static Result run(HttpClient http, String url, String prefix, int count, int clients, java.util.function.BiFunction<String, Integer, String> body)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        Map<String, Long> versions = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<Histogram>> parts = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            parts.add(pool.submit(() -> {
                Histogram h = new Histogram(60_000_000L, 3);
                int i;
                while ((i = next.getAndIncrement()) < count) {
                    String name = prefix + i;
                    long t0 = System.nanoTime();
                    HttpResponse<String> r = post(http, url, body.apply(name, i));
                    h.recordValue(Math.min(60_000_000L, (System.nanoTime() - t0) / 1000));
                    if (r.statusCode() != 201) {
                        errors.incrementAndGet();
                        continue;
                    }
                    JsonNode rv = Json.MAPPER.readTree(r.body()).path("metadata").path("resourceVersion");
                    versions.put(name, Long.parseLong(rv.asText()));
                }
                return h;
            }));
        }
        Histogram latency = new Histogram(60_000_000L, 3);
        try {
            for (Future<Histogram> f : parts) latency.add(f.get());
        } finally {
            pool.shutdownNow();
        }
        return new Result(count, (System.nanoTime() - start) / 1e9, latency, errors.get(), versions);
    }

    static HttpResponse<String> post(HttpClient http, String url, String json) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return http.send(req, HttpResponse.BodyHandlers.ofString());
    }
}
