package dev.podium.tests;

import dev.podium.persistence.PostgresDatabase;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL goes away for 30 s under a steady write load (the link to it is cut: connections
 * dropped, new ones refused) and comes back: writes are answered 503/504 within seconds while it is
 * away, reads keep being served, writes succeed again soon after its return, and every write that
 * was acknowledged is there afterwards.
 */
class DatabaseOutageTest {
    private static final long OUTAGE_START_MS = 5_000;
    private static final long OUTAGE_END_MS = 35_000;
    private static final long LOAD_END_MS = 50_000;

    record Call(String name, boolean write, long startMs, long endMs, int code) {}

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private long t0;
    /** When the link was cut (after it) and restored (before it), in ms since the load began. */
    private volatile long cutAt = Long.MAX_VALUE;
    private volatile long restoredAt = Long.MAX_VALUE;

    @Test
    void writesAreRefusedQuicklyWhileTheDatabaseIsAwayAndEveryAcknowledgedWriteSurvives() throws Exception {
        try (PostgresDatabase pg = PostgresDatabase.create("podium_outage");
             DatabaseLink link = DatabaseLink.to(pg.profile);
             TestNode node = TestNode.start(Files.createTempDirectory("podium-outage"), link.profile())) {
            ApiClient api = ApiClient.of(node.url());
            assertThat(api.post("/api/v1/namespaces/default/configmaps", configMap("steady")).code()).isEqualTo(201);
            ScheduledExecutorService load = Executors.newScheduledThreadPool(2);
            CompletableFuture<Void> done = new CompletableFuture<>();
            t0 = System.currentTimeMillis();
            load.scheduleAtFixedRate(() -> write(node.url()), 0, 50, TimeUnit.MILLISECONDS);
            load.scheduleAtFixedRate(() -> read(node.url()), 0, 500, TimeUnit.MILLISECONDS);
            load.schedule(() -> {
                run(link::cut);
                cutAt = System.currentTimeMillis() - t0;
            }, OUTAGE_START_MS, TimeUnit.MILLISECONDS);
            load.schedule(() -> {
                restoredAt = System.currentTimeMillis() - t0;
                run(link::restore);
            }, OUTAGE_END_MS, TimeUnit.MILLISECONDS);
            load.schedule(() -> done.complete(null), LOAD_END_MS, TimeUnit.MILLISECONDS);
            done.get(LOAD_END_MS + 10_000, TimeUnit.MILLISECONDS);
            load.shutdownNow();
            load.awaitTermination(10, TimeUnit.SECONDS);
            // answers still on their way
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(35)).until(() -> calls.size() >= sequence.get());

            List<Call> all = List.copyOf(calls);
            List<Call> duringOutage = all.stream().filter(c -> c.write() && c.startMs() >= cutAt && c.startMs() < restoredAt).toList();
            assertThat(duringOutage).as("writes sent while the database was away").hasSizeGreaterThan(100)
                    .allSatisfy(c -> assertThat(c.code()).as(c.toString()).isIn(503, 504))
                    .allSatisfy(c -> assertThat(c.endMs() - c.startMs()).as("answered within 5 s: " + c).isLessThanOrEqualTo(5_000));
            assertThat(all.stream().filter(c -> !c.write() && c.startMs() >= cutAt && c.startMs() < restoredAt))
                    .as("reads while the database was away").isNotEmpty().allSatisfy(c -> assertThat(c.code()).as(c.toString()).isEqualTo(200));
            assertThat(all).as("nothing but success, 503 and 504").allSatisfy(c -> assertThat(c.code()).as(c.toString()).isIn(200, 201, 429, 503, 504));
            long firstSuccessAfter = all.stream().filter(c -> c.write() && c.code() == 201 && c.startMs() >= restoredAt)
                    .mapToLong(Call::endMs).min().orElseThrow(() -> new AssertionError("no write succeeded after the database returned"));
            assertThat(firstSuccessAfter - restoredAt).as("ms from the database's return to the first accepted write").isLessThanOrEqualTo(10_000);
            assertThat(all.stream().filter(c -> c.write() && c.startMs() >= restoredAt + 10_000))
                    .as("writes from 10 s after the return on").isNotEmpty().allSatisfy(c -> assertThat(c.code()).as(c.toString()).isEqualTo(201));

            Set<String> acknowledged = all.stream().filter(c -> c.code() == 201).map(Call::name).collect(Collectors.toSet());
            Set<String> stored = names(api.get("/api/v1/namespaces/default/configmaps").body());
            assertThat(stored).as("every acknowledged write is stored").containsAll(acknowledged);
        }
    }

    private void write(String url) {
        String name = "w-" + sequence.incrementAndGet();
        send(url, HttpRequest.newBuilder(URI.create(url + "/api/v1/namespaces/default/configmaps"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(configMap(name))), name, true);
    }

    private void read(String url) {
        sequence.incrementAndGet();
        send(url, HttpRequest.newBuilder(URI.create(url + "/api/v1/namespaces/default/configmaps/steady")).GET(), "steady", false);
    }

    private void send(String url, HttpRequest.Builder request, String name, boolean write) {
        long start = System.currentTimeMillis() - t0;
        http.sendAsync(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding())
                .whenComplete((r, e) -> calls.add(new Call(name, write, start, System.currentTimeMillis() - t0, e == null ? r.statusCode() : -1)));
    }

    private static Set<String> names(com.fasterxml.jackson.databind.JsonNode list) {
        Set<String> names = new java.util.HashSet<>();
        list.path("items").forEach(i -> names.add(i.path("metadata").path("name").asText()));
        return names;
    }

    private static String configMap(String name) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\"},\"data\":{\"k\":\"v\"}}";
    }

    private interface IoAction {
        void run() throws Exception;
    }

    private static void run(IoAction action) {
        try {
            action.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
