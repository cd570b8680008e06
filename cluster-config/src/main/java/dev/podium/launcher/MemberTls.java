package dev.podium.launcher;

import dev.podium.http.security.pki.ApiTls;
import dev.podium.http.security.pki.ClusterCa;
import org.apache.pekko.remote.artery.tcp.SSLEngineProvider;
import scala.Option;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * TLS between cluster members (Artery's {@code tls-tcp}), from the cluster CA: each member presents
 * a certificate the CA issued it at start and requires one from its peer, so a JVM without a
 * certificate of this CA cannot join, nor read cluster traffic. Peers are known by IP and port
 * (Artery does not verify host names), the CA is the identity.
 */
final class MemberTls implements SSLEngineProvider {
    private static final String[] PROTOCOLS = {"TLSv1.3"};
    private static final Duration VALIDITY = Duration.ofDays(365);
    private final SSLContext context;

    private MemberTls(SSLContext context) {
        this.context = context;
    }

    static MemberTls fromCa(Path caDir, Clock clock) throws IOException {
        ClusterCa ca = ClusterCa.loadOrCreate(caDir, clock);
        return new MemberTls(new ApiTls(ca.issueMember("podium-member", VALIDITY, clock), ca.certificate()).context());
    }

    @Override
    public SSLEngine createServerSSLEngine(String hostname, int port) {
        SSLEngine engine = context.createSSLEngine(hostname, port);
        engine.setUseClientMode(false);
        engine.setNeedClientAuth(true);
        engine.setEnabledProtocols(PROTOCOLS.clone());
        return engine;
    }

    @Override
    public SSLEngine createClientSSLEngine(String hostname, int port) {
        SSLEngine engine = context.createSSLEngine(hostname, port);
        engine.setUseClientMode(true);
        engine.setEnabledProtocols(PROTOCOLS.clone());
        return engine;
    }

    @Override
    public Option<Throwable> verifyClientSession(String hostname, SSLSession session) {
        return Option.empty();
    }

    @Override
    public Option<Throwable> verifyServerSession(String hostname, SSLSession session) {
        return Option.empty();
    }
}
