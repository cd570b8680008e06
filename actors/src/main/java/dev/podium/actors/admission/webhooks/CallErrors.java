package dev.podium.actors.admission.webhooks;

import javax.net.ssl.SSLException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertificateException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Java's transport failures in the words Go's HTTP client uses in kube's messages. */
final class CallErrors {
    private CallErrors() {}

    static String describe(Throwable t, URI dialled) {
        Throwable e = unwrap(t);
        String hostPort = dialled.getHost() + ":" + (dialled.getPort() < 0 ? 443 : dialled.getPort());
        if (e instanceof HttpConnectTimeoutException) return "dial tcp " + hostPort + ": i/o timeout";
        if (e instanceof HttpTimeoutException) return "context deadline exceeded";
        if (e instanceof UnknownHostException || e instanceof UnresolvedAddressException) return "dial tcp: lookup " + dialled.getHost() + ": no such host";
        if (e instanceof ConnectException) return "dial tcp " + hostPort + ": connect: connection refused";
        if (e instanceof SSLException) return tls(e);
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) e = e.getCause();
        return e;
    }

    private static String tls(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof CertificateException && c.getMessage() != null && c.getMessage().startsWith("x509: ")) {
                return "tls: failed to verify certificate: " + c.getMessage();
            }
            if (c.getMessage() != null && c.getMessage().contains("PKIX path")) {
                return "tls: failed to verify certificate: x509: certificate signed by unknown authority";
            }
            if (c instanceof CertificateException && c.getMessage() != null && c.getMessage().contains("subject alternative")) {
                return "tls: failed to verify certificate: x509: " + c.getMessage();
            }
        }
        return "remote error: tls: " + e.getMessage();
    }
}
