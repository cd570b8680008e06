package dev.podium.bench;

import com.sun.net.httpserver.HttpExchange;
import dev.podium.launcher.NodeSettings;
import dev.podium.launcher.PodiumNode;
import dev.podium.model.json.Json;
import org.HdrHistogram.Histogram;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;

/**
 * The latency one mutating and one validating admission webhook on localhost add to a create:
 * ConfigMap creates by one client, one at a time, in rounds without webhooks, with a mutating
 * webhook (which adds a label by JSON patch) and with a validating webhook (which allows), the
 * rounds alternating on one node. Usage: {@code mvn -q -pl bench exec:java
 * -Dbench=dev.podium.bench.WebhookLatencyBench -Dexec.args="--creates 2000 --rounds 2"}.
 */
public final class WebhookLatencyBench {
    private WebhookLatencyBench() {}

    public static void main(String[] args) throws Exception {
        int creates = 2000;
        int rounds = 2;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--creates" -> creates = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf("Podium webhook latency benchmark: %d sequential creates a round, %d rounds, %d cores, java %s%n",
                creates, rounds, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        try (LocalHttpsServer hooks = LocalHttpsServer.start();
             PodiumNode node = PodiumNode.start(NodeSettings.defaults(Files.createTempDirectory("podium-bench-webhooks"), 0))) {
            hooks.handle("/mutate", ex -> answer(ex, true));
            hooks.handle("/validate", ex -> answer(ex, false));
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
            String api = node.url();
            ConfigMapCreates.post(http, api + "/api/v1/namespaces", "{\"metadata\":{\"name\":\"bench\"}}");
            String url = api + "/api/v1/namespaces/bench/configmaps";
            ConfigMapCreates.run(http, url, "warmup-", Math.min(1000, creates), 1);
            for (int r = 1; r <= rounds; r++) {
                Histogram none = ConfigMapCreates.run(http, url, "plain-" + r + "-", creates, 1).latencyMicros();
                configure(http, api, "MutatingWebhookConfiguration", "mutatingwebhookconfigurations", hooks, "/mutate", true);
                Histogram mutating = ConfigMapCreates.run(http, url, "mutated-" + r + "-", creates, 1).latencyMicros();
                configure(http, api, "MutatingWebhookConfiguration", "mutatingwebhookconfigurations", hooks, "/mutate", false);
                configure(http, api, "ValidatingWebhookConfiguration", "validatingwebhookconfigurations", hooks, "/validate", true);
                Histogram validating = ConfigMapCreates.run(http, url, "validated-" + r + "-", creates, 1).latencyMicros();
                configure(http, api, "ValidatingWebhookConfiguration", "validatingwebhookconfigurations", hooks, "/validate", false);
                System.out.printf("round %d  no webhook p50 %5.2f p99 %5.2f ms | mutating p50 %5.2f p99 %5.2f ms (+%.2f) | validating p50 %5.2f p99 %5.2f ms (+%.2f)%n",
                        r, ms(none, 50), ms(none, 99), ms(mutating, 50), ms(mutating, 99), ms(mutating, 99) - ms(none, 99),
                        ms(validating, 50), ms(validating, 99), ms(validating, 99) - ms(none, 99));
            }
        }
        System.exit(0);
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }

    /** Creates ({@code on}) or deletes the one webhook configuration of that kind, for ConfigMap creates in namespace bench. */
    private static void configure(HttpClient http, String api, String kind, String plural, LocalHttpsServer hooks, String path, boolean on) throws Exception {
        String base = api + "/apis/admissionregistration.k8s.io/v1/" + plural;
        if (!on) {
            http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/bench")).DELETE().build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            return;
        }
        String config = """
                {"apiVersion":"admissionregistration.k8s.io/v1","kind":"%s","metadata":{"name":"bench"},
                 "webhooks":[{"name":"bench.podium.dev","sideEffects":"None","admissionReviewVersions":["v1"],
                  "clientConfig":{"url":"https://127.0.0.1:%d%s","caBundle":"%s"},
                  "namespaceSelector":{"matchLabels":{"kubernetes.io/metadata.name":"bench"}},
                  "rules":[{"apiGroups":[""],"apiVersions":["v1"],"operations":["CREATE"],"resources":["configmaps"]}]}]}"""
                .formatted(kind, hooks.port(), path, hooks.caBundle());
        var r = ConfigMapCreates.post(http, base, config);
        if (r.statusCode() != 201) throw new IllegalStateException("the webhook configuration was refused: " + r.body());
    }

    private static void answer(HttpExchange ex, boolean patch) throws java.io.IOException {
        try (ex) {
            String uid = Json.MAPPER.readTree(ex.getRequestBody().readAllBytes()).path("request").path("uid").asText();
            String response = "{\"uid\":\"" + uid + "\",\"allowed\":true" + (patch ? ",\"patchType\":\"JSONPatch\",\"patch\":\""
                    + Base64.getEncoder().encodeToString("[{\"op\":\"add\",\"path\":\"/metadata/labels/mutated\",\"value\":\"yes\"}]"
                    .getBytes(StandardCharsets.UTF_8)) + "\"" : "") + "}";
            byte[] body = ("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"response\":" + response + "}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
        }
    }
}
