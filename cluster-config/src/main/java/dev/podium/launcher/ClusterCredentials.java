package dev.podium.launcher;

import dev.podium.http.security.pki.ApiTls;
import dev.podium.http.security.pki.ClusterCa;
import dev.podium.http.security.pki.IssuedCertificate;
import dev.podium.http.security.pki.Pem;
import dev.podium.model.rbac.UserInfo;
import dev.podium.persistence.events.SecretKeys;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * What the members of a {@code podium cluster up} share, in one directory: the cluster CA, the
 * service account signing key and the Secrets key (made before any member starts), and the admin's
 * client certificate the cluster's kubeconfig carries.
 */
record ClusterCredentials(String caPem, IssuedCertificate admin, ClusterCa ca) {
    static ClusterCredentials loadOrCreate(Path pki, Clock clock) throws IOException {
        ClusterCa ca = ClusterCa.loadOrCreate(pki, clock);
        ApiCertificates.ensureSigningKey(pki);
        if (!Files.exists(pki.resolve("secrets-encryption.key"))) SecretKeys.create(pki.resolve("secrets-encryption.key"));
        Path cert = pki.resolve("admin.crt");
        Path key = pki.resolve("admin.key");
        IssuedCertificate admin;
        if (Files.exists(cert) && Files.exists(key)) {
            admin = new IssuedCertificate(Pem.readCertificate(Files.readString(cert)), Pem.readPrivateKey(Files.readString(key)));
        } else {
            admin = ca.issueClient(ApiCertificates.ADMIN, List.of(UserInfo.MASTERS), Duration.ofDays(365), clock);
            Pem.writeAtomically(key, admin.keyPem(), true);
            Pem.writeAtomically(cert, admin.certificatePem(), false);
        }
        return new ClusterCredentials(ca.certificatePem(), admin, ca);
    }

    /** Trusts the cluster CA and presents the admin's certificate. */
    SSLContext clientContext() {
        return new ApiTls(admin, ca.certificate()).context();
    }
}
