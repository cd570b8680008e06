package dev.podium.runtime;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletionStage;

/** An {@link ExecSession} that is one local process: its pipes are the session's streams, its exit code the session's. */
public abstract class ProcessSession implements ExecSession {
    protected final Process process;

    protected ProcessSession(Process process) {
        this.process = process;
    }

    @Override
    public OutputStream stdin() {
        return process.getOutputStream();
    }

    @Override
    public InputStream stdout() {
        return process.getInputStream();
    }

    @Override
    public InputStream stderr() {
        return process.getErrorStream();
    }

    @Override
    public CompletionStage<Integer> exitCode() {
        return process.onExit().thenApply(Process::exitValue);
    }
}
