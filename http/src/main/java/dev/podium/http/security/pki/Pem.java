package dev.podium.http.security.pki;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemGenerationException;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** PEM encoding and decoding of certificates and private keys. */
public final class Pem {
    private Pem() {}

    public static String certificate(X509Certificate certificate) {
        return write(certificate);
    }

    /** RSA keys as PKCS#1 ("RSA PRIVATE KEY", what kubeadm writes and every client reads), others as PKCS#8 ("PRIVATE KEY"), unencrypted. */
    public static String privateKey(PrivateKey key) {
        if (key.getAlgorithm().equals("RSA")) return write(key);
        try {
            return write(new JcaPKCS8Generator(key, null));
        } catch (PemGenerationException e) {
            throw new IllegalArgumentException("cannot encode private key: " + e.getMessage(), e);
        }
    }

    public static X509Certificate readCertificate(String pem) {
        List<X509Certificate> all = readCertificates(pem);
        if (all.isEmpty()) throw new IllegalArgumentException("no certificate in PEM");
        return all.get(0);
    }

    /** Every certificate in the text, in order; other PEM blocks are skipped. */
    public static List<X509Certificate> readCertificates(String pem) {
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        List<X509Certificate> certificates = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object read = parser.readObject(); read != null; read = parser.readObject()) {
                if (read instanceof X509CertificateHolder holder) certificates.add(converter.getCertificate(holder));
            }
        } catch (IOException | CertificateException e) {
            throw new IllegalArgumentException("malformed certificate PEM: " + e.getMessage(), e);
        }
        return certificates;
    }

    /** The first unencrypted private key: PKCS#8 "PRIVATE KEY", or a traditional "EC/RSA PRIVATE KEY". */
    public static PrivateKey readPrivateKey(String pem) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            // openssl may put an "EC PARAMETERS" block before the key, hence the loop
            for (Object read = parser.readObject(); read != null; read = parser.readObject()) {
                // only the private part: an "EC PRIVATE KEY" need not carry its public key
                if (read instanceof PEMKeyPair pair) return converter.getPrivateKey(pair.getPrivateKeyInfo());
                if (read instanceof PrivateKeyInfo info) return converter.getPrivateKey(info);
                if (read instanceof PEMEncryptedKeyPair || read instanceof PKCS8EncryptedPrivateKeyInfo) {
                    throw new IllegalArgumentException("encrypted private keys are not supported");
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed private key PEM: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("no private key in PEM");
    }

    /**
     * Replaces {@code file} by way of a temporary sibling and an atomic rename, so a crash leaves
     * either the old or the new content. The temporary file is created with its final permissions
     * (where POSIX permissions exist) so a key is never readable by others, not even briefly.
     */
    public static void writeAtomically(Path file, String content, boolean privateKey) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString(privateKey ? "rw-------" : "rw-r--r--"))}
                : new FileAttribute<?>[0];
        Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp", attributes);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.US_ASCII));
                while (bytes.hasRemaining()) channel.write(bytes);
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static String write(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
