package dev.podium.bench;

import dev.podium.http.security.pki.ApiTls;
import dev.podium.http.security.pki.ClusterCa;
import dev.podium.http.security.pki.IssuedCertificate;
import dev.podium.launcher.NodeSettings;
import dev.podium.launcher.PodiumNode;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What authentication and authorization cost: ConfigMap creates per second and latency with
 * concurrent clients over plain HTTP without authorization ({@code --insecure-http}) and over TLS
 * with a client certificate of a user RBAC allows through a ClusterRoleBinding to {@code edit}
 * (not {@code system:masters}, whose requests skip the rule walk), rounds alternating on the
 * embedded store. Usage:
 * {@code mvn -q -pl bench exec:java -Dbench=dev.podium.bench.AuthCostBench -Dexec.args="--creates 10000 --clients 32 --rounds 3"}.
 */
public final class AuthCostBench {
    private AuthCostBench() {}

    public static void main(String[] args) throws Exception {
        int creates = 5000;
        int clients = 32;
        int rounds = 2;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--creates" -> creates = Integer.parseInt(args[i + 1]);
                case "--clients" -> clients = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf("Podium authentication and authorization cost: %d ConfigMap creates, %d concurrent clients, %d rounds, %d cores, java %s%n",
                creates, clients, rounds, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        List<ConfigMapCreateBench.Result> plain = new ArrayList<>();
        List<ConfigMapCreateBench.Result> secure = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            ConfigMapCreateBench.Result p = ConfigMapCreateBench.runAgainst("HTTP", NodeSettings.defaults(Files.createTempDirectory("podium-auth-plain"), 0),
                    creates, clients);
            System.out.println(p.line());
            plain.add(p);
            ConfigMapCreateBench.Result s = runSecure(creates, clients);
            System.out.println(s.line());
            secure.add(s);
        }
        double plainRate = plain.stream().mapToDouble(ConfigMapCreateBench.Result::rate).average().orElse(0);
        double secureRate = secure.stream().mapToDouble(ConfigMapCreateBench.Result::rate).average().orElse(0);
        double plainP99 = plain.stream().mapToDouble(r -> r.latencyMicros().getValueAtPercentile(99) / 1000.0).average().orElse(0);
        double secureP99 = secure.stream().mapToDouble(r -> r.latencyMicros().getValueAtPercentile(99) / 1000.0).average().orElse(0);
        System.out.printf("ratio      TLS + RBAC / plain HTTP: creates/s %.1f / %.1f = %.2f   p99 %.2f / %.2f ms%n",
                secureRate, plainRate, secureRate / plainRate, secureP99, plainP99);
        System.exit(0);
    }

    private static ConfigMapCreateBench.Result runSecure(int creates, int clients) throws Exception {
        Path dir = Files.createTempDirectory("podium-auth-tls");
        NodeSettings settings = NodeSettings.defaults(dir, 0).withApiAccess(NodeSettings.ApiAccess.secure(dir.resolve("pki")));
        try (PodiumNode node = PodiumNode.start(settings)) {
            ClusterCa ca = ClusterCa.loadOrCreate(dir.resolve("pki"), Clock.systemUTC());
            HttpClient admin = client(ca, ca.issueClient("bench-admin", List.of("system:masters"), Duration.ofDays(1), Clock.systemUTC()));
            ConfigMapCreates.post(admin, node.url() + "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings",
                    "{\"metadata\":{\"name\":\"bench-edit\"},\"roleRef\":{\"apiGroup\":\"rbac.authorization.k8s.io\",\"kind\":\"ClusterRole\",\"name\":\"edit\"},"
                            + "\"subjects\":[{\"kind\":\"User\",\"name\":\"bench\",\"apiGroup\":\"rbac.authorization.k8s.io\"}]}");
            ConfigMapCreates.post(admin, node.url() + "/api/v1/namespaces", "{\"metadata\":{\"name\":\"bench\"}}");
            HttpClient user = client(ca, ca.issueClient("bench", List.of(), Duration.ofDays(1), Clock.systemUTC()));
            String url = node.url() + "/api/v1/namespaces/bench/configmaps";
            ConfigMapCreates.run(user, url, "warmup-", Math.min(1000, creates / 5), clients);
            ConfigMapCreates.Result r = ConfigMapCreates.run(user, url, "cm-", creates, clients);
            return new ConfigMapCreateBench.Result("TLS+RBAC", creates, r.seconds(), r.latencyMicros(), r.errors());
        }
    }

    /** A client trusting the cluster CA and presenting {@code cert}: the same key and trust material a server context holds. */
    private static HttpClient client(ClusterCa ca, IssuedCertificate cert) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(new ApiTls(cert, ca.certificate()).context())
                .connectTimeout(Duration.ofSeconds(5)).build();
    }
}
