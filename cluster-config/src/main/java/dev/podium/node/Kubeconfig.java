package dev.podium.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the kubeconfig that points kubectl at this node's API. */
final class Kubeconfig {
    private Kubeconfig() {}

    static Path write(Path dataDir, String server) throws IOException {
        Path file = dataDir.resolve("kubeconfig");
        String text = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: podium
                  cluster:
                    server: %s
                users:
                - name: podium
                  user:
                    token: podium
                contexts:
                - name: podium
                  context:
                    cluster: podium
                    user: podium
                    namespace: default
                current-context: podium
                """.formatted(server);
        Files.writeString(file, text);
        return file;
    }
}
