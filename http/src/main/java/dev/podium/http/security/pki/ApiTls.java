package dev.podium.http.security.pki;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * TLS for the API server: serves {@code serving} and asks clients for a certificate signed by
 * {@code clientCa}, without requiring one, since tokens authenticate clients too.
 */
public final class ApiTls {
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final X509Certificate clientCa;
    private volatile SSLContext context;
    private volatile IssuedCertificate serving;

    public ApiTls(IssuedCertificate serving, X509Certificate clientCa) {
        this.clientCa = clientCa;
        this.serving = serving;
        this.context = build(serving, clientCa);
    }

    /** New connections present {@code renewed}; open ones keep the certificate they began with. */
    public void reload(IssuedCertificate renewed) {
        this.context = build(renewed, clientCa);
        this.serving = renewed;
    }

    public IssuedCertificate serving() {
        return serving;
    }

    private static SSLContext build(IssuedCertificate serving, X509Certificate clientCa) {
        try {
            char[] password = new char[0];
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("serving", serving.key(), password, chain(serving.certificate(), clientCa));
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, password);

            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("client-ca", clientCa);
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trusted);

            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up the API server's TLS: " + e.getMessage(), e);
        }
    }

    /** Clients that know only the CA need it in the chain; a serving certificate from elsewhere goes alone. */
    private static Certificate[] chain(X509Certificate serving, X509Certificate ca) {
        return serving.getIssuerX500Principal().equals(ca.getSubjectX500Principal())
                ? new Certificate[] {serving, ca}
                : new Certificate[] {serving};
    }

    public SSLContext context() {
        return context;
    }

    public SSLEngine newEngine() {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        engine.setWantClientAuth(true);
        engine.setEnabledProtocols(PROTOCOLS.clone());
        return engine;
    }

    /** The client's certificate, which the handshake has verified against the client CA, if it sent one. */
    public static Optional<X509Certificate> verifiedClient(SSLSession session) {
        try {
            Certificate[] peer = session.getPeerCertificates();
            return peer.length > 0 && peer[0] instanceof X509Certificate leaf ? Optional.of(leaf) : Optional.empty();
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }
}
