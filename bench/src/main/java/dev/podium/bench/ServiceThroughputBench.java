package dev.podium.bench;

import com.sun.net.httpserver.HttpServer;
import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * What the node proxy and the ingress proxy cost: requests/s and latency of small HTTP GETs (keep-alive
 * connections, {@code --clients} at once) straight to a backend in this JVM, through the cluster IP
 * of a Service whose Endpoints name it, and through the ingress controller, as ratios to straight.
 * Usage: {@code mvn -q -pl bench exec:java -Dbench=dev.podium.bench.ServiceThroughputBench
 * -Dexec.args="--mode nftables --clients 16 --seconds 15"}.
 */
public final class ServiceThroughputBench {
    private ServiceThroughputBench() {}

    record Run(double perSecond, Histogram micros, long errors) {}

    public static void main(String[] args) throws Exception {
        String mode = "nftables";
        int clients = 16;
        int seconds = 15;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--mode" -> mode = args[i + 1];
                case "--clients" -> clients = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf("Podium Service throughput benchmark: %s proxy, %d clients, %d s a run, %d cores, java %s%n",
                mode, clients, seconds, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        HttpServer backend = NetworkedBenchNode.backend("ok", 8);
        try (NetworkedBenchNode node = NetworkedBenchNode.start(mode)) {
            int port = backend.getAddress().getPort();
            String ip = node.service("through");
            node.endpoints("through", List.of(port));
            var ingress = node.send("POST", "/apis/networking.k8s.io/v1/namespaces/default/ingresses", """
                    {"metadata":{"name":"through"},"spec":{"rules":[{"http":{"paths":[{"path":"/","pathType":"Prefix",
                     "backend":{"service":{"name":"through","port":{"number":80}}}}]}}]}}""");
            if (ingress.statusCode() != 201) throw new IllegalStateException("the Ingress was refused: " + ingress.body());
            String direct = "http://127.0.0.1:" + port + "/";
            String service = "http://" + ip + "/";
            String viaIngress = "http://127.0.0.1:" + node.ingressPort + "/";
            for (String url : List.of(direct, service, viaIngress)) load(url, clients, 2); // warm-up
            Run straight = load(direct, clients, seconds);
            Run proxied = load(service, clients, seconds);
            Run ingressed = load(viaIngress, clients, seconds);
            print("straight to the backend", straight, straight);
            print("through the cluster IP (" + mode + ")", proxied, straight);
            print("through the ingress controller", ingressed, straight);
        } finally {
            backend.stop(0);
        }
        System.exit(0);
    }

    private static void print(String what, Run r, Run base) {
        System.out.printf("%-40s %8.0f req/s (x%.2f)  p50 %6.2f ms  p99 %6.2f ms (x%.2f)  errors %d%n", what, r.perSecond(), r.perSecond() / base.perSecond(),
                r.micros().getValueAtPercentile(50) / 1000.0, r.micros().getValueAtPercentile(99) / 1000.0,
                (double) r.micros().getValueAtPercentile(99) / base.micros().getValueAtPercentile(99), r.errors());
    }

    private static Run load(String url, int clients, int seconds) throws Exception {
        TimedLoad.Result r = TimedLoad.run(clients, seconds, c -> () -> {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build();
            return () -> http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        });
        return new Run(r.perSecond(), r.micros(), r.failures());
    }
}
