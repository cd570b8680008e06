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
            int clientCount = clients;
            TimedLoad.Result r = TimedLoad.run(clients, seconds, client -> () -> {
                SimpleResolver resolver = new SimpleResolver(InetAddress.getLoopbackAddress());
                resolver.setPort(port);
                resolver.setTimeout(Duration.ofSeconds(2));
                int[] next = {client};
                return () -> {
                    String name = "svc-" + (next[0] % names) + ".default.svc.cluster.local.";
                    next[0] += clientCount;
                    Message answer = resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN)));
                    return answer.getRcode() == Rcode.NOERROR && !answer.getSection(1).isEmpty();
                };
            });
            Histogram h = r.micros();
            System.out.printf("A queries: %.0f/s, p50 %.3f ms, p99 %.3f ms, max %.2f ms, %d failed%n", r.perSecond(),
                    h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0, r.failures());
        }
        System.exit(0);
    }
}
