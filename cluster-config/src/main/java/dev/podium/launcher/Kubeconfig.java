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
