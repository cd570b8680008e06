package dev.podium.actors.admission.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.podium.model.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The real HTTPS client against a JDK HTTPS server whose certificate keytool makes: trust, server names, timeouts, errors in Go's words. */
class HttpsWebhookClientTest {
    static HttpsServer server;
    static ExecutorService executor = Executors.newCachedThreadPool();
    static final java.util.concurrent.CountDownLatch testsOver = new java.util.concurrent.CountDownLatch(1);
    static String caBundle;
    final HttpsWebhookClient client = new HttpsWebhookClient();

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("webhook-client-tls");
        Path keystore = dir.resolve("server.p12");
        Path pem = dir.resolve("server.pem");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=test",
                "-ext", "san=ip:127.0.0.1,dns:right.ns.svc", "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit", "-keypass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", keystore.toString(), "-storepass", "changeit", "-file", pem.toString());
        caBundle = Base64.getEncoder().encodeToString(Files.readAllBytes(pem));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.setExecutor(executor);
        server.createContext("/review", e -> reply(e, 200, "{\"echo\":" + new String(e.getRequestBody().readAllBytes(), StandardCharsets.UTF_8) + "}"));
        server.createContext("/broken", e -> reply(e, 500, "boom"));
        server.createContext("/slow", e -> {
            // answers only once the tests are over: a client with a shorter timeout gives up first
            try {
                testsOver.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            reply(e, 200, "{}");
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        testsOver.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    static void keytool(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    static void reply(HttpExchange e, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        e.sendResponseHeaders(code, bytes.length);
        e.getResponseBody().write(bytes);
        e.close();
    }

    static URI uri(String path) {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    JsonNode post(WebhookEndpoint endpoint, int timeoutSeconds) {
        return client.post(endpoint, Json.object().put("kind", "AdmissionReview"), Duration.ofSeconds(timeoutSeconds)).toCompletableFuture().join();
    }

    String failure(WebhookEndpoint endpoint, int timeoutSeconds) {
        Throwable t = catchThrowable(() -> post(endpoint, timeoutSeconds));
        assertThat(t).isInstanceOf(CompletionException.class).hasCauseInstanceOf(CallFailure.class);
        return ((CallFailure) t.getCause()).reason();
    }

    @Test
    void theCaBundleIsTrustedAndTheReviewPosted() {
        JsonNode answer = post(new WebhookEndpoint(uri("/review"), "shown", null, caBundle), 5);
        assertThat(answer.path("echo").path("kind").asText()).isEqualTo("AdmissionReview");
    }

    @Test
    void withoutACaBundleTheJvmsTrustDoesNotKnowASelfSignedCertificate() {
        assertThat(failure(new WebhookEndpoint(uri("/review"), "https://x/review", null, ""), 5))
                .isEqualTo("failed to call webhook: Post \"https://x/review\": tls: failed to verify certificate: x509: certificate signed by unknown authority");
    }

    @Test
    void aServicesCertificateMustNameTheService() {
        assertThat(post(new WebhookEndpoint(uri("/review"), "shown", "right.ns.svc", caBundle), 5).has("echo")).isTrue();
        assertThat(failure(new WebhookEndpoint(uri("/review"), "https://wrong.ns.svc:443/review", "wrong.ns.svc", caBundle), 5))
                .isEqualTo("failed to call webhook: Post \"https://wrong.ns.svc:443/review\": tls: failed to verify certificate: "
                        + "x509: certificate is valid for right.ns.svc, not wrong.ns.svc");
    }

    @Test
    void theTimeoutIsHonoured() {
        long start = System.nanoTime();
        assertThat(failure(new WebhookEndpoint(uri("/slow"), "https://h/slow?timeout=1s", null, caBundle), 1))
                .isEqualTo("failed to call webhook: Post \"https://h/slow?timeout=1s\": context deadline exceeded");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2400));
    }

    @Test
    void refusedConnectionsErrorAnswersAndBadBundlesAreDescribedAsGoDescribesThem() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        URI nowhere = URI.create("https://127.0.0.1:" + closed + "/x");
        assertThat(failure(new WebhookEndpoint(nowhere, nowhere.toString(), null, caBundle), 5))
                .isEqualTo("failed to call webhook: Post \"" + nowhere + "\": dial tcp 127.0.0.1:" + closed + ": connect: connection refused");
        assertThat(failure(new WebhookEndpoint(uri("/broken"), "u", null, caBundle), 5))
                .isEqualTo("failed to call webhook: an error on the server (\"boom\") has prevented the request from succeeding");
        assertThat(failure(new WebhookEndpoint(uri("/review"), "u", null, Base64.getEncoder().encodeToString("not a pem".getBytes())), 5))
                .startsWith("could not get REST client: unable to load root certificates: ");
    }
}
