package dev.podium.bench;

import com.typesafe.config.ConfigFactory;
import dev.podium.node.NodeSettings;
import dev.podium.node.PodiumNode;
import dev.podium.persistence.db.DatabaseProfile;
import dev.podium.persistence.watch.WatchEvent;
import dev.podium.persistence.watch.WatchFilter;
import org.HdrHistogram.Histogram;
import org.apache.pekko.stream.Materializer;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bare pods on simulated nodes: pods scheduled per second, create→Running latency, heap and RSS.
 * Usage: {@code mvn -q -pl bench exec:java -Dbench=dev.podium.bench.PodStartupBench -Dexec.args="--nodes 1000 --pods 10000"}
 * (add {@code --pg jdbc:postgresql://127.0.0.1:5432/postgres} to run on a fresh PostgreSQL database).
 */
public final class PodStartupBench {
    private PodStartupBench() {}

    public static void main(String[] args) throws Exception {
        int nodes = 100;
        int pods = 1000;
        int clients = 32;
        String pgAdmin = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--nodes" -> nodes = Integer.parseInt(args[i + 1]);
                case "--pods" -> pods = Integer.parseInt(args[i + 1]);
                case "--clients" -> clients = Integer.parseInt(args[i + 1]);
                case "--pg" -> pgAdmin = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path dir = Files.createTempDirectory("podium-bench-pods");
        ScratchDatabase scratch = pgAdmin == null ? null : ScratchDatabase.create(pgAdmin, "podium_bench_pods");
        DatabaseProfile db = scratch == null ? DatabaseProfile.h2In(dir) : DatabaseProfile.fromUrl(scratch.url());
        System.out.printf("Podium pod start-up benchmark: %d simulated nodes, %d pods, %d clients, store %s, %d cores%n",
                nodes, pods, clients, pgAdmin == null ? "H2" : "PostgreSQL", Runtime.getRuntime().availableProcessors());
        NodeSettings settings = NodeSettings.defaults(dir, 0).withDatabase(db).withNodes(false, nodes).withKeepWorkloadsOnStop(false)
                .withConfig(ConfigFactory.parseString("podium.simulated-start-delay = 0s"));
        try (PodiumNode node = PodiumNode.start(settings)) {
            waitForNodes(node, nodes);
            Map<String, Long> created = new ConcurrentHashMap<>();
            Map<String, Long> bound = new ConcurrentHashMap<>();
            Histogram startup = new Histogram(600_000_000L, 3);
            AtomicInteger running = new AtomicInteger();
            AtomicLong lastBind = new AtomicLong();
            Materializer mat = Materializer.matFromSystem(node.system());
            node.cache().watch(new WatchFilter("Pod", "default", p -> true), node.cache().currentResourceVersion(), false, 1_000_000, mat)
                    .runForeach(e -> observe(e, created, bound, startup, running, lastBind), mat);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String url = node.url() + "/api/v1/namespaces/default/pods";
            AtomicInteger next = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            long cpuStart = ProcessMemory.cpuNanos();
            long machineStart = ProcessMemory.machineBusyNanos();
            long start = System.nanoTime();
            final int total = pods;
            for (int c = 0; c < clients; c++) {
                pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < total) {
                        String name = "bench-" + i;
                        String body = "{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"x\","
                                + "\"resources\":{\"requests\":{\"cpu\":\"10m\",\"memory\":\"10Mi\"}}}]}}";
                        created.put(name, System.nanoTime());
                        http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
                    }
                    return null;
                });
            }
            pool.shutdown();
            pool.awaitTermination(15, TimeUnit.MINUTES);
            double createSeconds = (System.nanoTime() - start) / 1e9;
            long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
            while (running.get() < pods && System.nanoTime() < deadline) Thread.sleep(100);
            double seconds = (System.nanoTime() - start) / 1e9;
            double scheduleSeconds = (lastBind.get() - start) / 1e9;
            double cpuSeconds = (ProcessMemory.cpuNanos() - cpuStart) / 1e9;
            double machineSeconds = (ProcessMemory.machineBusyNanos() - machineStart) / 1e9;
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            System.out.printf("running    %d/%d pods in %.1f s%n", running.get(), pods, seconds);
            System.out.printf("created    %d pods in %.1f s, %.1f creates/s (%d clients)%n", pods, createSeconds, pods / createSeconds, clients);
            System.out.printf("scheduled  %d pods, %.1f pods/s (first create to last binding seen)%n", bound.size(), bound.size() / scheduleSeconds);
            System.out.printf("startup    create->Running p50 %.0f ms, p99 %.0f ms, max %.0f ms%n",
                    startup.getValueAtPercentile(50) / 1000.0, startup.getValueAtPercentile(99) / 1000.0, startup.getMaxValue() / 1000.0);
            System.out.printf("memory     heap used after GC %d MiB, RSS %s%n", heap >> 20, ProcessMemory.rss(ProcessHandle.current().pid()));
            System.out.printf("cpu        this JVM (Podium + load) %.1f s, whole machine (with PostgreSQL) %.1f s of %.1f s; %.2f ms per pod%n",
                    cpuSeconds, machineSeconds, seconds * Runtime.getRuntime().availableProcessors(), machineSeconds * 1000 / pods);
            if (scratch != null) System.out.printf("writes     %s%n", scratch.journalWritesByKind());
        } finally {
            if (scratch != null) scratch.close();
        }
        System.exit(0);
    }

    private static void observe(WatchEvent e, Map<String, Long> created, Map<String, Long> bound, Histogram startup, AtomicInteger running,
                                AtomicLong lastBind) {
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

    private static void waitForNodes(PodiumNode node, int nodes) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (node.cache().counts().getOrDefault("Node", 0) < nodes && System.nanoTime() < deadline) Thread.sleep(100);
    }
}
