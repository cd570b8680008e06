package dev.podium.runtime;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletionStage;

/**
 * A command running in a container for {@code kubectl exec} (or a view of its main process for
 * {@code kubectl attach}): its standard streams and its exit code. With a terminal, stderr is
 * merged into stdout, as a terminal has one output.
 */
public interface ExecSession extends AutoCloseable {
    /** Null when the session was started without stdin. */
    OutputStream stdin();

    InputStream stdout();

    /** An empty stream with a terminal. */
    InputStream stderr();

    /** Completes with the exit code once the command ended. */
    CompletionStage<Integer> exitCode();

    /** Ends the command (when the client went away first). */
    @Override
    void close();
}
