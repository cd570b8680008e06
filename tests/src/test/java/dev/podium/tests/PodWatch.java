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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    private PodWatch(InputStream body) {
        this.body = body;
        this.thread = new Thread(this::read, "pod-watch");
        thread.setDaemon(true);
        thread.start();
    }

    static PodWatch start(String apiUrl, String selector) throws Exception {
        String url = apiUrl + "/api/v1/namespaces/default/pods?watch=true&labelSelector=" + selector;
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        PodWatch w = new PodWatch(response.body());
        Thread.sleep(300);
        return w;
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

    /** Waits until {@code n} pods are ready (the watch's first events are in), then starts counting the fewest. */
    void countFrom(int n) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            synchronized (this) {
                if (readyNow() == n) {
                    counting = true;
                    lowestReady = n;
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the watch never saw " + n + " ready pods");
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
