package dev.podium.bench;

import dev.podium.launcher.NodeSettings;
import dev.podium.launcher.PodiumNode;
import dev.podium.persistence.db.DatabaseProfile;
import org.HdrHistogram.Histogram;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * ConfigMap creates per second and latency through the HTTP API with concurrent clients, on the
 * embedded H2 store and on PostgreSQL, next to the raw JDBC single-row insert rate of the same
 * PostgreSQL. Usage: {@code mvn -q -pl bench exec:java -Dexec.args="--creates 5000 --clients 32"}.
 */
public final class ConfigMapCreateBench {
    private ConfigMapCreateBench() {}

    record Result(String store, int creates, double seconds, Histogram latencyMicros, int errors) {
        double rate() {
            return creates / seconds;
        }

        String line() {
            return String.format("%-10s %7d creates in %6.2f s = %8.1f creates/s   p50 %6.2f ms   p99 %7.2f ms   max %7.2f ms   errors %d",
                    store, creates, seconds, rate(), latencyMicros.getValueAtPercentile(50) / 1000.0,
                    latencyMicros.getValueAtPercentile(99) / 1000.0, latencyMicros.getMaxValue() / 1000.0, errors);
        }
    }

    public static void main(String[] args) throws Exception {
        int creates = 5000;
        int clients = 32;
        String pgAdmin = ScratchDatabase.DEFAULT_ADMIN_URL;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--creates" -> creates = Integer.parseInt(args[i + 1]);
                case "--clients" -> clients = Integer.parseInt(args[i + 1]);
                case "--pg" -> pgAdmin = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf("Podium ConfigMap create benchmark: %d creates, %d concurrent clients, %d cores, java %s%n",
                creates, clients, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        Path h2Dir = Files.createTempDirectory("podium-bench-h2");
        Result h2 = runAgainst("H2", NodeSettings.defaults(h2Dir, 0), creates, clients);
        System.out.println(h2.line());

        try (ScratchDatabase db = ScratchDatabase.create(pgAdmin, "podium_bench")) {
            Path pgDir = Files.createTempDirectory("podium-bench-pg");
            Result pg = runAgainst("PostgreSQL", NodeSettings.defaults(pgDir, 0).withDatabase(DatabaseProfile.fromUrl(db.url())), creates, clients);
            System.out.println(pg.line());
            double raw = rawInsertRate(db.url(), creates, clients);
            System.out.printf("raw JDBC   %7d single-row inserts = %8.1f inserts/s (autocommit, %d connections)%n", creates, raw, clients);
            System.out.printf("ratio      Podium on PostgreSQL reaches %.1f%% of the raw JDBC insert rate (%.2f)%n", 100 * pg.rate() / raw, pg.rate() / raw);
        }
        System.exit(0);
    }

    static Result runAgainst(String store, NodeSettings settings, int creates, int clients) throws Exception {
        try (PodiumNode node = PodiumNode.start(settings)) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
            ConfigMapCreates.post(http, node.url() + "/api/v1/namespaces", "{\"metadata\":{\"name\":\"bench\"}}");
            String url = node.url() + "/api/v1/namespaces/bench/configmaps";
            ConfigMapCreates.run(http, url, "warmup-", Math.min(1000, creates / 5), clients);
            ConfigMapCreates.Result r = ConfigMapCreates.run(http, url, "cm-", creates, clients);
            return new Result(store, creates, r.seconds(), r.latencyMicros(), r.errors());
        }
    }

    /** The same number of single-row, autocommitted inserts of a similar payload, straight through JDBC. */
    static double rawInsertRate(String url, int count, int clients) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS bench_raw (id BIGSERIAL PRIMARY KEY, name VARCHAR(255), payload BYTEA)");
        }
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        byte[] payload = new byte[400];
        long start = System.nanoTime();
        List<Future<?>> parts = new ArrayList<>();
        for (int t = 0; t < clients; t++) {
            parts.add(pool.submit(() -> {
                try (Connection c = DriverManager.getConnection(url, "postgres", "");
                     PreparedStatement ps = c.prepareStatement("INSERT INTO bench_raw (name, payload) VALUES (?, ?)")) {
                    int i;
                    while ((i = next.getAndIncrement()) < count) {
                        ps.setString(1, "row-" + i);
                        ps.setBytes(2, payload);
                        ps.executeUpdate();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : parts) f.get();
        pool.shutdown();
        return count / ((System.nanoTime() - start) / 1e9);
    }
}
