package dev.podium.bench;

import dev.podium.launcher.PodiumNode;
import dev.podium.persistence.watch.WatchEvent;
import dev.podium.persistence.watch.WatchFilter;
import org.HdrHistogram.Histogram;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One round of PodStartupBench: {@code count} bare pods named {@code PREFIX-i} created through
 * the API by {@code clients} concurrent clients; the watch cache tells when each is bound and
 * Running. Times are from the round's first create.
 */
final class PodRound {
    final int pods;
    final int clients;
    /** Creates per second offered on a fixed schedule (open loop), or 0: each client sends its next create when the last is answered. */
    final double rate;
    final Histogram startup = new Histogram(600_000_000L, 3);
    final AtomicInteger running = new AtomicInteger();
    /** Creates answered with anything but 201. */
    final AtomicInteger failed = new AtomicInteger();
    final Map<String, Long> bound = new ConcurrentHashMap<>();
    private final Map<String, Long> created = new ConcurrentHashMap<>();
    private final AtomicLong lastBind = new AtomicLong();
    private long start;
    private String spec;
    double createSeconds;
    double seconds;

    private PodRound(int pods, int clients, double rate) {
        this.pods = pods;
        this.clients = clients;
        this.rate = rate;
    }

    static PodRound run(PodiumNode node, HttpClient http, String prefix, int pods, int clients) throws InterruptedException {
        return run(node, http, prefix, pods, clients, 0);
    }

    /**
     * With {@code rate > 0} create i is due at {@code i / rate} seconds and its latency counts from
     * then, so a create the server is slow to take is not left out of the figures (no coordinated omission).
     */
    static PodRound run(PodiumNode node, HttpClient http, String prefix, int pods, int clients, double rate) throws InterruptedException {
        return run(node, http, prefix, pods, clients, rate, SIMULATED_SPEC);
    }

    /** The pod spec of a simulated node's pod: one container, no command (it never runs). */
    static final String SIMULATED_SPEC = "{\"containers\":[{\"name\":\"c\",\"image\":\"x\",\"resources\":{\"requests\":{\"cpu\":\"10m\",\"memory\":\"10Mi\"}}}]}";

    /** A round of pods whose spec is {@code specJson}. */
    static PodRound run(PodiumNode node, HttpClient http, String prefix, int pods, int clients, double rate, String specJson) throws InterruptedException {
        PodRound round = new PodRound(pods, clients, rate);
        round.spec = specJson;
        Materializer mat = Materializer.matFromSystem(node.system());
        UniqueKillSwitch watch = node.cache().watch(new WatchFilter("Pod", "default", p -> true), node.cache().currentResourceVersion(), false, 1_000_000, mat)
                .viaMat(KillSwitches.single(), Keep.right())
                .to(Sink.foreach(round::observe))
                .run(mat);
        try {
            round.create(node.url() + "/api/v1/namespaces/default/pods", http, prefix);
        } finally {
            watch.shutdown();
        }
        return round;
    }

    private void create(String url, HttpClient http, String prefix) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < pods) {
                    String name = prefix + "-" + i;
                    long due = rate > 0 ? start + (long) (i * 1e9 / rate) : System.nanoTime();
                    long wait = due - System.nanoTime();
                    if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
                    String body = "{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":" + spec + "}";
                    created.put(name, rate > 0 ? due : System.nanoTime());
                    int code = http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (code != 201) {
                        failed.incrementAndGet();
                        created.remove(name);
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(15, TimeUnit.MINUTES)) throw new IllegalStateException("creates still running after 15 minutes");
        createSeconds = (System.nanoTime() - start) / 1e9;
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        while (running.get() < pods - failed.get() && System.nanoTime() < deadline) Thread.sleep(20);
        seconds = (System.nanoTime() - start) / 1e9;
    }

    /**
     * Deletes pods {@code PREFIX-0..count-1} through the API (graceful, as kubectl does) and waits
     * until the cache holds none of them: their node agents have stopped them and removed them.
     */
    static void deleteAll(PodiumNode node, HttpClient http, String prefix, int count, int clients) throws InterruptedException {
        String url = node.url() + "/api/v1/namespaces/default/pods/";
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < count) {
                    http.send(HttpRequest.newBuilder(URI.create(url + prefix + "-" + i)).DELETE().build(), HttpResponse.BodyHandlers.discarding());
                }
                return null;
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(15, TimeUnit.MINUTES)) throw new IllegalStateException("deletes still running after 15 minutes");
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        while (System.nanoTime() < deadline
                && !node.cache().list("Pod", "default", p -> p.path("metadata").path("name").asText().startsWith(prefix + "-"), 1, null).items().isEmpty()) {
            Thread.sleep(100);
        }
    }

    /** Pods bound per second, first create to last binding seen. */
    double scheduledPerSecond() {
        return bound.size() / ((lastBind.get() - start) / 1e9);
    }

    private void observe(WatchEvent e) {
        if (e.object() == null) return;
        String name = e.object().path("metadata").path("name").asText();
        Long t0 = created.get(name);
        if (t0 == null) return;
        long now = System.nanoTime();
        if (!e.object().path("spec").path("nodeName").asText("").isEmpty() && bound.putIfAbsent(name, now) == null) lastBind.set(now);
        if ("Running".equals(e.object().path("status").path("phase").asText()) && created.remove(name) != null) {
            startup.recordValue(Math.min(600_000_000L, (now - t0) / 1000));
            running.incrementAndGet();
        }
    }
}
