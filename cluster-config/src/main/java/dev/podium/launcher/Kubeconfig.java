package dev.podium.launcher;

import dev.podium.http.security.pki.IssuedCertificate;
import dev.podium.http.security.pki.Pem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/**
 * Writes kubeconfigs that point kubectl at Podium API servers: over TLS with the cluster CA and
 * the admin's client certificate inline (kubectl, fabric8 and the official clients all read the
 * {@code -data} fields), or over plain HTTP. The file is readable by its owner only.
 */
final class Kubeconfig {
    private Kubeconfig() {}

    /** One context, {@code podium}, for this JVM's plain HTTP API. */
    static Path write(Path dataDir, String server) throws IOException {
        return write(dataDir.resolve("kubeconfig"), Map.of("podium", server), "podium", null, null);
    }

    /** One context, {@code podium}, for this JVM's API over TLS. */
    static Path writeTls(Path dataDir, String server, String caPem, IssuedCertificate admin) throws IOException {
        return write(dataDir.resolve("kubeconfig"), Map.of("podium", server), "podium", caPem, admin);
    }

    /**
     * One cluster and context per named server, e.g. node-1 … node-N of a local cluster; with
     * {@code caPem} and {@code admin} (or both null for plain HTTP).
     */
    static Path write(Path file, Map<String, String> servers, String current, String caPem, IssuedCertificate admin) throws IOException {
        String user = admin == null ? "podium" : ApiCertificates.ADMIN;
        StringBuilder clusters = new StringBuilder();
        StringBuilder contexts = new StringBuilder();
        servers.entrySet().stream().sorted(Map.Entry.comparingByKey(Kubeconfig::byNumber)).forEach(e -> {
            clusters.append("- name: ").append(e.getKey()).append("\n  cluster:\n    server: ").append(e.getValue()).append('\n');
            if (caPem != null) clusters.append("    certificate-authority-data: ").append(base64(caPem)).append('\n');
            contexts.append("- name: ").append(e.getKey()).append("\n  context:\n    cluster: ").append(e.getKey())
                    .append("\n    user: ").append(user).append("\n    namespace: default\n");
        });
        String credentials = admin == null ? "    token: podium\n"
                : "    client-certificate-data: " + base64(admin.certificatePem()) + "\n    client-key-data: " + base64(admin.keyPem()) + "\n";
        String text = "apiVersion: v1\nkind: Config\nclusters:\n" + clusters + "users:\n- name: " + user + "\n  user:\n" + credentials
                + "contexts:\n" + contexts + "current-context: " + current + "\n";
        Pem.writeAtomically(file, text, true); // it may hold a private key: owner only
        return file;
    }

    private static String base64(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8));
    }

    /** node-2 before node-10. */
    private static int byNumber(String a, String b) {
        return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }
}
