package dev.podium.tests;

import dev.podium.bench.LocalHttpsServer;
import com.sun.net.httpserver.HttpExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An APIService that sends a group-version to an extension server written for the test, driven by kubectl. */
class ApiAggregationEndToEndTest {
    static TestNode node;
    static Kubectl kubectl;
    static LocalHttpsServer extension;

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.startH2();
        kubectl = new Kubectl(node.kubeconfig());
        extension = LocalHttpsServer.start("metrics.default.svc");
        extension.handle("/apis/metrics.example.com/v1", ApiAggregationEndToEndTest::serve);
    }

    @AfterAll
    static void stop() throws Exception {
        extension.close();
        node.close();
    }

    /** The extension server: its discovery document and one namespaced list. */
    static void serve(HttpExchange ex) throws java.io.IOException {
        String path = ex.getRequestURI().getPath();
        String body = switch (path) {
            case "/apis/metrics.example.com/v1" -> """
                    {"kind":"APIResourceList","apiVersion":"v1","groupVersion":"metrics.example.com/v1","resources":[
                     {"name":"podmetrics","singularName":"podmetric","namespaced":true,"kind":"PodMetric","verbs":["get","list"],"shortNames":["pm"]}]}""";
            case "/apis/metrics.example.com/v1/namespaces/default/podmetrics" -> """
                    {"kind":"PodMetricList","apiVersion":"metrics.example.com/v1","metadata":{},"items":[
                     {"kind":"PodMetric","apiVersion":"metrics.example.com/v1","metadata":{"name":"web","namespace":"default"},"usage":{"cpu":"5m"}}]}""";
            default -> null;
        };
        byte[] bytes = (body == null ? "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":404}" : body)
                .getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @Test
    void anExtensionServerBehindAServiceIsDiscoveredProxiedAndWatchedForAvailability() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> kubectl.run("get", "apiservices").out().matches("(?s).*v1\\.apps\\s+Local\\s+True.*"));
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Service
                metadata: {name: metrics, namespace: default}
                spec: {ports: [{name: https, port: 443, targetPort: %d}]}
                ---
                apiVersion: v1
                kind: Endpoints
                metadata: {name: metrics, namespace: default}
                subsets: [{addresses: [{ip: 127.0.0.1}], ports: [{name: https, port: %d}]}]
                ---
                apiVersion: apiregistration.k8s.io/v1
                kind: APIService
                metadata: {name: v1.metrics.example.com}
                spec:
                  group: metrics.example.com
                  version: v1
                  groupPriorityMinimum: 100
                  versionPriority: 100
                  service: {namespace: default, name: metrics}
                  caBundle: %s
                """.formatted(extension.port(), extension.port(), extension.caBundle()), "apply", "-f", "-").ok();
        await().atMost(Duration.ofSeconds(20)).until(() -> kubectl.run("get", "apiservice", "v1.metrics.example.com").out()
                .matches("(?s).*v1\\.metrics\\.example\\.com\\s+default/metrics\\s+True\\s.*"));
        await().atMost(Duration.ofSeconds(10)).until(() -> kubectl.run("api-resources", "--api-group=metrics.example.com").out().contains("podmetrics"));
        assertThat(kubectl.run("get", "podmetrics", "-o", "name").ok().out().trim()).isEqualTo("podmetric.metrics.example.com/web");
        assertThat(kubectl.run("get", "pm", "-o", "jsonpath={.items[0].usage.cpu}").ok().out()).as("by its short name").isEqualTo("5m");

        extension.close();
        await().atMost(Duration.ofSeconds(20)).until(() -> kubectl.run("get", "apiservice", "v1.metrics.example.com").out()
                .contains("False (FailedDiscoveryCheck)"));
        String message = kubectl.run("get", "apiservice", "v1.metrics.example.com", "-o", "jsonpath={.status.conditions[0].message}").ok().out();
        assertThat(message).startsWith("failing or missing response from https://127.0.0.1:" + extension.port() + "/apis/metrics.example.com/v1");
        Kubectl.Result down = kubectl.run("get", "--raw", "/apis/metrics.example.com/v1/namespaces/default/podmetrics");
        assertThat(down.exit()).isNotZero();
        assertThat(down.err()).contains("ServiceUnavailable").contains("the extension API server is unavailable");
    }

    @Test
    void anAPIServiceWhoseNameIsNotItsVersionAndGroupIsInvalid() throws Exception {
        Kubectl.Result r = kubectl.runWithInput("""
                apiVersion: apiregistration.k8s.io/v1
                kind: APIService
                metadata: {name: v1.wrong.example.com}
                spec: {group: right.example.com, version: v1, groupPriorityMinimum: 100, versionPriority: 100000, insecureSkipTLSVerify: true,
                       caBundle: Zm9v, service: {namespace: default, name: x}}
                """, "apply", "-f", "-");
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("The APIService \"v1.wrong.example.com\" is invalid")
                .contains("metadata.name: Invalid value: \"v1.wrong.example.com\": must be `spec.version+\".\"+spec.group`")
                .contains("spec.versionPriority: Invalid value: 100000: must be positive and less than 1000")
                .contains("spec.insecureSkipTLSVerify: Invalid value: true: may not be true if caBundle is present");
        Kubectl.Result typo = kubectl.runWithInput("""
                apiVersion: apiregistration.k8s.io/v1
                kind: APIService
                metadata: {name: v1.typo.example.com}
                spec: {group: typo.example.com, version: v1, groupPriorityMinimum: 100, versionPriority: 100, servce: {name: x}}
                """, "apply", "-f", "-");
        assertThat(typo.exit()).isNotZero();
        assertThat(typo.err()).contains("unknown field \"spec.servce\"");
    }
}
