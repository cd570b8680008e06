package dev.podium.http.security.pki;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;

/** A certificate and its private key. */
public record IssuedCertificate(X509Certificate certificate, PrivateKey key) {
    public String certificatePem() {
        return Pem.certificate(certificate);
    }

    public String keyPem() {
        return Pem.privateKey(key);
    }

    public Instant notBefore() {
        return certificate.getNotBefore().toInstant();
    }

    public Instant notAfter() {
        return certificate.getNotAfter().toInstant();
    }

    /** Whether the key belongs to the certificate: a pair read from two files may not match. */
    public boolean keyMatches() {
        byte[] probe = "podium key pair check".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(ClusterCa.signatureAlgorithm(key));
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(ClusterCa.signatureAlgorithm(key));
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
