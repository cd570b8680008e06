package dev.podium.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes kubeconfigs that point kubectl at Podium API servers. */
final class Kubeconfig {
    private Kubeconfig() {}

    /** One context, {@code podium}, for this JVM's API. */
    static Path write(Path dataDir, String server) throws IOException {
        return write(dataDir.resolve("kubeconfig"), Map.of("podium", server), "podium");
    }

    /**
     * One context, {@code podium}, for this JVM's API over TLS: the cluster CA to trust and the
     * admin's client certificate, inline (kubectl, fabric8 and the official clients all read the
     * {@code -data} fields). The file is readable by its owner only: it holds a private key.
     */
    static Path writeTls(Path dataDir, String server, String caPem, String clientCertPem, String clientKeyPem) throws IOException {
        String text = "apiVersion: v1\nkind: Config\nclusters:\n- name: podium\n  cluster:\n    server: " + server
                + "\n    certificate-authority-data: " + base64(caPem)
                + "\nusers:\n- name: " + ApiCertificates.ADMIN + "\n  user:\n    client-certificate-data: " + base64(clientCertPem)
                + "\n    client-key-data: " + base64(clientKeyPem)
                + "\ncontexts:\n- name: podium\n  context:\n    cluster: podium\n    user: " + ApiCertificates.ADMIN
                + "\n    namespace: default\ncurrent-context: podium\n";
        Path file = dataDir.resolve("kubeconfig");
        Path tmp = dataDir.resolve("kubeconfig.tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, text);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    private static String base64(String pem) {
        return java.util.Base64.getEncoder().encodeToString(pem.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** One cluster and context per named server, e.g. node-1 … node-N of a local cluster. */
    static Path write(Path file, Map<String, String> servers, String current) throws IOException {
        StringBuilder clusters = new StringBuilder();
        StringBuilder contexts = new StringBuilder();
        servers.entrySet().stream().sorted(Map.Entry.comparingByKey(Kubeconfig::byNumber)).forEach(e -> {
            clusters.append("- name: ").append(e.getKey()).append("\n  cluster:\n    server: ").append(e.getValue()).append('\n');
            contexts.append("- name: ").append(e.getKey()).append("\n  context:\n    cluster: ").append(e.getKey())
                    .append("\n    user: podium\n    namespace: default\n");
        });
        String text = "apiVersion: v1\nkind: Config\nclusters:\n" + clusters
                + "users:\n- name: podium\n  user:\n    token: podium\ncontexts:\n" + contexts + "current-context: " + current + "\n";
        Files.writeString(file, text);
        return file;
    }

    /** node-2 before node-10. */
    private static int byNumber(String a, String b) {
        return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }
}
