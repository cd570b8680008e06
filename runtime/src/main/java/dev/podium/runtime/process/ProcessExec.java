package dev.podium.runtime.process;

import dev.podium.runtime.ExecRequest;
import dev.podium.runtime.ExecSession;
import dev.podium.runtime.ProcessSession;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code kubectl exec} and {@code attach} on the process runtime. A command runs with the
 * container's environment and working directory, inside its namespaces when it is isolated
 * (nsenter, as exec probes do); with a terminal it runs under {@code script}, which gives it a
 * pseudo-terminal. Attach follows the container's output from now on until its process ends
 * ({@code tail --pid}); the process's own stdin is not connected (it reads /dev/null).
 */
final class ProcessExec extends ProcessSession {
    private ProcessExec(Process process) {
        super(process);
    }

    static ExecSession start(ExecRequest r, Probes.Target target, long containerPid, Path logFile) {
        List<String> argv;
        if (r.attach()) {
            argv = List.of("tail", "-c", "0", "-f", "--pid=" + containerPid, logFile.toString());
        } else {
            argv = new ArrayList<>(r.command());
            try {
                argv.set(0, Launcher.executable(argv.get(0), target.env(), target.workDir()).toString());
            } catch (PodConfigException e) {
                throw new IllegalArgumentException("exec: \"" + argv.get(0) + "\": executable file not found in $PATH");
            }
            if (r.tty()) argv = List.of("script", "-qefc", String.join(" ", argv.stream().map(Isolation::quote).toList()), "/dev/null");
            argv = Isolation.enter(target.nsLeader(), target.workDir(), argv);
        }
        ProcessBuilder pb = new ProcessBuilder(ProcessGroups.inNewGroup(argv)).directory(target.workDir().toFile());
        if (!r.stdin() || r.attach()) pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        if (r.tty()) pb.redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(target.env());
        if (r.tty()) pb.environment().putIfAbsent("TERM", "xterm");
        try {
            return new ProcessExec(pb.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) ProcessGroups.signal(process.pid(), "KILL");
    }
}
