package dev.podium.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import dev.podium.launcher.NodeSettings;
import dev.podium.launcher.PodiumNode;
import dev.podium.persistence.db.DatabaseProfile;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Deployments on simulated nodes, end to end through their controllers: {@code --deployments}
 * Deployments of {@code --replicas} each applied at once, timed until every one reports all its
 * replicas available; then a rolling update (an image change, maxSurge and maxUnavailable 25%)
 * of the first, timed until it is complete. A warm-up round of the same size, applied and deleted
 * with its ReplicaSets and pods, runs first unless {@code --warmup 0}.
 * Usage: {@code mvn -q -pl bench exec:java -Dbench=dev.podium.bench.DeploymentBench
 * -Dexec.args="--nodes 1000 --deployments 10 --replicas 1000 --pg jdbc:postgresql://127.0.0.1:5432/postgres"}
 */
public final class DeploymentBench {
    private static final Duration LIMIT = Duration.ofMinutes(15);

    private DeploymentBench() {}

    public static void main(String[] args) throws Exception {
        int nodes = 1000;
        int deployments = 10;
        int replicas = 1000;
        int warmup = 1;
        String pgAdmin = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--nodes" -> nodes = Integer.parseInt(args[i + 1]);
                case "--deployments" -> deployments = Integer.parseInt(args[i + 1]);
                case "--replicas" -> replicas = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--pg" -> pgAdmin = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path dir = Files.createTempDirectory("podium-bench-deployments");
        ScratchDatabase scratch = pgAdmin == null ? null : ScratchDatabase.create(pgAdmin, "podium_bench_deployments");
        DatabaseProfile db = scratch == null ? DatabaseProfile.h2In(dir) : DatabaseProfile.fromUrl(scratch.url());
        System.out.printf("Podium Deployment benchmark: %d simulated nodes, %d Deployments x %d replicas, %d warm-up round(s), store %s, %d cores%n",
                nodes, deployments, replicas, warmup, pgAdmin == null ? "H2" : "PostgreSQL", Runtime.getRuntime().availableProcessors());
        NodeSettings settings = NodeSettings.defaults(dir, 0).withDatabase(db).withNodes(false, nodes).withKeepWorkloadsOnStop(false)
                .withConfig(ConfigFactory.parseString("podium.simulated-start-delay = 0s"));
        try (PodiumNode node = PodiumNode.start(settings)) {
            waitForNodes(node, nodes);
            Api api = new Api(node.url());
            for (int round = 1; round <= warmup; round++) {
                String prefix = "warmup" + round;
                double s = applyAndWait(node, api, prefix, deployments, replicas);
                long t0 = System.nanoTime();
                for (int d = 0; d < deployments; d++) api.send("DELETE", "/apis/apps/v1/namespaces/default/deployments/" + prefix + "-" + d, null);
                waitUntil(() -> node.cache().counts().getOrDefault("Pod", 0) == 0, "the warm-up's pods to be deleted");
                System.out.printf("warm-up    %d pods available in %.1f s, deleted in %.1f s%n", deployments * replicas, s, (System.nanoTime() - t0) / 1e9);
            }
            long cpuStart = ProcessMemory.cpuNanos();
            long machineStart = ProcessMemory.machineBusyNanos();
            double scaleOut = applyAndWait(node, api, "bench", deployments, replicas);
            int pods = deployments * replicas;
            System.out.printf("available  %d Deployments x %d replicas: %d pods in %.1f s, %.0f pods/s (apply to every Deployment available)%n",
                    deployments, replicas, pods, scaleOut, pods / scaleOut);
            System.out.printf("cpu        this JVM %.1f s, whole machine (with PostgreSQL) %.1f s; %.2f ms per pod%n",
                    (ProcessMemory.cpuNanos() - cpuStart) / 1e9, (ProcessMemory.machineBusyNanos() - machineStart) / 1e9,
                    (ProcessMemory.machineBusyNanos() - machineStart) / 1e6 / pods);

            int size = replicas;
            long t0 = System.nanoTime();
            api.send("PATCH", "/apis/apps/v1/namespaces/default/deployments/bench-0",
                    "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"x:2\"}]}}}}");
            waitUntil(() -> rolledOut(node, "bench-0", size, 2), "bench-0 to roll out");
            double rollout = (System.nanoTime() - t0) / 1e9;
            System.out.printf("rollout    %d replicas (maxSurge 25%%, maxUnavailable 25%%) in %.1f s, %.0f pods replaced/s%n", replicas, rollout, replicas / rollout);
            System.gc();
            System.out.printf("memory     heap used after GC %d MiB, RSS %s%n",
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20, ProcessMemory.rss(ProcessHandle.current().pid()));
            if (scratch != null) System.out.printf("writes     %s%n", scratch.journalWritesByKind());
        } finally {
            if (scratch != null) scratch.close();
        }
        System.exit(0);
    }

    /** Applies the Deployments and waits until each reports all its replicas available; seconds from the first create. */
    private static double applyAndWait(PodiumNode node, Api api, String prefix, int deployments, int replicas) throws Exception {
        long t0 = System.nanoTime();
        for (int d = 0; d < deployments; d++) {
            int code = api.send("POST", "/apis/apps/v1/namespaces/default/deployments", deployment(prefix + "-" + d, replicas));
            if (code != 201) throw new IllegalStateException("create of " + prefix + "-" + d + " answered " + code);
        }
        List<String> names = new ArrayList<>();
        for (int d = 0; d < deployments; d++) names.add(prefix + "-" + d);
        waitUntil(() -> names.stream().allMatch(n -> rolledOut(node, n, replicas, 1)), "the Deployments to be available");
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Complete as {@code kubectl rollout status} counts it: observed, every replica updated and available, no old pod left. */
    private static boolean rolledOut(PodiumNode node, String name, int replicas, long generation) {
        return node.cache().get("Deployment.apps", "default/" + name).map(c -> {
            JsonNode d = c.object();
            JsonNode s = d.path("status");
            long gen = d.path("metadata").path("generation").asLong();
            return gen >= generation && s.path("observedGeneration").asLong() == gen && s.path("updatedReplicas").asInt() == replicas
                    && s.path("replicas").asInt() == replicas && s.path("availableReplicas").asInt() == replicas;
        }).orElse(false);
    }

    private static String deployment(String name, int replicas) {
        return """
                {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "%1$s"},
                 "spec": {"replicas": %2$d, "selector": {"matchLabels": {"app": "%1$s"}},
                          "template": {"metadata": {"labels": {"app": "%1$s"}},
                                       "spec": {"containers": [{"name": "c", "image": "x:1",
                                                "resources": {"requests": {"cpu": "10m", "memory": "10Mi"}}}]}}}}
                """.formatted(name, replicas);
    }

    private static void waitForNodes(PodiumNode node, int nodes) throws InterruptedException {
        waitUntil(() -> node.cache().counts().getOrDefault("Node", 0) >= nodes, nodes + " nodes to register");
    }

    private static void waitUntil(java.util.function.BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("gave up waiting for " + what + " after " + LIMIT);
            Thread.sleep(20);
        }
    }

    private record Api(String url, HttpClient http) {
        Api(String url) {
            this(url, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
        }

        int send(String method, String path, String json) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path));
            HttpRequest.BodyPublisher body = json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json);
            b.header("Content-Type", method.equals("PATCH") ? "application/strategic-merge-patch+json" : "application/json").method(method, body);
            return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }
}
