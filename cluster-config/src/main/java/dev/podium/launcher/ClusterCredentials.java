package dev.podium.launcher;

import dev.podium.http.security.pki.ApiTls;
import dev.podium.http.security.pki.ClusterCa;
import dev.podium.http.security.pki.IssuedCertificate;
import dev.podium.persistence.events.SecretKeys;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * What the members of a {@code podium cluster up} share, in one directory: the cluster CA, the
 * service account signing key and the Secrets key (made before any member starts), and the admin's
 * client certificate the cluster's kubeconfig carries.
 */
record ClusterCredentials(String caPem, IssuedCertificate admin, ClusterCa ca) {
    static ClusterCredentials loadOrCreate(Path pki, Clock clock) throws IOException {
        ClusterCa ca = ClusterCa.loadOrCreate(pki, clock);
        ApiCertificates.ensureSigningKey(pki);
        SecretKeys.createIfMissing(pki.resolve(PodiumNode.SECRETS_KEY_FILE));
        IssuedCertificate admin = ApiCertificates.admin(pki, ca, clock);
        return new ClusterCredentials(ca.certificatePem(), admin, ca);
    }

    /** Trusts the cluster CA and presents the admin's certificate. */
    SSLContext clientContext() {
        return new ApiTls(admin, ca.certificate()).context();
    }
}
