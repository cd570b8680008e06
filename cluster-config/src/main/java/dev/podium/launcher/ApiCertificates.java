package dev.podium.launcher;

import dev.podium.http.security.ApiSecurity;
import dev.podium.http.security.Authenticator;
import dev.podium.http.security.MemberLink;
import dev.podium.http.security.TokenFile;
import dev.podium.http.security.pki.ApiTls;
import dev.podium.http.security.pki.CertificateSummary;
import dev.podium.http.security.pki.ClusterCa;
import dev.podium.http.security.pki.IssuedCertificate;
import dev.podium.http.security.pki.Pem;
import dev.podium.http.security.pki.ServingCertificate;
import dev.podium.model.rbac.UserInfo;

import dev.podium.actors.security.ServiceAccountTokens;
import dev.podium.persistence.watch.WatchCache;

import java.io.IOException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The API's TLS material, made on first start and kept: the cluster CA ({@code --ca}, default
 * {@code DATA/pki}), this member's serving certificate (SANs: every name and address it answers
 * on, and the {@code kubernetes} Service's), and the admin client certificate the kubeconfig
 * carries ({@code CN=system:admin, O=system:masters}, as k3s names it). Each is issued again at
 * start when less than a third of its life is left.
 */
final class ApiCertificates {
    static final String ADMIN = "system:admin";
    private static final Duration CLIENT_VALIDITY = Duration.ofDays(365);
    private static final List<String> SERVICE_NAMES = List.of("kubernetes", "kubernetes.default", "kubernetes.default.svc",
            "kubernetes.default.svc.cluster.local");

    /** What a secure member needs: how to admit clients, and what its kubeconfig carries. */
    record Material(ApiSecurity security, String caPem, IssuedCertificate admin) {}

    private ApiCertificates() {}

    static Material prepare(NodeSettings.ApiAccess access, Path dataDir, String host, Clock clock, ServiceAccountTokens serviceAccounts)
            throws IOException {
        ClusterCa ca = ClusterCa.loadOrCreate(access.caDir(), clock);
        Path own = dataDir.resolve("pki");
        IssuedCertificate serving = ServingCertificate.loadOrIssue(own, ca, dnsNames(host), ipAddresses(host), clock);
        IssuedCertificate admin = admin(own, ca, clock);
        TokenFile tokens = access.tokenAuthFile() == null ? TokenFile.empty() : TokenFile.read(access.tokenAuthFile());
        Authenticator authenticator = new Authenticator(List.of(tokens::user, serviceAccounts::authenticate));
        // kube-apiserver's own identity towards kubelets; here towards the member hosting a pod's node
        IssuedCertificate relay = ca.issueClient("system:apiserver", List.of(UserInfo.MASTERS), CLIENT_VALIDITY, clock);
        MemberLink members = MemberLink.over(new ApiTls(relay, ca.certificate()).context());
        return new Material(ApiSecurity.secure(new ApiTls(serving, ca.certificate()), authenticator, members, serviceAccounts), ca.certificatePem(), admin);
    }

    /**
     * Issues the serving certificate again once less than a third of its life is left (or a name
     * is missing) and has new connections present it; true when it did. The guardian asks hourly,
     * so a member that runs for a year never serves an expired certificate.
     */
    static boolean renewIfDue(Material material, NodeSettings.ApiAccess access, Path dataDir, String host, Clock clock) throws IOException {
        ApiTls tls = material.security().tls();
        ClusterCa ca = ClusterCa.loadOrCreate(access.caDir(), clock);
        IssuedCertificate current = ServingCertificate.loadOrIssue(dataDir.resolve("pki"), ca, dnsNames(host), ipAddresses(host), clock);
        if (current.certificate().equals(tls.serving().certificate())) return false;
        tls.reload(current);
        return true;
    }

    /**
     * The service account signing key, {@code sa.key} in {@code dir} (kept, and shared by the
     * members that share the directory, like kube's {@code --service-account-key-file}).
     */
    static ServiceAccountTokens serviceAccountTokens(Path dir, WatchCache cache, Clock clock) throws IOException {
        Path file = ensureSigningKey(dir);
        PrivateKey key = Pem.readPrivateKey(Files.readString(file));
        if (!(key instanceof RSAPrivateCrtKey rsa)) throw new IllegalStateException(file + " is not an RSA private key");
        KeyPair pair;
        try {
            pair = new KeyPair(KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent())), key);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return new ServiceAccountTokens(pair, cache, clock);
    }

    /** {@code sa.key} in {@code dir}, made (RSA 2048) when missing. */
    static Path ensureSigningKey(Path dir) throws IOException {
        Path file = dir.resolve("sa.key");
        if (Files.exists(file)) return file;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            Files.createDirectories(dir);
            Pem.writeAtomically(file, Pem.privateKey(generator.generateKeyPair().getPrivate()), true);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("RSA keys are unavailable", e);
        }
        return file;
    }

    /** The admin's client certificate in {@code dir} ({@code admin.crt}, {@code admin.key}), issued again when missing, foreign or due. */
    static IssuedCertificate admin(Path dir, ClusterCa ca, Clock clock) throws IOException {
        Path cert = dir.resolve("admin.crt");
        Path key = dir.resolve("admin.key");
        if (Files.exists(cert) && Files.exists(key)) {
            try {
                IssuedCertificate stored = new IssuedCertificate(Pem.readCertificate(Files.readString(cert)), Pem.readPrivateKey(Files.readString(key)));
                stored.certificate().verify(ca.certificate().getPublicKey());
                if (stored.keyMatches() && !ServingCertificate.needsRenewal(stored.certificate(), clock)) return stored;
            } catch (IllegalArgumentException | java.security.GeneralSecurityException e) {
                // issued again below
            }
        }
        IssuedCertificate issued = ca.issueClient(ADMIN, List.of(UserInfo.MASTERS), CLIENT_VALIDITY, clock);
        Pem.writeAtomically(key, issued.keyPem(), true);
        Pem.writeAtomically(cert, issued.certificatePem(), false);
        return issued;
    }

    static List<String> dnsNames(String host) {
        List<String> names = new ArrayList<>(List.of("localhost"));
        String hostname = HostedNodes.localName();
        if (!names.contains(hostname)) names.add(hostname);
        if (!isAddress(host) && !names.contains(host)) names.add(host);
        names.addAll(SERVICE_NAMES);
        return names;
    }

    static List<String> ipAddresses(String host) {
        List<String> ips = new ArrayList<>(List.of("127.0.0.1", MemberService.KUBERNETES_IP));
        if (isAddress(host) && !ips.contains(host)) ips.add(host);
        return ips;
    }

    private static boolean isAddress(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }

    /** {@code podium certs}: every certificate of a data directory, with its expiry. */
    static int print(Options o) throws IOException {
        Path data = Path.of(o.get("--data", "data"));
        Path caDir = Path.of(o.get("--ca", data.resolve("pki").toString()));
        List<Path> files = new ArrayList<>(List.of(caDir.resolve("ca.crt")));
        for (String f : List.of("apiserver.crt", "admin.crt")) files.add(data.resolve("pki").resolve(f));
        int found = 0;
        for (Path f : files) {
            if (!Files.exists(f)) continue;
            found++;
            System.out.println(CertificateSummary.of(f.toString(), Pem.readCertificate(Files.readString(f))).line(Clock.systemUTC()));
        }
        if (found == 0) {
            System.err.println("podium: no certificates in " + data.resolve("pki") + "; they are made by the first `podium up --data " + data + "`");
            return 1;
        }
        return 0;
    }
}
