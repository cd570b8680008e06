package dev.podium.runtime.cri;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Loads an image archive (OCI layout or {@code docker save}) into containerd's CRI namespace with {@code ctr images import}. */
public final class ImageImport {
    private ImageImport() {}

    /** Imports {@code archive}; returns ctr's report (the images unpacked). */
    public static String run(Path socket, Path archive) throws IOException {
        if (!Files.isRegularFile(archive)) throw new IOException(archive + " is not a file");
        String ctr = ContainerdDaemon.which("ctr").map(Path::toString)
                .orElseThrow(() -> new IOException("ctr (containerd's client) is not installed: apt-get install -y containerd"));
        Process p = new ProcessBuilder(List.of(ctr, "--address", socket.toString(), "--namespace", "k8s.io", "images", "import",
                "--snapshotter", "overlayfs", archive.toAbsolutePath().toString()))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (p.waitFor() != 0) throw new IOException("importing " + archive + " failed: " + out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return out;
    }
}
