package dev.podium.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * How soon each shard of the ConfigMap kind accepts a write again: one ConfigMap per shard id,
 * and per shard a loop of merge-patches with a short client timeout until one is answered 2xx.
 * A timed-out request is given up and a new one sent (the server may still be waiting on the
 * old one); an error answer is retried after a short pause. Only requests sent after {@code t0}
 * are made, so only they count.
 */
final class ShardWriteProbe {
    private static final Duration PAUSE_AFTER_ERROR = Duration.ofMillis(100);
    private final HttpClient http;
    private final String collectionUrl;
    private final Map<Integer, String> objectPerShard;
    private final Duration requestTimeout;

    /** One shard's outcome; {@code acceptedNanos} is from t0 to the accepting answer, -1 if none came before the deadline. */
    record Outcome(int shard, String name, long acceptedNanos, int attempts, int timeouts, String lastFailure) {
        boolean accepted() {
            return acceptedNanos >= 0;
        }
    }

    ShardWriteProbe(HttpClient http, String collectionUrl, Map<Integer, String> objectPerShard, Duration requestTimeout) {
        this.http = http;
        this.collectionUrl = collectionUrl;
        this.objectPerShard = Map.copyOf(objectPerShard);
        this.requestTimeout = requestTimeout;
    }

    /** Pekko's default {@code HashCodeMessageExtractor}: the shard of a namespaced object's entity id {@code NAMESPACE/NAME}. */
    static int shardOf(String namespace, String name, int shards) {
        return Math.abs((namespace + "/" + name).hashCode() % shards);
    }

    /** Probes every shard at once, one thread each, until all accepted a write or the deadline passed; sorted by shard. */
    List<Outcome> run(long t0Nanos, long deadlineNanos) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(objectPerShard.size());
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            objectPerShard.forEach((shard, name) -> futures.add(pool.submit(() -> probe(shard, name, t0Nanos, deadlineNanos))));
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> f : futures) outcomes.add(f.get());
            outcomes.sort(Comparator.comparingInt(Outcome::shard));
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private Outcome probe(int shard, String name, long t0Nanos, long deadlineNanos) throws InterruptedException {
        int attempts = 0;
        int timeouts = 0;
        String lastFailure = "";
        while (System.nanoTime() < deadlineNanos) {
            attempts++;
            HttpRequest req = HttpRequest.newBuilder(URI.create(collectionUrl + "/" + name)).timeout(requestTimeout)
                    .header("Content-Type", "application/merge-patch+json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"data\":{\"failover-probe\":\"" + attempts + "\"}}")).build();
            try {
                HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() / 100 == 2) return new Outcome(shard, name, System.nanoTime() - t0Nanos, attempts, timeouts, lastFailure);
                lastFailure = "HTTP " + r.statusCode() + " " + abbreviate(r.body());
            } catch (HttpTimeoutException e) {
                timeouts++;
                lastFailure = "no answer within " + requestTimeout.toMillis() + " ms";
                continue;
            } catch (IOException e) {
                lastFailure = e.toString();
            }
            Thread.sleep(PAUSE_AFTER_ERROR.toMillis());
        }
        return new Outcome(shard, name, -1, attempts, timeouts, lastFailure);
    }

    private static String abbreviate(String body) {
        String flat = body.replaceAll("\\s+", " ");
        return flat.length() <= 160 ? flat : flat.substring(0, 160) + "…";
    }
}
