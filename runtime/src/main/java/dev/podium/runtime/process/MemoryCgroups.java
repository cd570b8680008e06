package dev.podium.runtime.process;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Optional memory limits ({@code resources.limits.memory}) through a cgroup per container run.
 * <ul>
 *   <li>cgroup v2 ({@code /sys/fs/cgroup/cgroup.controllers} lists memory): {@code /sys/fs/cgroup/podium/<run>}
 *       with {@code memory.max} (and {@code memory.swap.max = 0}); OOM kills show in {@code memory.events}.</li>
 *   <li>cgroup v1 memory controller (hybrid hosts): a {@code podium} child of this JVM's own memory cgroup,
 *       with {@code memory.limit_in_bytes} (and {@code memory.memsw.limit_in_bytes}); OOM kills show in
 *       {@code memory.oom_control}.</li>
 * </ul>
 * Whether cgroups are writable is probed once at construction by creating and removing a trial cgroup.
 * The process joins its cgroup itself before exec'ing the container command (see {@link Isolation#inCgroup}),
 * so no allocation escapes the limit. A run's cgroup is removed when the run ends (its leftovers killed).
 */
final class MemoryCgroups {
    private static final Logger log = LoggerFactory.getLogger(MemoryCgroups.class);

    private final Path parent;
    private final boolean v2;
    private final String status;

    private MemoryCgroups(Path parent, boolean v2, String status) {
        this.parent = parent;
        this.v2 = v2;
        this.status = status;
    }

    static MemoryCgroups probe() {
        Path fs = Path.of("/sys/fs/cgroup");
        try {
            Path controllers = fs.resolve("cgroup.controllers");
            if (Files.isReadable(controllers)) {
                if (!List.of(Files.readString(controllers).trim().split("\\s+")).contains("memory"))
                    return unavailable("cgroup v2 without the memory controller");
                Path parent = fs.resolve("podium");
                String err = trialV2(fs, parent);
                return err == null ? new MemoryCgroups(parent, true, "enforced: cgroup v2 " + parent) : unavailable(err);
            }
            Path v1 = fs.resolve("memory");
            if (Files.isRegularFile(v1.resolve("memory.limit_in_bytes"))) {
                String own = ownV1Path().orElse("/");
                Path parent = v1.resolve(own.replaceFirst("^/+", "")).resolve("podium");
                String err = trialV1(parent);
                return err == null ? new MemoryCgroups(parent, false, "enforced: cgroup v1 " + parent) : unavailable(err);
            }
            return unavailable("no cgroup memory controller under " + fs);
        } catch (IOException | RuntimeException e) {
            return unavailable("cgroups not usable: " + e);
        }
    }

    private static MemoryCgroups unavailable(String why) {
        return new MemoryCgroups(null, false, "not enforced: " + why);
    }

    private static String trialV2(Path fs, Path parent) {
        try {
            if (!subtree(fs).contains("memory")) Files.writeString(fs.resolve("cgroup.subtree_control"), "+memory");
            Files.createDirectories(parent);
            if (!subtree(parent).contains("memory")) Files.writeString(parent.resolve("cgroup.subtree_control"), "+memory");
            Path t = parent.resolve("probe-" + UUID.randomUUID());
            Files.createDirectory(t);
            try {
                Files.writeString(t.resolve("memory.max"), "104857600");
            } finally {
                Files.deleteIfExists(t);
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return "cgroup v2 not writable (" + parent + "): " + e;
        }
    }

    private static List<String> subtree(Path dir) throws IOException {
        return List.of(Files.readString(dir.resolve("cgroup.subtree_control")).trim().split("\\s+"));
    }

    private static String trialV1(Path parent) {
        try {
            Files.createDirectories(parent);
            Path t = parent.resolve("probe-" + UUID.randomUUID());
            Files.createDirectory(t);
            try {
                Files.writeString(t.resolve("memory.limit_in_bytes"), "104857600");
            } finally {
                Files.deleteIfExists(t);
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return "cgroup v1 memory controller not writable (" + parent + "): " + e;
        }
    }

    /** This process's cgroup v1 memory path, from /proc/self/cgroup. */
    private static Optional<String> ownV1Path() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
            String[] f = line.split(":", 3);
            if (f.length == 3 && List.of(f[1].split(",")).contains("memory")) return Optional.of(f[2]);
        }
        return Optional.empty();
    }

    boolean enforced() {
        return parent != null;
    }

    String status() {
        return status;
    }

    /**
     * Creates the cgroup of one container run limited to {@code bytes}; empty when not enforced or it fails
     * (the container then runs without a limit, which is logged).
     */
    Optional<Path> create(String name, long bytes) {
        if (parent == null) return Optional.empty();
        Path dir = parent.resolve(name);
        for (int attempt = 0; ; attempt++) {
            try {
                Files.createDirectories(parent);
                if (v2 && !subtree(parent).contains("memory")) Files.writeString(parent.resolve("cgroup.subtree_control"), "+memory");
                Files.createDirectory(dir);
                break;
            } catch (IOException e) {
                if (attempt < 2) continue; // a concurrent remove of the parent
                log.warn("cannot create cgroup {}; memory limit not enforced: {}", dir, e.toString());
                return Optional.empty();
            }
        }
        try {
            if (v2) {
                Files.writeString(dir.resolve("memory.max"), Long.toString(bytes));
                if (Files.exists(dir.resolve("memory.swap.max"))) Files.writeString(dir.resolve("memory.swap.max"), "0");
            } else {
                Files.writeString(dir.resolve("memory.limit_in_bytes"), Long.toString(bytes));
                Path memsw = dir.resolve("memory.memsw.limit_in_bytes");
                if (Files.exists(memsw)) {
                    try {
                        Files.writeString(memsw, Long.toString(bytes));
                    } catch (IOException ignored) {
                        // swap accounting off
                    }
                }
            }
            return Optional.of(dir);
        } catch (IOException e) {
            log.warn("cannot limit memory of cgroup {}; memory limit not enforced: {}", dir, e.toString());
            remove(dir);
            return Optional.empty();
        }
    }

    /** Whether the OOM killer killed a process of cgroup {@code dir}. */
    static boolean oomKilled(Path dir) {
        if (dir == null) return false;
        for (String file : List.of("memory.events", "memory.oom_control")) {
            try {
                for (String line : Files.readAllLines(dir.resolve(file))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length == 2 && f[0].equals("oom_kill") && Long.parseLong(f[1]) > 0) return true;
                }
            } catch (IOException | RuntimeException ignored) {
                // not this version, or gone
            }
        }
        return false;
    }

    /** Kills what is left in cgroup {@code dir} and removes it; retries for a couple of seconds. Blocking. */
    static void remove(Path dir) {
        if (dir == null) return;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (Files.isDirectory(dir)) {
            try {
                for (String pid : Files.readAllLines(dir.resolve("cgroup.procs"))) {
                    if (!pid.isBlank()) ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(ProcessHandle::destroyForcibly);
                }
            } catch (IOException | RuntimeException ignored) {
                // gone meanwhile
            }
            try {
                Files.deleteIfExists(dir);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    log.warn("cannot remove cgroup {}: {}", dir, e.toString());
                    return;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Removes the (shared) parent cgroup if nothing uses it any more. */
    void close() {
        if (parent == null) return;
        try {
            Files.deleteIfExists(parent);
        } catch (IOException ignored) {
            // other runs (or runtimes) still use it
        }
    }
}
