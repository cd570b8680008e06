package dev.podium.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * Follows the pods a label selector picks through the API's watch (as a client would): the
 * order of ADDED and DELETED events, and the fewest ready pods seen at any moment.
 */
final class PodWatch implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, Boolean> ready = new HashMap<>();
    private final List<String> events = new ArrayList<>();
    private int lowestReady = Integer.MAX_VALUE;
    private boolean counting;
    private final Thread thread;
    private final InputStream body;

    private PodWatch(JsonNode listed, InputStream body) {
        this.body = body;
        for (JsonNode pod : listed.path("items")) observe(JSON.createObjectNode().put("type", "ADDED").set("object", pod));
        this.thread = new Thread(this::read, "pod-watch");
        thread.setDaemon(true);
        thread.start();
    }

    /** Lists the pods, then watches from the list's resourceVersion: no change after the list is missed, however late the watch connects. */
    static PodWatch start(String apiUrl, String selector) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String url = apiUrl + "/api/v1/namespaces/default/pods?labelSelector=" + selector;
        JsonNode listed = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body());
        String from = listed.at("/metadata/resourceVersion").asText();
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url + "&watch=true&resourceVersion=" + from)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        return new PodWatch(listed, response.body());
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) observe(JSON.readTree(line));
        } catch (Exception e) {
            // closed by the test
        }
    }

    private synchronized void observe(JsonNode event) {
        String type = event.path("type").asText();
        JsonNode pod = event.path("object");
        String name = pod.at("/metadata/name").asText();
        if (type.equals("ADDED") || type.equals("DELETED")) events.add(type + " " + name);
        ready.put(name, !type.equals("DELETED") && !pod.at("/metadata/deletionTimestamp").isTextual() && isReady(pod));
        if (counting) lowestReady = Math.min(lowestReady, readyNow());
    }

    private int readyNow() {
        return (int) ready.values().stream().filter(b -> b).count();
    }

    /** Waits until {@code n} pods are ready, then starts counting the fewest. */
    void countFrom(int n) {
        await().alias("the watch sees " + n + " ready pods").atMost(Duration.ofSeconds(10)).until(() -> startCountingAt(n));
    }

    private synchronized boolean startCountingAt(int n) {
        if (readyNow() != n) return false;
        counting = true;
        lowestReady = n;
        return true;
    }

    private static boolean isReady(JsonNode pod) {
        for (JsonNode c : pod.at("/status/conditions")) {
            if ("Ready".equals(c.path("type").asText())) return "True".equals(c.path("status").asText());
        }
        return false;
    }

    synchronized int lowestReady() {
        return lowestReady;
    }

    synchronized List<String> events() {
        return List.copyOf(events);
    }

    @Override
    public void close() throws Exception {
        body.close();
        thread.interrupt();
    }
}
