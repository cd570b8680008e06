package dev.podium.bench;

import dev.podium.model.json.Json;
import org.HdrHistogram.Histogram;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The built-in cluster DNS: A queries over UDP for Service names (among {@code --services}
 * Services) from {@code --clients} resolvers at once, straight to the member's DNS port: queries/s
 * and latency. Usage: {@code mvn -q -pl bench exec:java -Dbench=dev.podium.bench.ClusterDnsBench
 * -Dexec.args="--services 200 --clients 8 --seconds 15"}.
 */
public final class ClusterDnsBench {
    private ClusterDnsBench() {}

    public static void main(String[] args) throws Exception {
        int services = 200;
        int clients = 8;
        int seconds = 15;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--services" -> services = Integer.parseInt(args[i + 1]);
                case "--clients" -> clients = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf("Podium cluster DNS benchmark: %d Services, %d clients, %d s, %d cores, java %s%n",
                services, clients, seconds, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        try (NetworkedBenchNode node = NetworkedBenchNode.start("none")) {
            for (int i = 0; i < services; i++) node.service("svc-" + i);
            var endpoints = Json.MAPPER.readTree(node.send("GET", "/api/v1/namespaces/kube-system/endpoints/kube-dns", null).body());
            int port = endpoints.path("subsets").path(0).path("ports").path(0).path("port").asInt();
            int names = services;
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            Histogram h = new Histogram(60_000_000L, 3);
            AtomicLong failures = new AtomicLong();
            long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            long t0 = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            int clientCount = clients;
            for (int c = 0; c < clients; c++) {
                int client = c;
                running.add(pool.submit(() -> {
                    SimpleResolver resolver = new SimpleResolver(InetAddress.getLoopbackAddress());
                    resolver.setPort(port);
                    resolver.setTimeout(Duration.ofSeconds(2));
                    Histogram mine = new Histogram(60_000_000L, 3);
                    for (int q = client; System.nanoTime() < end; q += clientCount) {
                        Message query = Message.newQuery(Record.newRecord(Name.fromString("svc-" + (q % names) + ".default.svc.cluster.local."), Type.A, DClass.IN));
                        long start = System.nanoTime();
                        try {
                            Message answer = resolver.send(query);
                            if (answer.getRcode() != Rcode.NOERROR || answer.getSection(1).isEmpty()) failures.incrementAndGet();
                            else mine.recordValue(Math.min(60_000_000L, (System.nanoTime() - start) / 1000));
                        } catch (Exception e) {
                            failures.incrementAndGet();
                        }
                    }
                    synchronized (h) {
                        h.add(mine);
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) f.get();
            pool.shutdown();
            double elapsed = (System.nanoTime() - t0) / 1e9;
            System.out.printf("A queries: %.0f/s, p50 %.3f ms, p99 %.3f ms, max %.2f ms, %d failed%n", h.getTotalCount() / elapsed,
                    h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0, failures.get());
        }
        System.exit(0);
    }
}
