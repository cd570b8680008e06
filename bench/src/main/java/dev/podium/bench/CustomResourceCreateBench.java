package dev.podium.bench;

import dev.podium.launcher.NodeSettings;
import dev.podium.launcher.PodiumNode;
import dev.podium.persistence.db.DatabaseProfile;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.time.Duration;
import java.util.StringJoiner;

/**
 * Creates per second of a custom resource whose schema has 20 fields and two CEL rules, against
 * ConfigMap creates in the same run on the same node (rounds alternate, so both see the same
 * machine), as a ratio. Usage: {@code mvn -q -pl bench exec:java
 * -Dbench=dev.podium.bench.CustomResourceCreateBench -Dexec.args="--creates 5000 --clients 32 [--pg URL]"}.
 */
public final class CustomResourceCreateBench {
    private static final int FIELDS = 20;

    private CustomResourceCreateBench() {}

    public static void main(String[] args) throws Exception {
        int creates = 5000;
        int clients = 32;
        int rounds = 2;
        String pgAdmin = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--creates" -> creates = Integer.parseInt(args[i + 1]);
                case "--clients" -> clients = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--pg" -> pgAdmin = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf("Podium custom resource create benchmark: %d creates a round, %d rounds, %d concurrent clients, %d cores, java %s%n",
                creates, rounds, clients, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        NodeSettings settings = NodeSettings.defaults(Files.createTempDirectory("podium-bench-crd"), 0);
        if (pgAdmin == null) {
            run("H2", settings, creates, clients, rounds);
        } else {
            try (ScratchDatabase db = ScratchDatabase.create(pgAdmin, "podium_bench_crd")) {
                run("PostgreSQL", settings.withDatabase(DatabaseProfile.fromUrl(db.url())), creates, clients, rounds);
            }
        }
        System.exit(0);
    }

    private static void run(String store, NodeSettings settings, int creates, int clients, int rounds) throws Exception {
        try (PodiumNode node = PodiumNode.start(settings)) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
            ConfigMapCreates.post(http, node.url() + "/api/v1/namespaces", "{\"metadata\":{\"name\":\"bench\"}}");
            var crd = ConfigMapCreates.post(http, node.url() + "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", definition());
            if (crd.statusCode() != 201) throw new IllegalStateException("the definition was refused: " + crd.body());
            String configMaps = node.url() + "/api/v1/namespaces/bench/configmaps";
            String widgets = node.url() + "/apis/bench.example.com/v1/namespaces/bench/widgets";
            ConfigMapCreates.run(http, configMaps, "warmup-", Math.min(1000, creates / 5), clients);
            ConfigMapCreates.run(http, widgets, "warmup-", Math.min(1000, creates / 5), clients, CustomResourceCreateBench::widget);
            for (int r = 1; r <= rounds; r++) {
                ConfigMapCreates.Result cm = ConfigMapCreates.run(http, configMaps, "cm-" + r + "-", creates, clients);
                ConfigMapCreates.Result cr = ConfigMapCreates.run(http, widgets, "w-" + r + "-", creates, clients, CustomResourceCreateBench::widget);
                System.out.printf("%s round %d  ConfigMap %8.1f creates/s (p99 %6.2f ms, errors %d)   Widget %8.1f creates/s (p99 %6.2f ms, errors %d)"
                                + "   ratio %.2f%n", store, r, cm.rate(), cm.latencyMicros().getValueAtPercentile(99) / 1000.0, cm.errors(),
                        cr.rate(), cr.latencyMicros().getValueAtPercentile(99) / 1000.0, cr.errors(), cr.rate() / cm.rate());
            }
        }
    }

    /** Twenty typed fields with bounds and patterns, and two x-kubernetes-validations rules. */
    static String definition() {
        StringJoiner props = new StringJoiner(",");
        for (int f = 0; f < FIELDS; f++) {
            props.add(switch (f % 4) {
                case 0 -> "\"s" + f + "\":{\"type\":\"string\",\"maxLength\":64,\"pattern\":\"^[a-z0-9-]+$\"}";
                case 1 -> "\"n" + f + "\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":1000000}";
                case 2 -> "\"b" + f + "\":{\"type\":\"boolean\",\"default\":false}";
                default -> "\"e" + f + "\":{\"type\":\"string\",\"enum\":[\"red\",\"green\",\"blue\"]}";
            });
        }
        return """
                {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"widgets.bench.example.com"},
                 "spec":{"group":"bench.example.com","scope":"Namespaced","names":{"plural":"widgets","kind":"Widget"},
                  "versions":[{"name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":{"type":"object","properties":{"spec":{
                   "type":"object","properties":{%s},
                   "x-kubernetes-validations":[{"rule":"self.n1 <= self.n5","message":"n1 may not exceed n5"},
                                               {"rule":"!has(self.s0) || self.s0.startsWith('w')","message":"s0 starts with w"}]}}}}}]}}"""
                .formatted(props);
    }

    static String widget(String name, int i) {
        StringJoiner spec = new StringJoiner(",");
        for (int f = 0; f < FIELDS; f++) {
            spec.add(switch (f % 4) {
                case 0 -> "\"s" + f + "\":\"w" + i + "-" + f + "\"";
                case 1 -> "\"n" + f + "\":" + (f * 10 + i % 7);
                case 2 -> "\"b" + f + "\":" + (i % 2 == 0);
                default -> "\"e" + f + "\":\"green\"";
            });
        }
        return "{\"apiVersion\":\"bench.example.com/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"" + name
                + "\",\"labels\":{\"bench\":\"yes\"}},\"spec\":{" + spec + "}}";
    }
}
