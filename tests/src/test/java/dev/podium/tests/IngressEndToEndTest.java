package dev.podium.tests;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static dev.podium.tests.NetworkedNode.curl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The built-in ingress controller with real HTTP(S) clients: hosts, paths, TLS by SNI, cookie affinity, 404/503, and kube's 422s. */
class IngressEndToEndTest {
    static NetworkedNode net;
    static Kubectl kubectl;
    static Path certs;
    static WebSocketEcho echo;

    @BeforeAll
    static void start() throws Exception {
        net = NetworkedNode.start("none", "unused");
        kubectl = net.kubectl;
        net.webPod("one-a", "one", NetworkedNode.freePort());
        net.webPod("two-a", "two", NetworkedNode.freePort());
        net.webPod("two-b", "two", NetworkedNode.freePort());
        certs = Files.createTempDirectory("podium-ingress-tls");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=one.example",
                "-addext", "subjectAltName=DNS:one.example", "-keyout", certs.resolve("tls.key").toString(), "-out", certs.resolve("tls.crt").toString())
                .redirectErrorStream(true).start();
        openssl.getInputStream().readAllBytes();
        assertThat(openssl.waitFor()).isZero();
        kubectl.run("create", "secret", "tls", "one-tls", "--cert=" + certs.resolve("tls.crt"), "--key=" + certs.resolve("tls.key")).ok();
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Service
                metadata: {name: one}
                spec: {selector: {app: one}, ports: [{name: web, port: 80, targetPort: http}]}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: two}
                spec: {selector: {app: two}, ports: [{port: 8080, targetPort: http}]}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: empty}
                spec: {selector: {app: nobody}, ports: [{port: 80}]}
                ---
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: demo
                  annotations: {nginx.ingress.kubernetes.io/affinity: cookie, nginx.ingress.kubernetes.io/session-cookie-name: route}
                spec:
                  tls: [{hosts: [one.example], secretName: one-tls}]
                  rules:
                  - host: one.example
                    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: one, port: {name: web}}}}]}
                  - host: two.example
                    http:
                      paths:
                      - {path: /api, pathType: Prefix, backend: {service: {name: two, port: {number: 8080}}}}
                      - {path: /, pathType: Prefix, backend: {service: {name: one, port: {number: 80}}}}
                  - host: empty.example
                    http: {paths: [{path: /, pathType: Exact, backend: {service: {name: empty, port: {number: 80}}}}]}
                  - http: {paths: [{path: /ws, pathType: Prefix, backend: {service: {name: echo, port: {number: 80}}}}]}
                """, "apply", "-f", "-").ok();
        echo = WebSocketEcho.start();
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Service
                metadata: {name: echo}
                spec: {ports: [{name: ws, port: 80}]}
                ---
                apiVersion: v1
                kind: Endpoints
                metadata: {name: echo}
                subsets: [{addresses: [{ip: 127.0.0.1}], ports: [{name: ws, port: %d}]}]
                """.formatted(echo.port()), "apply", "-f", "-").ok();
        net.awaitReadyEndpoints("one", 1);
        net.awaitReadyEndpoints("two", 2);
    }

    @AfterAll
    static void stop() throws Exception {
        if (echo != null) echo.close();
        net.close();
    }

    static NetworkedNode.Curl get(String host, String path, String... more) throws Exception {
        String[] args = new String[more.length + 3];
        args[0] = "-H";
        args[1] = "Host: " + host;
        System.arraycopy(more, 0, args, 2, more.length);
        args[args.length - 1] = "http://127.0.0.1:" + net.ingressHttp + path;
        return curl(args);
    }

    @Test
    void hostsAndPathsPickTheBackendAndRequestsSpreadOverItsEndpoints() throws Exception {
        assertThat(get("one.example", "/").out()).isEqualTo("one-a");
        assertThat(get("two.example", "/").out()).as("the / path of two.example goes to one").isEqualTo("one-a");
        Set<String> api = new HashSet<>();
        for (int i = 0; i < 6; i++) api.add(get("two.example", "/api/").out());
        assertThat(api).containsExactlyInAnyOrder("api-two-a", "api-two-b");
    }

    @Test
    void noMatchingRuleIs404AndABackendWithoutEndpointsIs503() throws Exception {
        assertThat(get("three.example", "/", "-o", "/dev/null", "-w", "%{http_code}").out()).isEqualTo("404");
        assertThat(get("empty.example", "/", "-o", "/dev/null", "-w", "%{http_code}").out()).isEqualTo("503");
        assertThat(get("empty.example", "/other", "-o", "/dev/null", "-w", "%{http_code}").out()).as("Exact path").isEqualTo("404");
    }

    @Test
    void tlsIsServedWithTheCertificateOfTheSniHost() throws Exception {
        NetworkedNode.Curl c = curl("--cacert", certs.resolve("tls.crt").toString(), "--resolve", "one.example:" + net.ingressHttps + ":127.0.0.1",
                "https://one.example:" + net.ingressHttps + "/");
        assertThat(c.out()).isEqualTo("one-a");
    }

    @Test
    void theAffinityCookieKeepsAClientOnOneEndpoint() throws Exception {
        Path jar = Files.createTempFile("podium-cookies", ".txt");
        String first = get("two.example", "/api/", "-c", jar.toString(), "-b", jar.toString()).out();
        assertThat(Files.readString(jar)).contains("route");
        for (int i = 0; i < 6; i++) assertThat(get("two.example", "/api/", "-c", jar.toString(), "-b", jar.toString()).out()).isEqualTo(first);
    }

    @Test
    void aWebSocketUpgradeIsRelayedToTheEndpoint() throws Exception {
        java.util.concurrent.CompletableFuture<String> reply = new java.util.concurrent.CompletableFuture<>();
        java.net.http.WebSocket ws = java.net.http.HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(java.net.URI.create("ws://127.0.0.1:" + net.ingressHttp + "/ws"), new java.net.http.WebSocket.Listener() {
                    @Override
                    public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket socket, CharSequence data, boolean last) {
                        reply.complete(data.toString());
                        return null;
                    }
                }).get(10, java.util.concurrent.TimeUnit.SECONDS);
        ws.sendText("hello through the ingress", true);
        assertThat(reply.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("echo: hello through the ingress");
        ws.abort();
    }

    @Test
    void theIngressShowsTheNodeAddressAndItsPorts() throws Exception {
        await().atMost(Duration.ofSeconds(40)).until(() -> !net.jsonpath("ingress", "demo", ".status.loadBalancer.ingress[0].ip").isEmpty());
        assertThat(kubectl.run("get", "ingress", "demo").ok().out())
                .as("the default class filled in at creation; kube names three hosts and counts the other rules")
                .containsPattern("demo\\s+podium\\s+one\\.example,two\\.example,empty\\.example \\+ 1 more\\.\\.\\.\\s+127\\.0\\.0\\.1\\s+80, 443\\s");
        assertThat(kubectl.run("get", "ingressclass").ok().out()).containsPattern("podium\\s+podium\\.dev/ingress\\s+<none>");
    }

    @Test
    void anIngressOfAnotherClassIsLeftAlone() throws Exception {
        kubectl.runWithInput("""
                apiVersion: networking.k8s.io/v1
                kind: IngressClass
                metadata: {name: nginx}
                spec: {controller: k8s.io/ingress-nginx}
                ---
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: theirs}
                spec:
                  ingressClassName: nginx
                  rules: [{host: theirs.example, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: one, port: {number: 80}}}}]}}]
                """, "apply", "-f", "-").ok();
        assertThat(get("theirs.example", "/", "-o", "/dev/null", "-w", "%{http_code}").out()).isEqualTo("404");
        assertThat(net.jsonpath("ingress", "theirs", ".status.loadBalancer")).as("no address given by Podium").isIn("", "{}");
    }

    @Test
    void anInvalidIngressIsRefusedWithKubesMessages() throws Exception {
        Kubectl.Result r = kubectl.runWithInput("""
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: bad}
                spec:
                  rules:
                  - http: {paths: [{path: /, pathType: Sometimes, backend: {service: {name: one, port: {number: 80}}}}, {path: /x, pathType: Prefix, backend: {}}]}
                """, "apply", "-f", "-");
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("is invalid")
                .contains("spec.rules[0].http.paths[0].pathType: Unsupported value: \"Sometimes\"")
                .contains("spec.rules[0].http.paths[1].backend");
    }
}
