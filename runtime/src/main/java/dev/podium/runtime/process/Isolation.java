package dev.podium.runtime.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Optional Linux namespace isolation of containers through util-linux {@code unshare}: new PID (with
 * {@code --fork --mount-proc}), UTS, IPC and mount namespaces; the network stays the host's.
 * <p>
 * A container runs as {@code setsid unshare ... /bin/sh -c INIT podium-init COMMAND...}: the shell INIT is
 * pid 1 of the new PID namespace; it sets the hostname, bind-mounts each volume at its mountPath (read-only
 * ones read-only), changes to the working directory and runs the command in the foreground (pid 2), then
 * exits with its status (0, N, or 128+signal). Termination keeps working with the process-group signals of
 * {@link ProcessGroups}: {@code unshare} blocks SIGTERM while it waits for its child, pid 1 ignores signals it
 * has no handler for, so SIGTERM reaches the command (and its children, same process group) only; SIGKILL
 * kills unshare and pid 1, and the kernel then kills everything left in the namespace ({@code --kill-child}
 * also makes the namespace die with unshare). The pid recorded for re-adoption is unshare's (= the group id).
 * <p>
 * Availability is probed once per JVM (the host does not change): {@code unshare} must be found and a trial
 * namespace must start. Where it is unavailable the runtime runs plain host processes, as before.
 */
final class Isolation {
    /** A volume bind-mounted at {@code target} inside the mount namespace. */
    record Mount(Path source, String target, boolean readOnly) {}

    private static final String NSENTER = ProcessGroups.find("nsenter");
    private static final Object LOCK = new Object();
    private static Isolation probed;

    private final boolean available;
    private final String status;
    private final String unshare;
    private final boolean killChild;
    private final String mount;

    private Isolation(boolean available, String status, String unshare, boolean killChild, String mount) {
        this.available = available;
        this.status = status;
        this.unshare = unshare;
        this.killChild = killChild;
        this.mount = mount;
    }

    static Isolation disabled() {
        return new Isolation(false, "not isolated: disabled by settings (isolation=false)", null, false, null);
    }

    /** The host's isolation support, probed the first time (a trial {@code unshare} of at most a few seconds). */
    static Isolation probe() {
        synchronized (LOCK) {
            if (probed == null) probed = doProbe();
            return probed;
        }
    }

    private static Isolation doProbe() {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux"))
            return unavailable("not isolated: namespaces need Linux (os.name=" + System.getProperty("os.name") + ")");
        String unshare = ProcessGroups.find("unshare");
        if (unshare == null) return unavailable("not isolated: unshare (util-linux) not found");
        if (ProcessGroups.SETSID == null) return unavailable("not isolated: setsid (util-linux) not found");
        String mount = ProcessGroups.find("mount");
        String withKill = trial(unshare, true);
        boolean killChild = withKill == null;
        String err = withKill;
        if (!killChild) err = trial(unshare, false);
        if (err != null) return unavailable("not isolated: unshare failed: " + err);
        String status = "isolated: pid, uts, ipc, mount namespaces";
        if (!killChild) status += " (unshare without --kill-child)";
        if (mount == null) status += " (volumes not bind-mounted at mountPath: mount not found)";
        return new Isolation(true, status, unshare, killChild, mount);
    }

    private static Isolation unavailable(String status) {
        return new Isolation(false, status, null, false, null);
    }

    /** null when a trial namespace works, else why not (one line). */
    private static String trial(String unshare, boolean killChild) {
        List<String> argv = new ArrayList<>(List.of(unshare, "--pid", "--fork"));
        if (killChild) argv.add("--kill-child");
        argv.addAll(List.of("--mount-proc", "--uts", "--ipc", "--mount", "/bin/sh", "-c",
                "echo podium-probe > /proc/sys/kernel/hostname && test \"$$\" = 1"));
        try {
            Process p = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectErrorStream(true).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "timed out after 5 s";
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim().replaceAll("\\s+", " ");
            if (p.exitValue() == 0) return null;
            return (out.isEmpty() ? "exit code " + p.exitValue() : out);
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    boolean available() {
        return available;
    }

    String status() {
        return status;
    }

    /**
     * The argv (without setsid) that runs {@code argv} isolated: hostname {@code hostname}, volumes bind-mounted,
     * working directory {@code workDir} (entered after mounting, as it may lie under a mountPath).
     */
    List<String> wrap(List<String> argv, String hostname, List<Mount> mounts, Path workDir) {
        StringBuilder init = new StringBuilder();
        if (hostname != null && !hostname.isEmpty()) {
            String h = quote(hostname);
            init.append("echo ").append(h).append(" > /proc/sys/kernel/hostname 2>/dev/null || hostname ").append(h).append(" 2>/dev/null\n");
        }
        if (mount != null) for (Mount m : mounts) {
            String src = quote(m.source().toString());
            String dst = quote(m.target());
            String mnt = quote(mount);
            init.append(mnt).append(" --bind ").append(src).append(' ').append(dst);
            if (m.readOnly()) init.append(" && ").append(mnt).append(" -o remount,bind,ro ").append(dst);
            init.append(" || echo ").append(quote("podium: cannot mount volume at " + m.target())).append(" >&2\n");
        }
        if (workDir != null) init.append("cd ").append(quote(workDir.toString())).append(" 2>/dev/null\n");
        init.append("\"$@\"\nexit $?\n");
        List<String> out = new ArrayList<>(List.of(unshare, "--pid", "--fork"));
        if (killChild) out.add("--kill-child");
        out.addAll(List.of("--mount-proc", "--uts", "--ipc", "--mount", "--propagation", "private",
                "/bin/sh", "-c", init.toString(), "podium-init"));
        out.addAll(argv);
        return out;
    }

    /** The argv that first moves itself into cgroup {@code dir} (by writing 0 to cgroup.procs), then execs argv. */
    static List<String> inCgroup(List<String> argv, Path dir) {
        List<String> out = new ArrayList<>(List.of("/bin/sh", "-c",
                "echo 0 > " + quote(dir.resolve("cgroup.procs").toString()) + " 2>/dev/null || echo "
                        + quote("podium: cannot join cgroup " + dir + "; memory limit not enforced") + " >&2\nexec \"$@\"",
                "podium-cgroup"));
        out.addAll(argv);
        return out;
    }

    /**
     * The argv that runs {@code argv} inside the namespaces of the isolated container whose unshare process is
     * {@code leader} (through {@code nsenter}), for exec probes and hooks; {@code argv} itself when not isolated
     * ({@code leader} 0) or its namespaces cannot be found.
     */
    static List<String> enter(long leader, Path workDir, List<String> argv) {
        if (leader <= 0 || NSENTER == null) return argv;
        Optional<ProcessHandle> init = ProcessHandle.of(leader).flatMap(h -> h.children().findFirst());
        if (init.isEmpty()) return argv;
        List<String> out = new ArrayList<>(List.of(NSENTER, "-t", Long.toString(init.get().pid()), "-p", "-m", "-u", "-i"));
        if (workDir != null) out.add("--wd=" + workDir);
        out.add("--");
        out.addAll(argv);
        return out;
    }

    /** Single-quotes {@code s} for /bin/sh. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
