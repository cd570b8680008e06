package dev.podium.runtime.cri;

import dev.podium.runtime.ExecRequest;
import dev.podium.runtime.ExecSession;
import dev.podium.runtime.ProcessSession;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code kubectl exec} in a containerd container: {@code ctr tasks exec} runs the command as an additional
 * process of the container's task (its namespaces, cgroup, user and environment), with its exit code; with a
 * terminal it runs under {@code script}, which gives ctr the pseudo-terminal it asks for.
 */
final class CtrExec extends ProcessSession {
    private static final AtomicLong IDS = new AtomicLong(System.nanoTime());
    private CtrExec(Process process) {
        super(process);
    }

    static ExecSession start(Path socket, String containerId, ExecRequest r) {
        String ctr = ContainerdDaemon.which("ctr").map(Path::toString)
                .orElseThrow(() -> new IllegalStateException("ctr (containerd's client) is not installed on this node"));
        List<String> argv = new ArrayList<>(List.of(ctr, "--address", socket.toString(), "--namespace", "k8s.io", "tasks", "exec",
                "--exec-id", "podium-exec-" + Long.toString(IDS.incrementAndGet(), 36)));
        if (r.tty()) argv.add("--tty");
        argv.add(containerId);
        argv.addAll(r.command());
        if (r.tty()) argv = List.of("script", "-qefc", String.join(" ", argv.stream().map(CtrExec::quote).toList()), "/dev/null");
        ProcessBuilder pb = new ProcessBuilder(argv);
        if (!r.stdin()) pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        if (r.tty()) pb.redirectErrorStream(true);
        pb.environment().putIfAbsent("TERM", "xterm");
        try {
            return new CtrExec(pb.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
