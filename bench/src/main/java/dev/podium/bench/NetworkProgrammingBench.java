package dev.podium.bench;

import com.sun.net.httpserver.HttpServer;
import org.HdrHistogram.Histogram;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Network programming latency: how long after an endpoint change is acknowledged by the API the
 * node proxy sends new connections through the Service's cluster IP to the new endpoint (kube's
 * network programming SLI; SLO p99 ≤ 30 s). A selector-less Service's Endpoints are switched, one
 * change at a time, between backends in this JVM; after each write, fresh connections to the
 * cluster IP are opened until one reaches the new backend. Usage: {@code mvn -q -pl bench exec:java
 * -Dbench=dev.podium.bench.NetworkProgrammingBench -Dexec.args="--mode nftables --changes 1000"}.
 */
public final class NetworkProgrammingBench {
    private NetworkProgrammingBench() {}

    public static void main(String[] args) throws Exception {
        String mode = "nftables";
        int changes = 1000;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--mode" -> mode = args[i + 1];
                case "--changes" -> changes = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf("Podium network programming benchmark: %s proxy, %d endpoint changes, %d cores, java %s%n",
                mode, changes, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        List<HttpServer> backends = new ArrayList<>();
        try (NetworkedBenchNode node = NetworkedBenchNode.start(mode)) {
            for (int i = 0; i < 4; i++) backends.add(NetworkedBenchNode.backend("backend-" + i, 2));
            String ip = node.service("programmed");
            Histogram latency = new Histogram(60_000_000L, 3);
            int misses = 0;
            for (int c = 0; c <= changes; c++) {
                int next = c % backends.size();
                node.endpoints("programmed", List.of(backends.get(next).getAddress().getPort()));
                long t0 = System.nanoTime();
                if (!reaches(ip, "backend-" + next, Duration.ofSeconds(30))) {
                    misses++;
                    continue;
                }
                if (c > 0) latency.recordValue((System.nanoTime() - t0) / 1000);
            }
            System.out.printf("endpoint change -> traffic through %s: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms over %d changes (%d never reached in 30 s)%n",
                    ip, latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(90) / 1000.0, latency.getValueAtPercentile(99) / 1000.0,
                    latency.getMaxValue() / 1000.0, latency.getTotalCount(), misses);
        } finally {
            backends.forEach(b -> b.stop(0));
        }
        System.exit(0);
    }

    /** Opens fresh connections to the cluster IP until one answers with {@code expected}. */
    private static boolean reaches(String ip, String expected, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (get(ip, 80).endsWith(expected)) return true;
            } catch (Exception refusedOrOld) {
                // not programmed yet
            }
        }
        return false;
    }

    /** One HTTP/1.0 GET on a new connection; the whole response. */
    static String get(String ip, int port) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(ip, port), 2000);
            s.setSoTimeout(2000);
            s.getOutputStream().write("GET / HTTP/1.0\r\nHost: bench\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
