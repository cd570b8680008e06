package dev.podium.runtime.cri;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Writes a single-layer image as an OCI image layout in a tar archive, the format {@code ctr images import}
 * (and {@code podium image import}) loads. The layer holds a static busybox and a link per applet, which is
 * how Podium builds its sandbox ("pause") image and tests build theirs without a registry.
 */
public final class OciArchive {
    /** The image's config: ENTRYPOINT, CMD, environment and working directory, as a Dockerfile would set them. */
    public record Config(List<String> entrypoint, List<String> cmd, List<String> env, String workingDir) {}

    /** A file of the layer: its content (from the host) and mode. */
    public record File(String path, Path source, int mode) {}

    private OciArchive() {}

    /**
     * Writes an archive for image {@code ref} (a full reference: {@code localhost/podium/pause:1}) with the files
     * and, for each entry of {@code links}, a hard link {@code path -> target}.
     */
    public static void write(Path archive, String ref, Config config, List<File> files, Map<String, String> links) throws IOException {
        byte[] layer = layer(files, links);
        String layerDigest = sha256(layer);
        ObjectNode cfg = Json.object();
        cfg.put("architecture", "amd64").put("os", "linux");
        ObjectNode c = cfg.putObject("config");
        strings(c.putArray("Env"), config.env());
        if (!config.entrypoint().isEmpty()) strings(c.putArray("Entrypoint"), config.entrypoint());
        if (!config.cmd().isEmpty()) strings(c.putArray("Cmd"), config.cmd());
        if (config.workingDir() != null) c.put("WorkingDir", config.workingDir());
        ObjectNode rootfs = cfg.putObject("rootfs").put("type", "layers");
        rootfs.putArray("diff_ids").add("sha256:" + layerDigest);
        byte[] configBytes = Json.bytes(cfg);

        ObjectNode manifest = Json.object();
        manifest.put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        descriptor(manifest.putObject("config"), "application/vnd.oci.image.config.v1+json", configBytes);
        descriptor(manifest.putArray("layers").addObject(), "application/vnd.oci.image.layer.v1.tar", layer);
        byte[] manifestBytes = Json.bytes(manifest);

        ObjectNode index = Json.object();
        index.put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.index.v1+json");
        ObjectNode m = descriptor(index.putArray("manifests").addObject(), "application/vnd.oci.image.manifest.v1+json", manifestBytes);
        m.putObject("platform").put("architecture", "amd64").put("os", "linux");
        m.putObject("annotations").put("io.containerd.image.name", ref)
                .put("org.opencontainers.image.ref.name", ref.substring(ref.lastIndexOf(':') + 1));

        Files.createDirectories(archive.toAbsolutePath().getParent());
        Path tmp = archive.resolveSibling(archive.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp); TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            entry(tar, "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
            entry(tar, "index.json", Json.bytes(index));
            entry(tar, "blobs/sha256/" + sha256(manifestBytes), manifestBytes);
            entry(tar, "blobs/sha256/" + sha256(configBytes), configBytes);
            entry(tar, "blobs/sha256/" + layerDigest, layer);
        }
        Files.move(tmp, archive, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The configuration of Docker Hub's busybox image: no ENTRYPOINT, CMD {@code sh}, the usual PATH. */
    public static final Config BUSYBOX_LIKE_DOCKER_HUB = new Config(List.of(), List.of("sh"),
            List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"), null);

    /** A busybox image as Docker Hub's, from this host's static busybox; fails naming the package when there is none. */
    public static void writeBusybox(Path archive, String ref) throws IOException {
        Path busybox = Busybox.find().orElseThrow(() -> new IOException("no static busybox here: apt-get install -y busybox-static"));
        writeBusybox(archive, ImageRef.parse(ref).normalized(), busybox, BUSYBOX_LIKE_DOCKER_HUB);
    }

    /** A busybox image: {@code /bin/busybox} from the host and a hard link in /bin for each of its applets. */
    public static void writeBusybox(Path archive, String ref, Path busybox, Config config) throws IOException {
        Map<String, String> links = new java.util.TreeMap<>();
        for (String applet : Busybox.applets(busybox)) {
            if (!applet.equals("busybox")) links.put("bin/" + applet, "bin/busybox");
        }
        write(archive, ref, config, List.of(new File("bin/busybox", busybox, 0755)), links);
    }

    private static byte[] layer(List<File> files, Map<String, String> links) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            java.util.Set<String> dirs = new java.util.TreeSet<>(List.of("tmp/", "etc/", "root/", "proc/", "sys/", "dev/"));
            for (File f : files) dirs.addAll(parents(f.path()));
            for (String link : links.keySet()) dirs.addAll(parents(link));
            for (String d : dirs) {
                TarArchiveEntry e = new TarArchiveEntry(d);
                e.setMode(d.equals("tmp/") ? 01777 : 0755);
                tar.putArchiveEntry(e);
                tar.closeArchiveEntry();
            }
            for (File f : files) {
                TarArchiveEntry e = new TarArchiveEntry(f.path());
                e.setSize(Files.size(f.source()));
                e.setMode(f.mode());
                tar.putArchiveEntry(e);
                Files.copy(f.source(), tar);
                tar.closeArchiveEntry();
            }
            for (var l : links.entrySet()) {
                TarArchiveEntry e = new TarArchiveEntry(l.getKey(), TarArchiveEntry.LF_LINK);
                e.setLinkName(l.getValue());
                // a hard link shares its target's inode, and unpacking applies each entry's mode to it
                files.stream().filter(f -> f.path().equals(l.getValue())).findFirst().ifPresent(f -> e.setMode(f.mode()));
                tar.putArchiveEntry(e);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static List<String> parents(String path) {
        List<String> out = new java.util.ArrayList<>();
        for (int i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) out.add(path.substring(0, i + 1));
        return out;
    }

    private static void entry(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(content.length);
        e.setMode(0644);
        tar.putArchiveEntry(e);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private static ObjectNode descriptor(ObjectNode d, String mediaType, byte[] content) {
        return d.put("mediaType", mediaType).put("digest", "sha256:" + sha256(content)).put("size", content.length);
    }

    private static void strings(ArrayNode arr, List<String> values) {
        values.forEach(arr::add);
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
