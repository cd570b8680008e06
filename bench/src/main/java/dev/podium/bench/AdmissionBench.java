package dev.podium.bench;

import com.typesafe.config.ConfigFactory;
import dev.podium.launcher.NodeSettings;
import dev.podium.launcher.PodiumNode;
import dev.podium.persistence.db.DatabaseProfile;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What API Priority and Fairness costs and what it does past capacity, on PostgreSQL: the
 * sustained ConfigMap create rate of closed-loop clients with flow control on and off, then
 * creates offered open-loop at 2× and 5× that rate: how many are accepted and how many get 429.
 * Usage: {@code mvn -q -pl bench exec:java -Dbench=dev.podium.bench.AdmissionBench -Dexec.args="--creates 10000 --clients 32 --seconds 20"}.
 */
public final class AdmissionBench {
    private AdmissionBench() {}

    public static void main(String[] args) throws Exception {
        int creates = 10_000;
        int clients = 32;
        int seconds = 20;
        String pgAdmin = ScratchDatabase.DEFAULT_ADMIN_URL;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--creates" -> creates = Integer.parseInt(args[i + 1]);
                case "--clients" -> clients = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--pg" -> pgAdmin = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf("Podium admission benchmark: %d creates by %d clients per run, overload runs of %d s, %d cores, java %s%n",
                creates, clients, seconds, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        // two rounds, alternating, so neither setting profits from a JVM the other warmed; the second round counts
        ConfigMapCreates.Result off = null;
        ConfigMapCreates.Result on = null;
        for (int round = 1; round <= 2; round++) {
            off = closedLoop(pgAdmin, false, creates, clients);
            on = closedLoop(pgAdmin, true, creates, clients);
            System.out.printf("round %d: off %.1f creates/s, on %.1f creates/s%n", round, off.rate(), on.rate());
        }
        System.out.printf("%-18s %8.1f creates/s   p99 %7.2f ms   errors %d%n", "flow control off", off.rate(),
                off.latencyMicros().getValueAtPercentile(99) / 1000.0, off.errors());
        System.out.printf("%-18s %8.1f creates/s   p99 %7.2f ms   errors %d%n", "flow control on", on.rate(),
                on.latencyMicros().getValueAtPercentile(99) / 1000.0, on.errors());
        System.out.printf("ratio on/off       %.3f%n", on.rate() / off.rate());
        try (ScratchDatabase db = ScratchDatabase.create(pgAdmin, "podium_bench");
             PodiumNode node = PodiumNode.start(NodeSettings.defaults(Files.createTempDirectory("podium-bench-admission"), 0)
                     .withDatabase(DatabaseProfile.fromUrl(db.url())))) {
            for (int factor : new int[] {2, 5}) openLoop(node.url(), factor, on.rate() * factor, seconds);
        }
        System.exit(0);
    }

    private static ConfigMapCreates.Result closedLoop(String pgAdmin, boolean flowControl, int creates, int clients) throws Exception {
        try (ScratchDatabase db = ScratchDatabase.create(pgAdmin, "podium_bench");
             PodiumNode node = PodiumNode.start(NodeSettings.defaults(Files.createTempDirectory("podium-bench-admission"), 0)
                     .withDatabase(DatabaseProfile.fromUrl(db.url()))
                     .withConfig(ConfigFactory.parseString("podium.flow-control = " + flowControl)))) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
            String url = node.url() + "/api/v1/namespaces/default/configmaps";
            ConfigMapCreates.run(http, url, "warmup-", Math.min(2000, creates / 5), clients);
            return ConfigMapCreates.run(http, url, "cm-", creates, clients);
        }
    }

    /** At most this many creates out at once: past it the client itself cannot keep up and skips sends (reported). */
    private static final int MAX_OUTSTANDING = 2_000;

    /** Creates sent at {@code rate}/s regardless of answers, for {@code seconds}; then what came back. */
    private static void openLoop(String base, int factor, double rate, int seconds) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        Map<Integer, AtomicInteger> codes = new ConcurrentHashMap<>();
        AtomicLong sent = new AtomicLong();
        AtomicLong answered = new AtomicLong();
        AtomicLong skipped = new AtomicLong();
        java.util.concurrent.Semaphore outstanding = new java.util.concurrent.Semaphore(MAX_OUTSTANDING);
        Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
        String url = base + "/api/v1/namespaces/default/configmaps";
        ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
        int perTick = (int) Math.max(1, Math.round(rate / 100));
        long start = System.nanoTime();
        ticks.scheduleAtFixedRate(() -> {
            for (int k = 0; k < perTick; k++) {
                if (!outstanding.tryAcquire()) {
                    skipped.incrementAndGet();
                    continue;
                }
                String name = "x" + factor + "-" + sent.incrementAndGet();
                HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"metadata\":{\"name\":\"" + name + "\"},\"data\":{\"k\":\"v\"}}")).build();
                http.sendAsync(req, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                    outstanding.release();
                    if (e != null) {
                        Throwable root = e;
                        while (root.getCause() != null) root = root.getCause();
                        errors.computeIfAbsent(root.getClass().getSimpleName() + ": " + root.getMessage(), m -> new AtomicInteger()).incrementAndGet();
                    }
                    codes.computeIfAbsent(e == null ? r.statusCode() : -1, c -> new AtomicInteger()).incrementAndGet();
                    answered.incrementAndGet();
                });
            }
        }, 0, 10, TimeUnit.MILLISECONDS);
        ticks.schedule(ticks::shutdown, seconds, TimeUnit.SECONDS);
        ticks.awaitTermination(seconds + 5L, TimeUnit.SECONDS);
        double offered = sent.get() / ((System.nanoTime() - start) / 1e9);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (answered.get() < sent.get() && System.nanoTime() < deadline) TimeUnit.MILLISECONDS.sleep(100);
        Map<Integer, Integer> byCode = new TreeMap<>();
        codes.forEach((c, n) -> byCode.put(c, n.get()));
        int accepted = byCode.getOrDefault(201, 0);
        System.out.printf("%d× capacity: offered %.0f/s (target %.0f/s, %d skipped by the client at %d out) for %d s: %s  -> %.1f%% got 429, "
                        + "accepted %.0f/s%n", factor, offered, rate, skipped.get(), MAX_OUTSTANDING, seconds, byCode,
                100.0 * byCode.getOrDefault(429, 0) / Math.max(1, sent.get()), accepted / (double) seconds);
        if (!errors.isEmpty()) System.out.println("client errors: " + errors);
    }
}
