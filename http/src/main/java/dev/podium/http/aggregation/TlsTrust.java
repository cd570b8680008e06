package dev.podium.http.aggregation;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/**
 * The TLS an APIService asks for. The server is reached at an endpoint address but must prove
 * to be the Service ({@code name.namespace.svc}), as kube checks it: the certificate chains to
 * the caBundle (or the JVM's roots without one) and names the Service. With
 * insecureSkipTLSVerify nothing is checked.
 */
final class TlsTrust {
    private TlsTrust() {}

    static SSLContext of(String caBundleBase64, boolean insecureSkipVerify, String serverName) throws Exception {
        SSLContext ssl = SSLContext.getInstance("TLS");
        X509TrustManager chain = insecureSkipVerify ? null : chainCheck(caBundleBase64);
        ssl.init(null, new TrustManager[] {new ServiceTrust(chain, serverName)}, null);
        return ssl;
    }

    private static X509TrustManager chainCheck(String caBundleBase64) throws Exception {
        KeyStore roots = null;
        if (caBundleBase64 != null && !caBundleBase64.isEmpty()) {
            roots = KeyStore.getInstance(KeyStore.getDefaultType());
            roots.load(null, null);
            int i = 0;
            byte[] pem = Base64.getDecoder().decode(caBundleBase64);
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem))) {
                roots.setCertificateEntry("ca-" + i++, c);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(roots);
        for (TrustManager tm : tmf.getTrustManagers()) if (tm instanceof X509TrustManager x) return x;
        throw new IllegalStateException("no X.509 trust manager");
    }

    /** Being an extended trust manager, it replaces JSSE's own host name check (against the endpoint's address) by the Service's name. */
    private static final class ServiceTrust extends X509ExtendedTrustManager {
        private final X509TrustManager chain;
        private final String serverName;

        ServiceTrust(X509TrustManager chain, String serverName) {
            this.chain = chain;
            this.serverName = serverName;
        }

        private void check(X509Certificate[] certs, String authType) throws CertificateException {
            if (chain == null) return;
            chain.checkServerTrusted(certs, authType);
            if (!names(certs[0]).contains(serverName)) {
                throw new CertificateException("x509: certificate is valid for " + String.join(", ", names(certs[0])) + ", not " + serverName);
            }
        }

        private static List<String> names(X509Certificate cert) throws CertificateException {
            var alt = cert.getSubjectAlternativeNames();
            if (alt == null) return List.of();
            return alt.stream().filter(e -> (Integer) e.get(0) == 2).map(e -> (String) e.get(1)).toList();
        }

        @Override
        public void checkServerTrusted(X509Certificate[] certs, String authType, SSLEngine engine) throws CertificateException {
            check(certs, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] certs, String authType, Socket socket) throws CertificateException {
            check(certs, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] certs, String authType) throws CertificateException {
            check(certs, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] certs, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] certs, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] certs, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return chain == null ? new X509Certificate[0] : chain.getAcceptedIssuers();
        }
    }
}
