package dev.podium.http.security.pki;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * The cluster's certificate authority: a self-signed CA kept as {@code ca.crt} and {@code ca.key}
 * in a directory, created on first start, signing the API server's serving certificate and
 * client certificates.
 */
public final class ClusterCa {
    static final String CERT_FILE = "ca.crt";
    static final String KEY_FILE = "ca.key";
    /** Issued certificates start this much in the past so peers with a slow clock accept them. */
    private static final Duration BACKDATE = Duration.ofHours(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final IssuedCertificate ca;

    private ClusterCa(IssuedCertificate ca) {
        this.ca = ca;
    }

    public static ClusterCa loadOrCreate(Path dir, Clock clock) throws IOException {
        Path certFile = dir.resolve(CERT_FILE);
        Path keyFile = dir.resolve(KEY_FILE);
        boolean hasCert = Files.exists(certFile);
        boolean hasKey = Files.exists(keyFile);
        if (hasCert && hasKey) return load(certFile, keyFile);
        if (hasCert || hasKey) {
            Path missing = hasCert ? keyFile : certFile;
            Path present = hasCert ? certFile : keyFile;
            throw new IllegalStateException("cluster CA file " + missing + " is missing: restore it, or remove "
                    + present + " to create a new CA (every certificate issued by the old CA stops being trusted)");
        }
        IssuedCertificate created = selfSigned(clock);
        // key first: a crash between the two writes then leaves a lone key, never a certificate without its key
        Pem.writeAtomically(keyFile, created.keyPem(), true);
        Pem.writeAtomically(certFile, created.certificatePem(), false);
        return new ClusterCa(created);
    }

    private static ClusterCa load(Path certFile, Path keyFile) throws IOException {
        IssuedCertificate loaded;
        try {
            loaded = new IssuedCertificate(Pem.readCertificate(Files.readString(certFile)), Pem.readPrivateKey(Files.readString(keyFile)));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("cluster CA in " + certFile.getParent() + " cannot be read: " + e.getMessage(), e);
        }
        if (loaded.certificate().getBasicConstraints() < 0) {
            throw new IllegalStateException(certFile + " is not a CA certificate (basicConstraints CA:true missing)");
        }
        if (!loaded.keyMatches()) throw new IllegalStateException(keyFile + " is not the private key of " + certFile);
        return new ClusterCa(loaded);
    }

    public X509Certificate certificate() {
        return ca.certificate();
    }

    public String certificatePem() {
        return ca.certificatePem();
    }

    public IssuedCertificate issueServing(String commonName, List<String> dnsNames, List<String> ipAddresses,
                                          Duration validity, Clock clock) {
        List<GeneralName> names = new ArrayList<>();
        dnsNames.forEach(name -> names.add(new GeneralName(GeneralName.dNSName, name)));
        ipAddresses.forEach(address -> names.add(new GeneralName(GeneralName.iPAddress, address)));
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
        return issue(subject, KeyPurposeId.id_kp_serverAuth, new GeneralNames(names.toArray(GeneralName[]::new)), validity, clock);
    }

    /** Organizations become the Kubernetes user's groups, in order. */
    public IssuedCertificate issueClient(String commonName, List<String> organizations, Duration validity, Clock clock) {
        X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName);
        organizations.forEach(organization -> subject.addRDN(BCStyle.O, organization));
        return issue(subject.build(), KeyPurposeId.id_kp_clientAuth, null, validity, clock);
    }

    /** A cluster member's certificate for member-to-member TLS, where each side is both server and client. */
    public IssuedCertificate issueMember(String commonName, Duration validity, Clock clock) {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
        return issue(subject, new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}, null, validity, clock);
    }

    private IssuedCertificate issue(X500Name subject, KeyPurposeId purpose, GeneralNames sans, Duration validity, Clock clock) {
        return issue(subject, new KeyPurposeId[] {purpose}, sans, validity, clock);
    }

    private IssuedCertificate issue(X500Name subject, KeyPurposeId[] purposes, GeneralNames sans, Duration validity, Clock clock) {
        Instant now = clock.instant();
        Instant notAfter = min(now.plus(validity), ca.notAfter());
        KeyPair pair = newRsaKeyPair();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()), serial(),
                    Date.from(now.minus(BACKDATE)), Date.from(notAfter), subject, pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(pair.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false, authorityKeyIdentifier(extensions));
            if (sans != null) builder.addExtension(Extension.subjectAlternativeName, false, sans);
            return new IssuedCertificate(sign(builder, ca.key()), pair.getPrivate());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot issue certificate for " + subject + ": " + e.getMessage(), e);
        }
    }

    /** The CA's own key identifier, which for a CA made elsewhere need not be the SHA-1 one computed here. */
    private ASN1Encodable authorityKeyIdentifier(JcaX509ExtensionUtils extensions) throws IOException {
        byte[] ski = ca.certificate().getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (ski == null) return extensions.createAuthorityKeyIdentifier(ca.certificate().getPublicKey());
        byte[] keyId = SubjectKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(ski)).getKeyIdentifier();
        return new AuthorityKeyIdentifier(keyId);
    }

    private static IssuedCertificate selfSigned(Clock clock) {
        Instant now = clock.instant();
        Instant notAfter = now.atOffset(ZoneOffset.UTC).plusYears(10).toInstant();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, "podium-ca").build();
        KeyPair pair = newKeyPair();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
                    Date.from(now.minus(BACKDATE)), Date.from(notAfter), subject, pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(pair.getPublic()));
            return new IssuedCertificate(sign(builder, pair.getPrivate()), pair.getPrivate());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot create the cluster CA: " + e.getMessage(), e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signingKey)
            throws CertificateException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(signatureAlgorithm(signingKey)).build(signingKey)));
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign with a " + signingKey.getAlgorithm() + " key", e);
        }
    }

    /** The signature scheme for a key; a CA restored from elsewhere may hold an RSA key. */
    static String signatureAlgorithm(Key key) {
        String algorithm = key.getAlgorithm();
        if (algorithm.startsWith("EC")) return "SHA256withECDSA";
        if (algorithm.equals("RSA")) return "SHA256withRSA";
        return algorithm;
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 keys are unavailable", e);
        }
    }

    /**
     * Client keys are RSA: every client reads an RSA key from a kubeconfig, while some (fabric8)
     * fail on an EC key in PKCS#8 form.
     */
    private static KeyPair newRsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA keys are unavailable", e);
        }
    }

    /** Random, positive and never zero; with the sign byte 17 octets, within RFC 5280's limit of 20. */
    private static BigInteger serial() {
        return new BigInteger(128, RANDOM).setBit(127);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
