package dev.podium.bench;

import com.typesafe.config.ConfigFactory;
import dev.podium.launcher.NodeSettings;
import dev.podium.launcher.PodiumNode;
import dev.podium.persistence.db.DatabaseProfile;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Bare pods on simulated nodes: pods scheduled per second, create→Running latency, heap and RSS,
 * CPU per pod. Warm-up rounds first ({@code --warmup N}, default 50,000 pods, created and then
 * deleted in rounds of {@code --pods}) let the JIT compile the hot paths, so the measured round
 * runs on an empty cluster in a warm JVM.
 * Usage: {@code mvn -q -pl bench exec:java -Dbench=dev.podium.bench.PodStartupBench -Dexec.args="--nodes 1000 --pods 10000"}
 * ({@code --rate R} offers R creates per second on a fixed schedule for the measured round instead
 * of as fast as the clients get answers: latency below saturation rather than at it).
 * (add {@code --pg jdbc:postgresql://127.0.0.1:5432/postgres} to run on a fresh PostgreSQL database).
 */
public final class PodStartupBench {
    private PodStartupBench() {}

    public static void main(String[] args) throws Exception {
        int nodes = 100;
        int pods = 1000;
        int clients = 32;
        int warmup = 50000;
        String pgAdmin = null;
        double rate = 0;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--nodes" -> nodes = Integer.parseInt(args[i + 1]);
                case "--pods" -> pods = Integer.parseInt(args[i + 1]);
                case "--clients" -> clients = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--pg" -> pgAdmin = args[i + 1];
                case "--rate" -> rate = Double.parseDouble(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path dir = Files.createTempDirectory("podium-bench-pods");
        ScratchDatabase scratch = pgAdmin == null ? null : ScratchDatabase.create(pgAdmin, "podium_bench_pods");
        DatabaseProfile db = scratch == null ? DatabaseProfile.h2In(dir) : DatabaseProfile.fromUrl(scratch.url());
        System.out.printf("Podium pod start-up benchmark: %d simulated nodes, %d warm-up pods, %d pods, %d clients%s, store %s, %d cores%n",
                nodes, warmup, pods, clients, rate > 0 ? String.format(" offering %.0f creates/s", rate) : "", pgAdmin == null ? "H2" : "PostgreSQL",
                Runtime.getRuntime().availableProcessors());
        NodeSettings settings = NodeSettings.defaults(dir, 0).withDatabase(db).withNodes(false, nodes).withKeepWorkloadsOnStop(false)
                .withConfig(ConfigFactory.parseString("podium.simulated-start-delay = 0s"));
        try (PodiumNode node = PodiumNode.start(settings)) {
            waitForNodes(node, nodes);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            for (int done = 0, round = 1; done < warmup; done += pods, round++) {
                int count = Math.min(pods, warmup - done);
                long t0 = System.nanoTime();
                PodRound w = PodRound.run(node, http, "warmup" + round, count, clients);
                PodRound.deleteAll(node, http, "warmup" + round, count, clients);
                System.out.printf("warm-up    %d pods created (%.1f/s, p99 %.0f ms) and deleted in %.1f s%n",
                        count, count / w.createSeconds, w.startup.getValueAtPercentile(99) / 1000.0, (System.nanoTime() - t0) / 1e9);
            }
            CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
            long jitStart = jit.getTotalCompilationTime();
            long cpuStart = ProcessMemory.cpuNanos();
            long machineStart = ProcessMemory.machineBusyNanos();
            PodRound r;
            String leases;
            try (LeaseLag lag = LeaseLag.start(node.cache(), node.system().settings().config().getDuration("podium.node-lease-renewal"))) {
                r = PodRound.run(node, http, "bench", pods, clients, rate);
                leases = lag.summary();
            }
            double cpuSeconds = (ProcessMemory.cpuNanos() - cpuStart) / 1e9;
            double machineSeconds = (ProcessMemory.machineBusyNanos() - machineStart) / 1e9;
            double jitSeconds = (jit.getTotalCompilationTime() - jitStart) / 1e3;
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            System.out.printf("running    %d/%d pods in %.1f s%n", r.running.get(), pods, r.seconds);
            System.out.printf("created    %d pods in %.1f s, %.1f creates/s (%d clients), %d refused%n", pods, r.createSeconds, pods / r.createSeconds,
                    clients, r.failed.get());
            System.out.printf("scheduled  %d pods, %.1f pods/s (first create to last binding seen)%n", r.bound.size(), r.scheduledPerSecond());
            System.out.printf("startup    create->Running p50 %.0f ms, p99 %.0f ms, max %.0f ms%n",
                    r.startup.getValueAtPercentile(50) / 1000.0, r.startup.getValueAtPercentile(99) / 1000.0, r.startup.getMaxValue() / 1000.0);
            System.out.printf("memory     heap used after GC %d MiB, RSS %s%n", heap >> 20, ProcessMemory.rss(ProcessHandle.current().pid()));
            System.out.printf("cpu        this JVM (Podium + load) %.1f s (JIT compiling %.1f s), whole machine (with PostgreSQL) %.1f s of %.1f s; %.2f ms per pod%n",
                    cpuSeconds, jitSeconds, machineSeconds, r.seconds * Runtime.getRuntime().availableProcessors(), machineSeconds * 1000 / pods);
            System.out.printf("leases     %s%n", leases);
            listAllPods(node, http);
            if (scratch != null) System.out.printf("writes     %s%n", scratch.journalWritesByKind());
        } finally {
            if (scratch != null) scratch.close();
        }
        System.exit(0);
    }

    /** What {@code kubectl get pods -A -o json} costs: one LIST of every pod, three times (the last counts). */
    private static void listAllPods(PodiumNode node, HttpClient http) throws Exception {
        long bytes = 0;
        double seconds = 0;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            HttpResponse<byte[]> list = http.send(HttpRequest.newBuilder(URI.create(node.url() + "/api/v1/pods")).build(), HttpResponse.BodyHandlers.ofByteArray());
            seconds = (System.nanoTime() - t0) / 1e9;
            bytes = list.body().length;
            if (list.statusCode() != 200) throw new IllegalStateException("LIST of all pods answered " + list.statusCode());
        }
        System.out.printf("list       every pod in one LIST: %.2f s, %.1f MiB%n", seconds, bytes / 1048576.0);
    }

    private static void waitForNodes(PodiumNode node, int nodes) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (node.cache().counts().getOrDefault("Node", 0) < nodes && System.nanoTime() < deadline) Thread.sleep(100);
    }
}
