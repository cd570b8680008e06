package dev.podium.actors.kubelet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Static pods: manifests in a directory that the node agent runs without the API server, as
 * kubelet's file source does. The API only gets a read-only mirror pod named
 * {@code <name>-<node>} carrying the {@code kubernetes.io/config.mirror} annotation.
 */
final class StaticPods {
    static final String MIRROR_ANNOTATION = "kubernetes.io/config.mirror";

    /** A manifest as read: the pod to run (uid = content hash) and the mirror to show. */
    record Manifest(Path file, String hash, ObjectNode pod, ObjectNode mirror) {
        String uid() {
            return pod.path("metadata").path("uid").asText();
        }

        String mirrorKey() {
            return mirror.path("metadata").path("namespace").asText() + "/" + mirror.path("metadata").path("name").asText();
        }
    }

    private StaticPods() {}

    /** Every readable pod manifest in {@code dir} (.yaml, .yml, .json), keyed by file; bad files are skipped with a reason. */
    static Map<Path, Manifest> scan(Path dir, String nodeName, Map<Path, String> problems) {
        Map<Path, Manifest> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) return out;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(StaticPods::isManifest).toList()) {
                try {
                    out.put(f, read(f, nodeName));
                } catch (RuntimeException | IOException e) {
                    problems.put(f, e.getMessage());
                }
            }
        } catch (IOException e) {
            problems.put(dir, e.getMessage());
        }
        return out;
    }

    private static boolean isManifest(Path f) {
        String n = f.getFileName().toString();
        return Files.isRegularFile(f) && (n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json")) && !n.startsWith(".");
    }

    static Manifest read(Path file, String nodeName) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ObjectNode pod = Json.parseObject(bytes, !file.toString().endsWith(".json"));
        if (!"Pod".equals(pod.path("kind").asText("Pod"))) throw new IllegalArgumentException("only Pod manifests are supported");
        String hash = hash(bytes);
        ObjectNode meta = pod.with("metadata");
        String name = meta.path("name").asText("");
        if (name.isEmpty()) throw new IllegalArgumentException("metadata.name is required");
        String staticName = name + "-" + nodeName;
        meta.put("name", staticName);
        if (!meta.has("namespace")) meta.put("namespace", "default");
        meta.put("uid", hash);
        meta.with("annotations").put("kubernetes.io/config.source", "file").put("kubernetes.io/config.hash", hash);
        pod.put("apiVersion", "v1").put("kind", "Pod");
        pod.with("spec").put("nodeName", nodeName);
        ObjectNode mirror = pod.deepCopy();
        ObjectNode mirrorMeta = mirror.with("metadata");
        mirrorMeta.remove("uid");
        mirrorMeta.with("annotations").put(MIRROR_ANNOTATION, hash);
        mirrorMeta.putArray("ownerReferences").addObject().put("apiVersion", "v1").put("kind", "Node").put("name", nodeName)
                .put("uid", "").put("controller", true);
        mirror.remove("status");
        return new Manifest(file, hash, pod, mirror);
    }

    static boolean isMirror(ObjectNode pod) {
        return pod.path("metadata").path("annotations").has(MIRROR_ANNOTATION);
    }

    private static String hash(byte[] bytes) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
