package dev.podium.http.security.pki;

import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterCaTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T03:00:00Z"), ZoneOffset.UTC);
    private static final List<String> DNS = List.of("localhost", "podium.example.com");
    private static final List<String> IPS = List.of("127.0.0.1", "::1");

    @TempDir
    Path dir;

    @Test
    void aCreatedCaIsLoadedBackUnchanged() throws Exception {
        ClusterCa created = ClusterCa.loadOrCreate(dir, CLOCK);
        ClusterCa loaded = ClusterCa.loadOrCreate(dir, CLOCK);

        assertThat(loaded.certificate().getSerialNumber()).isEqualTo(created.certificate().getSerialNumber());
        assertThat(loaded.certificate().getPublicKey().getEncoded()).isEqualTo(created.certificate().getPublicKey().getEncoded());
        assertThat(loaded.certificatePem()).isEqualTo(created.certificatePem());
        X509Certificate ca = created.certificate();
        assertThat(ca.getSubjectX500Principal().getName()).isEqualTo("CN=podium-ca");
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(ca.getNotBefore().toInstant()).isEqualTo(CLOCK.instant().minus(Duration.ofHours(1)));
        assertThat(ca.getNotAfter().toInstant()).isEqualTo(Instant.parse("2036-12-06T03:00:00Z"));
    }

    @Test
    void theCaKeyIsReadableByItsOwnerOnly() throws Exception {
        ClusterCa.loadOrCreate(dir, CLOCK);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ca.key")))).isEqualTo("rw-------");
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("ca.crt", "ca.key");
        }
    }

    @Test
    void aServingCertificateCarriesEveryNameAndServerAuth() throws Exception {
        ClusterCa ca = ClusterCa.loadOrCreate(dir, CLOCK);
        X509Certificate cert = ca.issueServing("podium-apiserver", DNS, IPS, Duration.ofDays(30), CLOCK).certificate();

        cert.verify(ca.certificate().getPublicKey());
        assertThat(cert.getSubjectAlternativeNames()).extracting(san -> (Object) san.get(1))
                .containsExactly("localhost", "podium.example.com", "127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(cert.getExtendedKeyUsage()).containsExactly(KeyPurposeId.id_kp_serverAuth.getId());
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
        assertThat(cert.getNotAfter().toInstant()).isEqualTo(CLOCK.instant().plus(Duration.ofDays(30)));
    }

    @Test
    void noCertificateOutlivesTheCa() throws Exception {
        ClusterCa ca = ClusterCa.loadOrCreate(dir, CLOCK);
        IssuedCertificate cert = ca.issueServing("long", DNS, IPS, Duration.ofDays(36500), CLOCK);

        assertThat(cert.notAfter()).isEqualTo(ca.certificate().getNotAfter().toInstant());
    }

    @Test
    void aClientCertificateNamesTheUserAndEveryGroupInOrder() throws Exception {
        ClusterCa ca = ClusterCa.loadOrCreate(dir, CLOCK);
        X509Certificate cert = ca.issueClient("admin", List.of("system:masters", "team-a"), Duration.ofDays(1), CLOCK).certificate();

        X500Name subject = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
        assertThat(values(subject.getRDNs(BCStyle.CN))).containsExactly("admin");
        assertThat(values(subject.getRDNs(BCStyle.O))).containsExactly("system:masters", "team-a");
        assertThat(cert.getExtendedKeyUsage()).containsExactly(KeyPurposeId.id_kp_clientAuth.getId());
        cert.verify(ca.certificate().getPublicKey());
    }

    @Test
    void aLoneCaFileIsNotReplacedSilently() throws Exception {
        ClusterCa.loadOrCreate(dir, CLOCK);
        Files.delete(dir.resolve("ca.key"));

        assertThatThrownBy(() -> ClusterCa.loadOrCreate(dir, CLOCK)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ca.key").hasMessageContaining("restore");
        assertThat(dir.resolve("ca.key")).doesNotExist();
    }

    @Test
    void aLoneCaKeyNamesTheMissingCertificate() throws Exception {
        ClusterCa.loadOrCreate(dir, CLOCK);
        Files.delete(dir.resolve("ca.crt"));

        assertThatThrownBy(() -> ClusterCa.loadOrCreate(dir, CLOCK)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ca.crt");
    }

    @Test
    void aFreshServingCertificateIsReused() throws Exception {
        ClusterCa ca = ClusterCa.loadOrCreate(dir, CLOCK);
        IssuedCertificate first = ServingCertificate.loadOrIssue(dir, ca, DNS, IPS, CLOCK);
        IssuedCertificate second = ServingCertificate.loadOrIssue(dir, ca, List.of("LOCALHOST"), List.of("0:0:0:0:0:0:0:1"), CLOCK);

        assertThat(second.certificate().getSerialNumber()).isEqualTo(first.certificate().getSerialNumber());
        assertThat(second.key().getEncoded()).isEqualTo(first.key().getEncoded());
        assertThat(first.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=podium-apiserver");
        assertThat(first.notAfter()).isEqualTo(CLOCK.instant().plus(Duration.ofDays(365)));
    }

    @Test
    void aNewNameIssuesANewServingCertificate() throws Exception {
        ClusterCa ca = ClusterCa.loadOrCreate(dir, CLOCK);
        IssuedCertificate first = ServingCertificate.loadOrIssue(dir, ca, DNS, IPS, CLOCK);
        List<String> more = List.of("localhost", "podium.example.com", "api.example.com");
        IssuedCertificate second = ServingCertificate.loadOrIssue(dir, ca, more, IPS, CLOCK);

        assertThat(second.certificate().getSerialNumber()).isNotEqualTo(first.certificate().getSerialNumber());
        assertThat(second.certificate().getSubjectAlternativeNames()).extracting(san -> (Object) san.get(1)).contains("api.example.com");
        assertThat(Pem.readCertificate(Files.readString(dir.resolve("apiserver.crt")))).isEqualTo(second.certificate());
    }

    @Test
    void aServingCertificateInTheLastThirdOfItsLifeIsRenewed() throws Exception {
        ClusterCa ca = ClusterCa.loadOrCreate(dir, CLOCK);
        IssuedCertificate first = ServingCertificate.loadOrIssue(dir, ca, DNS, IPS, CLOCK);

        Clock later = Clock.offset(CLOCK, Duration.ofDays(200));
        assertThat(ServingCertificate.needsRenewal(first.certificate(), later)).isFalse();
        assertThat(ServingCertificate.loadOrIssue(dir, ca, DNS, IPS, later).certificate().getSerialNumber())
                .isEqualTo(first.certificate().getSerialNumber());

        Clock late = Clock.offset(CLOCK, Duration.ofDays(250));
        assertThat(ServingCertificate.needsRenewal(first.certificate(), late)).isTrue();
        IssuedCertificate renewed = ServingCertificate.loadOrIssue(dir, ca, DNS, IPS, late);
        assertThat(renewed.certificate().getSerialNumber()).isNotEqualTo(first.certificate().getSerialNumber());
        assertThat(renewed.notAfter()).isEqualTo(late.instant().plus(Duration.ofDays(365)));
    }

    @Test
    void aServingCertificateFromAnotherCaIsReplaced(@TempDir Path otherDir) throws Exception {
        ClusterCa other = ClusterCa.loadOrCreate(otherDir, CLOCK);
        IssuedCertificate foreign = ServingCertificate.loadOrIssue(dir, other, DNS, IPS, CLOCK);
        ClusterCa ca = ClusterCa.loadOrCreate(dir, CLOCK);

        IssuedCertificate issued = ServingCertificate.loadOrIssue(dir, ca, DNS, IPS, CLOCK);

        assertThat(issued.certificate()).isNotEqualTo(foreign.certificate());
        issued.certificate().verify(ca.certificate().getPublicKey());
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("apiserver.key")))).isEqualTo("rw-------");
        }
    }

    @Test
    void pemReadsPkcs8AndTraditionalKeys() throws Exception {
        for (String algorithm : List.of("EC", "RSA")) {
            // BouncyCastle writes the curve into an "EC PRIVATE KEY", as openssl does; the JDK's keys lack it there
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm, new BouncyCastleProvider());
            generator.initialize(algorithm.equals("EC") ? 256 : 2048);
            PrivateKey key = generator.generateKeyPair().getPrivate();
            String traditional = traditionalPem(key);

            assertThat(traditional).contains("BEGIN " + algorithm + " PRIVATE KEY");
            // RSA keys are written as PKCS#1, the form every Kubernetes client reads; others as PKCS#8
            assertThat(Pem.privateKey(key)).startsWith(algorithm.equals("RSA") ? "-----BEGIN RSA PRIVATE KEY-----" : "-----BEGIN PRIVATE KEY-----");
            assertThat(secret(Pem.readPrivateKey(Pem.privateKey(key)))).isEqualTo(secret(key));
            assertThat(secret(Pem.readPrivateKey(traditional))).isEqualTo(secret(key));
        }
    }

    @Test
    void pemReadsEveryCertificateOfABundle() throws Exception {
        ClusterCa ca = ClusterCa.loadOrCreate(dir, CLOCK);
        IssuedCertificate leaf = ca.issueServing("leaf", DNS, IPS, Duration.ofDays(1), CLOCK);

        assertThat(Pem.readCertificates(leaf.certificatePem() + ca.certificatePem()))
                .containsExactly(leaf.certificate(), ca.certificate());
        assertThatThrownBy(() -> Pem.readCertificate("not a certificate")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSummaryLineShowsSubjectExpiryAndNames() throws Exception {
        ClusterCa ca = ClusterCa.loadOrCreate(dir, CLOCK);
        IssuedCertificate cert = ServingCertificate.loadOrIssue(dir, ca, List.of("localhost"), List.of("127.0.0.1"), CLOCK);

        assertThat(CertificateSummary.of("apiserver.crt", cert.certificate()).line(Clock.offset(CLOCK, Duration.ofDays(1))))
                .isEqualTo("apiserver.crt  CN=podium-apiserver  expires 2027-12-06T03:00:00Z (364 days)  SANs: localhost, 127.0.0.1");
        assertThat(CertificateSummary.of("ca.crt", ca.certificate()).line(CLOCK))
                .isEqualTo("ca.crt  CN=podium-ca  expires 2036-12-06T03:00:00Z (3653 days)");
    }

    private static List<String> values(RDN[] rdns) {
        return Arrays.stream(rdns).map(rdn -> IETFUtils.valueToString(rdn.getFirst().getValue())).toList();
    }

    private static BigInteger secret(PrivateKey key) {
        return key instanceof ECPrivateKey ec ? ec.getS() : ((RSAPrivateKey) key).getPrivateExponent();
    }

    private static String traditionalPem(PrivateKey key) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(key);
        }
        return out.toString();
    }
}
