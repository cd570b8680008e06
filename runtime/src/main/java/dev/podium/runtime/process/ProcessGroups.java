package dev.podium.runtime.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starting processes in a process group of their own (through {@code setsid}, which execs in place, so
 * the pid is the group id) and signalling whole groups, so a container's children die with it.
 */
final class ProcessGroups {
    static final String SETSID = find("setsid");
    private static final String KILL = find("kill");

    private ProcessGroups() {}

    /** The argv that runs {@code argv} as leader of a new session and process group. */
    static List<String> inNewGroup(List<String> argv) {
        List<String> out = new ArrayList<>(argv.size() + 1);
        if (SETSID != null) out.add(SETSID);
        out.addAll(argv);
        return out;
    }

    /** Sends {@code signal} (TERM, KILL) to the process group led by {@code pid}; blocks for at most a second or two. */
    static void signal(long pid, String signal) {
        if (pid <= 1) return;
        if (SETSID == null || KILL == null) {
            ProcessHandle.of(pid).ifPresent(h -> {
                if (signal.equals("KILL")) h.destroyForcibly(); else h.destroy();
            });
            return;
        }
        try {
            Process p = new ProcessBuilder(KILL, "-s", signal, "--", "-" + pid)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(2, TimeUnit.SECONDS)) p.destroyForcibly();
        } catch (Exception e) {
            ProcessHandle.of(pid).ifPresent(h -> {
                if (signal.equals("KILL")) h.destroyForcibly(); else h.destroy();
            });
        }
    }

    static String find(String exe) {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin", "/usr/local/bin")) {
            Path p = Path.of(dir, exe);
            if (Files.isExecutable(p)) return p.toString();
        }
        String path = System.getenv("PATH");
        if (path != null) for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path p = Path.of(dir, exe);
            if (Files.isExecutable(p)) return p.toString();
        }
        return null;
    }
}
