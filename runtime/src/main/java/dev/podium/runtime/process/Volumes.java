package dev.podium.runtime.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;
import dev.podium.runtime.PodContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A pod's volumes as host directories. emptyDir, configMap, secret, downwardAPI and projected volumes live in
 * {@code <podDir>/volumes/<name>} (deleted when the pod is stopped); hostPath is the node path itself;
 * persistentVolumeClaim is its PersistentVolume's hostPath, or {@code <root>/claims/<namespace>/<claimName>}, kept across pods.
 * <p>
 * With isolation (see Isolation) each mount is bind-mounted at its mountPath inside the container's mount
 * namespace. Without one a volume cannot appear at its mountPath, so each mount is (always, either way) exposed as
 * <ul>
 *   <li>the environment variable {@code PODIUM_VOLUME_<NAME>} (the volume name upper-cased, '-' and '.' as '_')
 *       holding the host directory (plus subPath), and</li>
 *   <li>a symlink {@code <podDir>/mounts/<mountPath without leading />} to it; the default working directory
 *       of a container is {@code <podDir>}, so {@code mounts/data/x} reaches mountPath {@code /data}.
 *       Mounts at the same path in different containers of one pod share the symlink (the last one wins).</li>
 * </ul>
 */
public final class Volumes {
    private Volumes() {}

    /** Creates or fills every volume; a missing non-optional ConfigMap/Secret fails (retryable). */
    public static Map<String, Path> prepare(ObjectNode pod, PodContext ctx, Path podDir, Path root) throws PodConfigException {
        String ns = Json.textAt(pod, "metadata.namespace");
        if (ns == null) ns = "default";
        Map<String, Path> out = new LinkedHashMap<>();
        try {
            for (JsonNode v : pod.path("spec").path("volumes")) {
                String name = v.path("name").asText();
                Path dir = podDir.resolve("volumes").resolve(name);
                if (v.has("hostPath")) {
                    Path p = Path.of(v.get("hostPath").path("path").asText("/"));
                    String type = v.get("hostPath").path("type").asText("");
                    if (type.equals("DirectoryOrCreate")) Files.createDirectories(p);
                    if (type.equals("FileOrCreate") && !Files.exists(p)) {
                        Files.createDirectories(p.getParent());
                        Files.createFile(p);
                    }
                    out.put(name, p);
                    continue;
                }
                if (v.has("persistentVolumeClaim")) {
                    Path p = claimPath(ctx, ns, v.get("persistentVolumeClaim").path("claimName").asText(), root);
                    Files.createDirectories(p);
                    out.put(name, p);
                    continue;
                }
                Files.createDirectories(dir);
                out.put(name, dir);
                if (v.has("configMap")) project(ctx, ns, name, "ConfigMap", v.get("configMap"), dir, mode(v.get("configMap")));
                else if (v.has("secret")) project(ctx, ns, name, "Secret", v.get("secret"), dir, mode(v.get("secret")));
                else if (v.has("downwardAPI")) downward(pod, ctx, v.get("downwardAPI"), dir);
                else if (v.has("projected")) {
                    for (JsonNode src : v.get("projected").path("sources")) {
                        if (src.has("configMap")) project(ctx, ns, name, "ConfigMap", src.get("configMap"), dir, mode(v.get("projected")));
                        if (src.has("secret")) project(ctx, ns, name, "Secret", src.get("secret"), dir, mode(v.get("projected")));
                        if (src.has("downwardAPI")) downward(pod, ctx, src.get("downwardAPI"), dir);
                        if (src.has("serviceAccountToken")) token(pod, ctx, name, src.get("serviceAccountToken"), dir, mode(v.get("projected")));
                    }
                }
            }
        } catch (IOException e) {
            throw new PodConfigException("ContainerCreating", "MountVolume.SetUp failed: " + e, true);
        }
        return out;
    }

    /**
     * The pod's volume directories as a runtime that re-adopts it sees them, before the agent gives it the
     * cluster again: hostPath as given, claims in {@code <root>/claims/<namespace>/<claim>}, the rest in the pod's directory.
     */
    public static Map<String, Path> directoriesOf(ObjectNode pod, Path podDir, Path root) {
        Map<String, Path> out = new java.util.LinkedHashMap<>();
        for (JsonNode v : pod.path("spec").path("volumes")) {
            String name = v.path("name").asText();
            if (v.has("hostPath")) out.put(name, Path.of(v.get("hostPath").path("path").asText("/")));
            else if (v.has("persistentVolumeClaim")) out.put(name, root.resolve("claims")
                    .resolve(Optional.ofNullable(Json.textAt(pod, "metadata.namespace")).orElse("default"))
                    .resolve(v.get("persistentVolumeClaim").path("claimName").asText()));
            else out.put(name, podDir.resolve("volumes").resolve(name));
        }
        return out;
    }

    /**
     * Where a claim's data lives: the hostPath of the PersistentVolume it is bound to, or (not
     * bound to a hostPath volume) {@code <root>/claims/<namespace>/<claim>}, kept across pods.
     */
    private static Path claimPath(PodContext ctx, String ns, String claim, Path root) throws PodConfigException {
        Optional<ObjectNode> pvc = ctx.lookup("PersistentVolumeClaim", ns, claim);
        if (pvc.isEmpty()) {
            throw new PodConfigException("ContainerCreating", "persistentvolumeclaim \"" + claim + "\" not found", true);
        }
        String volume = pvc.get().path("spec").path("volumeName").asText("");
        Optional<String> hostPath = volume.isEmpty() ? Optional.empty()
                : ctx.lookup("PersistentVolume", "", volume).map(pv -> pv.path("spec").path("hostPath").path("path").asText("")).filter(s -> !s.isEmpty());
        return hostPath.map(Path::of).orElse(root.resolve("claims").resolve(ns).resolve(claim));
    }

    /**
     * How often the pod's projected tokens are written again: at 80 % of the shortest lifetime
     * asked for (kube's kubelet renews then), at least every second; empty without such a source.
     */
    public static Optional<java.time.Duration> tokenRefreshPeriod(ObjectNode pod) {
        long shortest = Long.MAX_VALUE;
        for (JsonNode v : pod.path("spec").path("volumes")) {
            for (JsonNode src : v.path("projected").path("sources")) {
                if (src.has("serviceAccountToken")) shortest = Math.min(shortest, src.get("serviceAccountToken").path("expirationSeconds").asLong(3607));
            }
        }
        if (shortest == Long.MAX_VALUE) return Optional.empty();
        return Optional.of(java.time.Duration.ofMillis(Math.max(1000, shortest * 800)));
    }

    /** Writes fresh tokens over the pod's projected ones; a token that cannot be issued now keeps the old one. */
    public static void refreshTokens(ObjectNode pod, PodContext ctx, Path podDir) {
        for (JsonNode v : pod.path("spec").path("volumes")) {
            for (JsonNode src : v.path("projected").path("sources")) {
                if (!src.has("serviceAccountToken")) continue;
                try {
                    token(pod, ctx, v.path("name").asText(), src.get("serviceAccountToken"), podDir.resolve("volumes").resolve(v.path("name").asText()),
                            mode(v.get("projected")));
                } catch (PodConfigException | IOException e) {
                    // the old token stays until the next round
                }
            }
        }
    }

    private static void token(ObjectNode pod, PodContext ctx, String volume, JsonNode src, Path dir, int mode)
            throws PodConfigException, IOException {
        String token = ctx.serviceAccountToken(pod, src).orElseThrow(() -> new PodConfigException("ContainerCreating",
                "MountVolume.SetUp failed for volume \"" + volume + "\" : failed to fetch token: serviceaccounts \""
                        + pod.path("spec").path("serviceAccountName").asText("default") + "\" not found", true));
        // written beside and renamed over, so a container reading it during a renewal never sees half a token
        Path file = dir.resolve(src.path("path").asText("token"));
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        write(tmp, token.getBytes(java.nio.charset.StandardCharsets.UTF_8), mode);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static int mode(JsonNode src) {
        return src.path("defaultMode").asInt(0644);
    }

    private static void project(PodContext ctx, String ns, String volume, String kind, JsonNode src, Path dir, int mode)
            throws PodConfigException, IOException {
        String objName = src.path(kind.equals("Secret") ? "secretName" : "name").asText(src.path("name").asText());
        boolean optional = src.path("optional").asBoolean(false);
        var obj = ctx.lookup(kind, ns, objName);
        if (obj.isEmpty()) {
            if (optional) return;
            throw new PodConfigException("ContainerCreating", "MountVolume.SetUp failed for volume \"" + volume + "\" : "
                    + kind.toLowerCase(Locale.ROOT) + " \"" + objName + "\" not found", true);
        }
        Map<String, byte[]> data = EnvResolver.bytes(obj.get(), kind);
        JsonNode items = src.get("items");
        if (items == null || items.isEmpty()) {
            for (var e : data.entrySet()) write(dir.resolve(e.getKey()), e.getValue(), mode);
            return;
        }
        for (JsonNode item : items) {
            String key = item.path("key").asText();
            byte[] value = data.get(key);
            if (value == null) {
                if (optional) continue;
                throw new PodConfigException("ContainerCreating", "MountVolume.SetUp failed for volume \"" + volume
                        + "\" : configmap references non-existent config key: " + key, true);
            }
            write(dir.resolve(item.path("path").asText(key)), value, item.path("mode").asInt(mode));
        }
    }

    private static void downward(ObjectNode pod, PodContext ctx, JsonNode src, Path dir) throws PodConfigException, IOException {
        for (JsonNode item : src.path("items")) {
            String value;
            if (item.has("fieldRef")) value = FieldRefs.field(pod, ctx, item.get("fieldRef").path("fieldPath").asText());
            else if (item.has("resourceFieldRef")) {
                JsonNode ref = item.get("resourceFieldRef");
                value = FieldRefs.resource(pod, ref.path("containerName").asText(), ref);
            } else continue;
            write(dir.resolve(item.path("path").asText()), value.getBytes(StandardCharsets.UTF_8), item.path("mode").asInt(src.path("defaultMode").asInt(0644)));
        }
    }

    private static void write(Path file, byte[] value, int mode) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, value);
        try {
            Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
            PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
                    PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
                    PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
            for (int i = 0; i < 9; i++) if ((mode & (1 << i)) != 0) perms.add(order[i]);
            Files.setPosixFilePermissions(file, perms);
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
    }

    static String envName(String volume) {
        return "PODIUM_VOLUME_" + volume.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    }

    /** The PODIUM_VOLUME_* variables of a container, creating its mounts/ symlinks. */
    static Map<String, String> mount(JsonNode container, Map<String, Path> volumes, Path podDir) throws PodConfigException {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode m : container.path("volumeMounts")) {
            String name = m.path("name").asText();
            Path dir = volumes.get(name);
            if (dir == null) throw new PodConfigException("CreateContainerConfigError", "volumeMount \"" + name + "\" refers to no volume of the pod", false);
            String sub = m.path("subPath").asText("");
            if (!sub.isEmpty()) {
                dir = dir.resolve(sub);
                try {
                    if (!Files.exists(dir)) Files.createDirectories(dir);
                } catch (IOException ignored) {
                    // reported when the process uses it
                }
            }
            env.put(envName(name), dir.toString());
            String mountPath = m.path("mountPath").asText("").replaceFirst("^/+", "");
            if (mountPath.isEmpty()) continue;
            Path link = podDir.resolve("mounts").resolve(mountPath).normalize();
            if (!link.startsWith(podDir.resolve("mounts"))) continue;
            try {
                Files.createDirectories(link.getParent());
                if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) Files.delete(link);
                Files.createSymbolicLink(link, dir);
            } catch (IOException ignored) {
                // the env variable still works
            }
        }
        return env;
    }

    /**
     * The bind mounts of a container in its mount namespace (see Isolation): each volumeMount's host directory
     * (plus subPath) at its absolute mountPath; read-only when readOnly, and always for configMap, secret,
     * downwardAPI and projected volumes, as Kubernetes mounts those.
     */
    static List<Isolation.Mount> bindMounts(ObjectNode pod, JsonNode container, Map<String, Path> volumes) {
        Set<String> alwaysRo = new java.util.HashSet<>();
        for (JsonNode v : pod.path("spec").path("volumes"))
            if (v.has("configMap") || v.has("secret") || v.has("downwardAPI") || v.has("projected")) alwaysRo.add(v.path("name").asText());
        List<Isolation.Mount> out = new ArrayList<>();
        for (JsonNode m : container.path("volumeMounts")) {
            String name = m.path("name").asText();
            Path dir = volumes.get(name);
            String target = m.path("mountPath").asText("");
            if (dir == null || !target.startsWith("/")) continue;
            target = Path.of(target).normalize().toString();
            if (target.equals("/")) continue;
            String sub = m.path("subPath").asText("");
            if (!sub.isEmpty()) dir = dir.resolve(sub);
            out.add(new Isolation.Mount(dir, target, m.path("readOnly").asBoolean(false) || alwaysRo.contains(name)));
        }
        return out;
    }

    /**
     * Creates the missing mount points of {@code mounts} (a directory, or an empty file for a file source).
     * A mount namespace shares the host's file systems, so these stay on the host, empty; best effort.
     */
    static void createMountPoints(List<Isolation.Mount> mounts) {
        for (Isolation.Mount m : mounts) {
            Path target = Path.of(m.target());
            try {
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) continue;
                if (Files.isRegularFile(m.source())) {
                    Files.createDirectories(target.getParent());
                    Files.createFile(target);
                } else {
                    Files.createDirectories(target);
                }
            } catch (IOException ignored) {
                // the mount fails and says so in the container log; the PODIUM_VOLUME_* variable still works
            }
        }
    }

    /** Deletes the pod's own volume directories (not hostPath, not claims) and its mount links. */
    public static void cleanup(Path podDir) {
        deleteTree(podDir.resolve("volumes"));
        deleteTree(podDir.resolve("mounts"));
    }

    public static void deleteTree(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) return;
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
