package dev.podium.http.security.pki;

import org.bouncycastle.asn1.x500.X500Name;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** One certificate file in a line, for listing what is stored and when it expires. */
public record CertificateSummary(String file, String subject, List<String> sans, Instant notAfter) {
    public CertificateSummary {
        sans = List.copyOf(sans);
    }

    public static CertificateSummary of(String file, X509Certificate certificate) {
        // BouncyCastle prints the RDNs in encoded order (CN=..,O=..), as openssl does; the JDK reverses them
        String subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()).toString();
        return new CertificateSummary(file, subject, sans(certificate), certificate.getNotAfter().toInstant());
    }

    /** Like {@code apiserver.crt  CN=podium-apiserver  expires 2027-12-06T03:00:00Z (364 days)  SANs: localhost}. */
    public String line(Clock clock) {
        Instant now = clock.instant();
        StringBuilder line = new StringBuilder(file).append("  ").append(subject).append("  ");
        if (notAfter.isAfter(now)) {
            line.append("expires ").append(notAfter).append(" (").append(Duration.between(now, notAfter).toDays()).append(" days)");
        } else {
            line.append("expired ").append(notAfter).append(" (").append(Duration.between(notAfter, now).toDays()).append(" days ago)");
        }
        if (!sans.isEmpty()) line.append("  SANs: ").append(String.join(", ", sans));
        return line.toString();
    }

    private static List<String> sans(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> all = certificate.getSubjectAlternativeNames();
            if (all != null) {
                for (List<?> san : all) {
                    if (san.get(1) instanceof String name) names.add(name);
                }
            }
        } catch (CertificateParsingException e) {
            names.add("(unreadable)");
        }
        return names;
    }
}
