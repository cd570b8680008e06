package dev.podium.launcher;

import dev.podium.runtime.cri.ContainerdDaemon;
import dev.podium.runtime.cri.ImageImport;
import dev.podium.runtime.cri.OciArchive;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code podium image import FILE.tar} loads an image archive ({@code docker save}, OCI layout) into the node's
 * containerd; {@code podium image busybox REF} builds a busybox image (CMD sh, as Docker Hub's) from this host's
 * busybox-static and loads it: images without a registry.
 */
final class ImageCommand {
    private ImageCommand() {}

    static int run(List<String> args) throws Exception {
        Options o = Options.parse(args.isEmpty() ? args : args.subList(1, args.size()), Set.of("--data", "--containerd-socket"));
        String verb = args.isEmpty() ? "" : args.get(0);
        boolean isImport = verb.equals("import");
        if (!isImport && !verb.equals("busybox")) {
            throw new IllegalArgumentException(verb.isEmpty() ? "podium image needs a verb: import or busybox" : "unknown image verb '" + verb + "': expected import or busybox");
        }
        if (o.positional().size() != 1) {
            throw new IllegalArgumentException(isImport ? "podium image import takes one archive: podium image import FILE.tar"
                    : "podium image busybox takes the image name: podium image busybox busybox:1.36");
        }
        Path socket = o.get("--containerd-socket", null) != null ? Path.of(o.get("--containerd-socket", null))
                : new ContainerdDaemon(Path.of(o.get("--data", "data")).resolve("containerd")).socket();
        if (!Files.exists(socket)) {
            System.err.println("podium: no containerd answers at " + socket + ": start the node first (./podium up --runtime containerd"
                    + (o.get("--data", null) == null ? "" : " --data " + o.get("--data", null)) + "), or name one with --containerd-socket");
            return 1;
        }
        if (isImport) {
            System.out.println(ImageImport.run(socket, Path.of(o.positional().get(0))));
            return 0;
        }
        Path archive = Files.createTempFile("podium-busybox-", ".tar");
        try {
            OciArchive.writeBusybox(archive, o.positional().get(0));
            System.out.println(ImageImport.run(socket, archive));
        } finally {
            Files.deleteIfExists(archive);
        }
        return 0;
    }
}
