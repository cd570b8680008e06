package dev.podium.http.security.pki;

import org.bouncycastle.util.IPAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The API server's serving certificate, kept as {@code apiserver.crt} and {@code apiserver.key}. */
public final class ServingCertificate {
    private static final Logger log = LoggerFactory.getLogger(ServingCertificate.class);
    static final String CERT_FILE = "apiserver.crt";
    static final String KEY_FILE = "apiserver.key";
    static final String COMMON_NAME = "podium-apiserver";
    static final Duration VALIDITY = Duration.ofDays(365);
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    private ServingCertificate() {}

    /**
     * The stored certificate when it was signed by {@code ca}, covers every requested name and
     * address and has more than a third of its lifetime left; otherwise a new one, stored.
     */
    public static IssuedCertificate loadOrIssue(Path dir, ClusterCa ca, List<String> dnsNames, List<String> ipAddresses,
                                                Clock clock) throws IOException {
        Path certFile = dir.resolve(CERT_FILE);
        Path keyFile = dir.resolve(KEY_FILE);
        Optional<String> reason = Optional.of("none is stored");
        if (Files.exists(certFile) && Files.exists(keyFile)) {
            try {
                IssuedCertificate stored = new IssuedCertificate(
                        Pem.readCertificate(Files.readString(certFile)), Pem.readPrivateKey(Files.readString(keyFile)));
                reason = unusable(stored, ca, dnsNames, ipAddresses, clock);
                if (reason.isEmpty()) return stored;
            } catch (IllegalArgumentException e) {
                reason = Optional.of("the stored files cannot be read (" + e.getMessage() + ")");
            }
        }
        log.info("issuing a new API server certificate in {}: {}", dir, reason.get());
        IssuedCertificate issued = ca.issueServing(COMMON_NAME, dnsNames, ipAddresses, VALIDITY, clock);
        Pem.writeAtomically(keyFile, issued.keyPem(), true);
        Pem.writeAtomically(certFile, issued.certificatePem(), false);
        return issued;
    }

    /** Less than a third of the certificate's lifetime is left (or it has expired). */
    public static boolean needsRenewal(X509Certificate certificate, Clock clock) {
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        Duration lifetime = Duration.between(notBefore, notAfter);
        Duration left = Duration.between(clock.instant(), notAfter);
        return left.multipliedBy(3).compareTo(lifetime) < 0;
    }

    private static Optional<String> unusable(IssuedCertificate stored, ClusterCa ca, List<String> dnsNames,
                                             List<String> ipAddresses, Clock clock) {
        try {
            stored.certificate().verify(ca.certificate().getPublicKey());
        } catch (GeneralSecurityException e) {
            return Optional.of("the stored one was not signed by the cluster CA");
        }
        if (!stored.keyMatches()) return Optional.of("the stored key does not match the stored certificate");
        if (needsRenewal(stored.certificate(), clock)) return Optional.of("the stored one expires " + stored.notAfter());
        Set<String> names = new HashSet<>();
        Set<String> addresses = new HashSet<>();
        try {
            Collection<List<?>> sans = stored.certificate().getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if ((Integer) san.get(0) == SAN_DNS) names.add(dnsName((String) san.get(1)));
                    if ((Integer) san.get(0) == SAN_IP) addresses.add(address((String) san.get(1)));
                }
            }
        } catch (CertificateParsingException e) {
            return Optional.of("the stored one's subject alternative names cannot be read");
        }
        for (String name : dnsNames) {
            if (!names.contains(dnsName(name))) return Optional.of("the stored one does not cover " + name);
        }
        for (String address : ipAddresses) {
            if (!addresses.contains(address(address))) return Optional.of("the stored one does not cover " + address);
        }
        return Optional.empty();
    }

    private static String dnsName(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** One spelling per address, as IPv6 has many (::1, 0:0:0:0:0:0:0:1). */
    private static String address(String literal) {
        if (!IPAddress.isValid(literal)) return literal;
        try {
            return InetAddress.getByName(literal).getHostAddress(); // a literal: no lookup
        } catch (UnknownHostException e) {
            return literal;
        }
    }
}
