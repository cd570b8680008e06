package dev.podium.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/**
 * A cluster of Podium JVMs started from the shaded jar with {@code podium cluster up}, for tests
 * that kill members with {@code kill -9}. Cluster timings come from {@code -Dpodium.*} options.
 */
final class PodiumCluster implements AutoCloseable {
    static final Path JAR = Path.of("..", "cluster-config", "target", "podium.jar").toAbsolutePath().normalize();
    final Path dir;
    final int size;
    final int apiBase;
    final int clusterBase;
    private final String db;
    private final String javaOptions;
    private final int simulatedNodes;

    private PodiumCluster(Path dir, int size, int apiBase, int clusterBase, String db, String javaOptions, int simulatedNodes) {
        this.dir = dir;
        this.size = size;
        this.apiBase = apiBase;
        this.clusterBase = clusterBase;
        this.db = db;
        this.javaOptions = javaOptions;
        this.simulatedNodes = simulatedNodes;
    }

    static PodiumCluster start(int size, String dbUrl, int simulatedNodes, String javaOptions) throws Exception {
        if (!Files.isRegularFile(JAR)) fail("the multi-JVM tests run the shaded jar " + JAR + ": build it first (mvn package, or mvn verify from the root)");
        Random random = new Random();
        int apiBase = 0;
        int clusterBase = 0;
        while (apiBase == 0) {
            int a = 20000 + random.nextInt(20000);
            int c = 40000 + random.nextInt(10000);
            if (free(a, size) && free(c, size)) {
                apiBase = a;
                clusterBase = c;
            }
        }
        PodiumCluster cluster = new PodiumCluster(Files.createTempDirectory("podium-jvms"), size, apiBase, clusterBase, dbUrl, javaOptions, simulatedNodes);
        cluster.up();
        return cluster;
    }

    /** {@code podium cluster up}: starts every member that is not running and returns once all are ready. */
    void up() throws Exception {
        String out = podium("cluster", "up", String.valueOf(size), "--data", dir.toString(), "--db", db, "--port", String.valueOf(apiBase),
                "--cluster-port", String.valueOf(clusterBase), "--simulated-nodes", String.valueOf(simulatedNodes));
        if (!out.contains("Cluster is up")) fail("podium cluster up failed:\n" + out + "\n" + logs());
    }

    String podium(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PODIUM_JAVA_OPTS", javaOptions);
        pb.environment().put("PODIUM_PROXY_MODE", "none"); // the members share this host with other tests' nodes
        pb.environment().put("PODIUM_INGRESS", "false");
        pb.environment().put("PODIUM_DNS_PORT", "0");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(4, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("podium " + String.join(" ", args) + " did not finish");
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /** The member's API over TLS, as the cluster's admin (the CA and certificate {@code podium cluster up} made in DIR/pki). */
    ApiClient api(int member) throws IOException {
        Path pki = dir.resolve("pki");
        var admin = new dev.podium.http.security.pki.IssuedCertificate(
                dev.podium.http.security.pki.Pem.readCertificate(Files.readString(pki.resolve("admin.crt"))),
                dev.podium.http.security.pki.Pem.readPrivateKey(Files.readString(pki.resolve("admin.key"))));
        var ca = dev.podium.http.security.pki.Pem.readCertificate(Files.readString(pki.resolve("ca.crt")));
        return ApiClient.of("https://127.0.0.1:" + (apiBase + member - 1), new dev.podium.http.security.pki.ApiTls(admin, ca).context());
    }

    String clusterAddress(int member) {
        return "127.0.0.1:" + (clusterBase + member - 1);
    }

    /** Kills the member's JVM as {@code kill -9} does and waits until it is gone. */
    void kill(int member) throws Exception {
        ProcessHandle jvm = ProcessHandle.of(pid(member)).orElseThrow(() -> new AssertionError("node-" + member + " is not running"));
        jvm.destroyForcibly();
        jvm.onExit().get(10, TimeUnit.SECONDS);
    }

    long pid(int member) throws IOException {
        return Long.parseLong(Files.readString(dir.resolve("node-" + member).resolve("podium.pid")).trim());
    }

    /** The end of every member's log, for failure messages. */
    String logs() {
        StringBuilder sb = new StringBuilder();
        for (int k = 1; k <= size; k++) {
            Path log = dir.resolve("node-" + k).resolve("podium.log");
            try {
                List<String> lines = Files.readAllLines(log);
                sb.append("--- node-").append(k).append(" ---\n").append(String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())))
                        .append('\n');
            } catch (IOException e) {
                sb.append("--- node-").append(k).append(": no log ---\n");
            }
        }
        return sb.toString();
    }

    private static boolean free(int base, int count) {
        for (int p = base; p < base + count; p++) {
            try (java.net.ServerSocket s = new java.net.ServerSocket()) {
                s.bind(new java.net.InetSocketAddress("127.0.0.1", p));
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws Exception {
        podium("cluster", "down", "--data", dir.toString());
    }
}
