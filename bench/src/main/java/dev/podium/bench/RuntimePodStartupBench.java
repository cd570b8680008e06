package dev.podium.bench;

import dev.podium.launcher.NodeSettings;
import dev.podium.launcher.PodiumNode;
import dev.podium.persistence.db.DatabaseProfile;
import dev.podium.runtime.cri.ContainerdDaemon;
import dev.podium.runtime.cri.ImageImport;
import dev.podium.runtime.cri.OciArchive;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Real pods on one node: create→Running of {@code --pods} pods of one imported busybox image on Podium's own
 * containerd, then of the same pods as host processes (the process runtime), each after a warm-up round.
 * Usage: {@code mvn -q -pl bench exec:java -Dbench=dev.podium.bench.RuntimePodStartupBench -Dexec.args="--pods 100 --clients 8"}
 * (all at once), or add {@code --rate R} to offer R creates per second (latency below the node's saturation).
 * (needs containerd, runc, containernetworking-plugins and busybox-static, and root).
 */
public final class RuntimePodStartupBench {
    private static final String IMAGE = "busybox:bench";

    private RuntimePodStartupBench() {}

    public static void main(String[] args) throws Exception {
        int pods = 100;
        int clients = 8;
        int warmup = 20;
        double rate = 0;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--pods" -> pods = Integer.parseInt(args[i + 1]);
                case "--clients" -> clients = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--rate" -> rate = Double.parseDouble(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        ContainerdDaemon.unavailableReason().ifPresent(r -> {
            throw new IllegalStateException("containerd cannot run here: " + r);
        });
        System.out.printf("Podium real pod start-up: %d pods (after %d warm-up pods), %d clients%s, one node, H2, %d cores%n",
                pods, warmup, clients, rate > 0 ? String.format(" offering %.1f creates/s", rate) : " at once", Runtime.getRuntime().availableProcessors());
        String containerd = "{\"terminationGracePeriodSeconds\":1,\"containers\":[{\"name\":\"c\",\"image\":\"" + IMAGE + "\",\"args\":[\"sleep\",\"3600\"]}]}";
        String process = "{\"terminationGracePeriodSeconds\":1,\"containers\":[{\"name\":\"c\",\"image\":\"" + IMAGE + "\",\"command\":[\"sleep\",\"3600\"]}]}";
        PodRound c = round("containerd", pods, clients, warmup, rate, containerd);
        PodRound p = round("process", pods, clients, warmup, rate, process);
        System.out.printf("%-11s create->Running p50 %5.0f ms  p99 %5.0f ms  max %5.0f ms  (%d/%d Running, last after %.1f s)%n", "containerd",
                c.startup.getValueAtPercentile(50) / 1000.0, c.startup.getValueAtPercentile(99) / 1000.0, c.startup.getMaxValue() / 1000.0, c.running.get(), pods, c.seconds);
        System.out.printf("%-11s create->Running p50 %5.0f ms  p99 %5.0f ms  max %5.0f ms  (%d/%d Running, last after %.1f s)%n", "process",
                p.startup.getValueAtPercentile(50) / 1000.0, p.startup.getValueAtPercentile(99) / 1000.0, p.startup.getMaxValue() / 1000.0, p.running.get(), pods, p.seconds);
        System.exit(0);
    }

    private static PodRound round(String runtime, int pods, int clients, int warmup, double rate, String spec) throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "podium-bench-" + runtime);
        NodeSettings settings = NodeSettings.defaults(dir, 0).withDatabase(DatabaseProfile.h2In(dir)).withNodes(true, 0).withKeepWorkloadsOnStop(false);
        settings = settings.withHosting(new NodeSettings.Hosting(true, "bench-" + runtime, 0, "sim", runtime, null));
        ContainerdDaemon daemon = new ContainerdDaemon(dir.resolve("containerd"));
        try (PodiumNode node = PodiumNode.start(settings)) {
            if (runtime.equals("containerd")) {
                Path archive = dir.resolve("busybox.tar");
                OciArchive.writeBusybox(archive, IMAGE);
                ImageImport.run(daemon.socket(), archive);
            }
            waitForNode(node);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            PodRound w = PodRound.run(node, http, "warmup", warmup, clients, 0, spec);
            PodRound.deleteAll(node, http, "warmup", warmup, clients);
            System.out.printf("%-11s warm-up %d pods Running, p99 %.0f ms%n", runtime, w.running.get(), w.startup.getValueAtPercentile(99) / 1000.0);
            PodRound r = PodRound.run(node, http, "bench", pods, clients, rate, spec);
            PodRound.deleteAll(node, http, "bench", pods, clients);
            return r;
        } finally {
            if (runtime.equals("containerd")) daemon.destroy(List.of("bench-" + runtime));
        }
    }

    private static void waitForNode(PodiumNode node) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline && node.cache().list("Node", null, n -> n.path("spec").has("podCIDR")
                || !"containerd".equals(n.path("metadata").path("labels").path("podium.dev/runtime").asText()), 1, null).items().isEmpty()) {
            Thread.sleep(100);
        }
    }
}
