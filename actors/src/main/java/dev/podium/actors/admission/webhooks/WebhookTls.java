package dev.podium.actors.admission.webhooks;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

/**
 * The TLS a webhook call (or an aggregated API server's) trusts: exactly the certificates of its
 * caBundle, or the JVM's default trust when the bundle is empty. For a Service the certificate
 * must name {@code name.namespace.svc} although an endpoint's IP is dialled, as kube sets ServerName.
 */
public final class WebhookTls {
    private WebhookTls() {}

    /** As {@link #context(String, String)}, or trusting any server with {@code insecureSkipVerify} (an APIService may ask for that). */
    public static SSLContext context(String caBundleBase64, String serverName, boolean insecureSkipVerify) {
        if (!insecureSkipVerify) return context(caBundleBase64, serverName);
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[]{new NamedServerTrust(null, null)}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @throws CallFailure when the bundle holds no certificate */
    static SSLContext context(String caBundleBase64, String serverName) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(caBundleBase64.isEmpty() ? null : keyStore(caBundleBase64));
            X509ExtendedTrustManager trust = null;
            for (TrustManager tm : tmf.getTrustManagers()) if (tm instanceof X509ExtendedTrustManager x) trust = x;
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[]{serverName == null ? trust : new NamedServerTrust(trust, serverName)}, null);
            return ctx;
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            throw new CallFailure("could not get REST client: unable to load root certificates: " + e.getMessage());
        }
    }

    private static KeyStore keyStore(String caBundleBase64) throws GeneralSecurityException, IOException {
        byte[] pem = Base64.getMimeDecoder().decode(caBundleBase64);
        Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem));
        if (certs.isEmpty()) throw new CertificateException("unable to parse bytes as PEM block");
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        int i = 0;
        for (Certificate c : certs) ks.setCertificateEntry("ca-" + i++, c);
        return ks;
    }

    /** Go's x509 host check of a DNS name against the leaf certificate's DNS SANs (a wildcard covers one label). */
    static void checkName(X509Certificate leaf, String name) throws CertificateException {
        List<String> dns = new ArrayList<>();
        Collection<List<?>> sans = leaf.getSubjectAlternativeNames();
        if (sans != null) for (List<?> san : sans) if (Integer.valueOf(2).equals(san.get(0))) dns.add(String.valueOf(san.get(1)));
        for (String d : dns) if (matches(d.toLowerCase(), name.toLowerCase())) return;
        if (dns.isEmpty()) throw new CertificateException("x509: certificate is not valid for any names, but wanted to match " + name);
        throw new CertificateException("x509: certificate is valid for " + String.join(", ", dns) + ", not " + name);
    }

    private static boolean matches(String pattern, String name) {
        if (!pattern.startsWith("*.")) return pattern.equals(name);
        int dot = name.indexOf('.');
        return dot > 0 && name.substring(dot).equals(pattern.substring(1));
    }

    /**
     * Checks the chain against the bundle, then the certificate's names against the expected server
     * name instead of the dialled host; without a chain to check against, checks nothing.
     */
    private static final class NamedServerTrust extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager chain;
        private final String serverName;

        NamedServerTrust(X509ExtendedTrustManager chain, String serverName) {
            this.chain = chain;
            this.serverName = serverName;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] certs, String authType) throws CertificateException {
            if (chain == null) return;
            chain.checkServerTrusted(certs, authType);
            checkName(certs[0], serverName);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] certs, String authType, Socket socket) throws CertificateException {
            checkServerTrusted(certs, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] certs, String authType, SSLEngine engine) throws CertificateException {
            checkServerTrusted(certs, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] certs, String authType) throws CertificateException {
            throw new CertificateException("webhook calls do not accept clients");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] certs, String authType, Socket socket) throws CertificateException {
            checkClientTrusted(certs, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] certs, String authType, SSLEngine engine) throws CertificateException {
            checkClientTrusted(certs, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return chain == null ? new X509Certificate[0] : chain.getAcceptedIssuers();
        }
    }
}
