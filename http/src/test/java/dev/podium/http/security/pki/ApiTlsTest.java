package dev.podium.http.security.pki;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ApiTlsTest {
    private static final Clock CLOCK = Clock.systemUTC();
    private static final int TIMEOUT_MILLIS = 5_000;
    private static final String LOOPBACK = "127.0.0.1";

    @TempDir
    Path dir;

    private ClusterCa ca;
    private ApiTls tls;
    private SSLServerSocket server;
    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    @BeforeEach
    void startServer() throws Exception {
        ca = ClusterCa.loadOrCreate(dir, CLOCK);
        IssuedCertificate serving = ServingCertificate.loadOrIssue(dir, ca, List.of("localhost"), List.of("127.0.0.1"), CLOCK);
        tls = new ApiTls(serving, ca.certificate());
        server = (SSLServerSocket) tls.context().getServerSocketFactory().createServerSocket(0, 1, InetAddress.getByName(LOOPBACK));
        server.setWantClientAuth(true);
        server.setSoTimeout(TIMEOUT_MILLIS);
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
        executor.shutdownNow();
        assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aClientCertificateSignedByTheCaIsVerified() throws Exception {
        IssuedCertificate client = ca.issueClient("alice", List.of("devs"), Duration.ofDays(1), CLOCK);
        CompletableFuture<Optional<X509Certificate>> seen = acceptOne();

        try (SSLSocket socket = connect(clientContext(ca.certificate(), client))) {
            socket.startHandshake();
            assertThat(socket.getSession().getPeerCertificates()[0]).isEqualTo(tlsServing());
            Optional<X509Certificate> verified = seen.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            assertThat(verified).contains(client.certificate());
            assertThat(verified.orElseThrow().getSubjectX500Principal().getName()).contains("CN=alice");
        }
    }

    @Test
    void afterAReloadNewConnectionsGetTheRenewedCertificate() throws Exception {
        IssuedCertificate renewed = ca.issueServing("podium-apiserver", List.of("localhost"), List.of("127.0.0.1"), Duration.ofDays(30), CLOCK);
        tls.reload(renewed);
        server.close();
        server = (SSLServerSocket) tls.context().getServerSocketFactory().createServerSocket(0, 1, InetAddress.getByName(LOOPBACK));
        server.setSoTimeout(TIMEOUT_MILLIS);
        CompletableFuture<Optional<X509Certificate>> seen = acceptOne();

        try (SSLSocket socket = connect(clientContext(ca.certificate(), null))) {
            socket.startHandshake();
            assertThat(socket.getSession().getPeerCertificates()[0]).isEqualTo(renewed.certificate());
            assertThat(tls.serving()).isEqualTo(renewed);
            seen.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    @Test
    void aClientWithoutACertificateConnectsUnverified() throws Exception {
        CompletableFuture<Optional<X509Certificate>> seen = acceptOne();

        try (SSLSocket socket = connect(clientContext(ca.certificate(), null))) {
            socket.startHandshake();
            assertThat(seen.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isEmpty();
        }
    }

    @Test
    void aClientTrustingAnotherCaRejectsTheServer(@TempDir Path otherDir) throws Exception {
        ClusterCa other = ClusterCa.loadOrCreate(otherDir, CLOCK);
        acceptOne();

        try (SSLSocket socket = connect(clientContext(other.certificate(), null))) {
            assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void engineServesModernTlsAndAsksForAnOptionalClientCertificate() {
        SSLEngine engine = tls.newEngine();

        assertThat(engine.getUseClientMode()).isFalse();
        assertThat(engine.getWantClientAuth()).isTrue();
        assertThat(engine.getNeedClientAuth()).isFalse();
        assertThat(engine.getEnabledProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
    }

    private X509Certificate tlsServing() throws Exception {
        return Pem.readCertificate(Files.readString(dir.resolve("apiserver.crt")));
    }

    /**
     * Accepts one connection, completes its handshake and reports the verified client certificate
     * before closing: a TLS 1.3 close waits (up to the read timeout) for the client's close_notify.
     */
    private CompletableFuture<Optional<X509Certificate>> acceptOne() {
        CompletableFuture<Optional<X509Certificate>> result = new CompletableFuture<>();
        executor.execute(() -> {
            try (SSLSocket accepted = (SSLSocket) server.accept()) {
                accepted.setSoTimeout(TIMEOUT_MILLIS);
                accepted.startHandshake();
                result.complete(ApiTls.verifiedClient(accepted.getSession()));
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private SSLSocket connect(SSLContext context) throws Exception {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(LOOPBACK, server.getLocalPort());
        socket.setSoTimeout(TIMEOUT_MILLIS);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the serving certificate must name 127.0.0.1
        socket.setSSLParameters(parameters);
        return socket;
    }

    private static SSLContext clientContext(X509Certificate trustedCa, IssuedCertificate client) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("ca", trustedCa);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trusted);

        KeyManager[] keyManagers = null;
        if (client != null) {
            char[] password = new char[0];
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("client", client.key(), password, new Certificate[] {client.certificate()});
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, password);
            keyManagers = factory.getKeyManagers();
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers, trustManagers.getTrustManagers(), null);
        return context;
    }
}
