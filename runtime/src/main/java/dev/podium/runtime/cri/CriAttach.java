package dev.podium.runtime.cri;

import dev.podium.runtime.ExecSession;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;

/**
 * {@code kubectl attach} on the containerd runtime: the container's output from now on, read from its CRI log
 * file (stdout and stderr apart, as the records say) until the container stops running. The container's stdin
 * is not connected, as on the process runtime.
 */
final class CriAttach implements ExecSession {
    private static final long POLL_MS = 100;
    private final PipedInputStream stdout = new PipedInputStream(1 << 16);
    private final PipedInputStream stderr = new PipedInputStream(1 << 16);
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private volatile boolean closed;

    private CriAttach() {}

    /** Follows {@code log} from its current end while {@code running} says the container runs. */
    static ExecSession start(Path log, BooleanSupplier running) {
        CriAttach a = new CriAttach();
        try {
            PipedOutputStream out = new PipedOutputStream(a.stdout);
            PipedOutputStream err = new PipedOutputStream(a.stderr);
            Thread t = new Thread(() -> a.follow(log, running, out, err), "podium-cri-attach");
            t.setDaemon(true);
            t.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return a;
    }

    private void follow(Path log, BooleanSupplier running, OutputStream out, OutputStream err) {
        try (out; err; RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long offset = file.length();
            boolean last = false;
            while (!closed) {
                long len = file.length();
                if (len > offset) {
                    byte[] buf = new byte[(int) Math.min(len - offset, 1 << 20)];
                    file.seek(offset);
                    file.readFully(buf);
                    CriLogFormat.Records rs = CriLogFormat.records(buf);
                    offset += rs.consumed();
                    for (CriLogFormat.Record r : rs.records()) {
                        (r.stream().equals("stderr") ? err : out).write(r.output().getBytes(StandardCharsets.UTF_8));
                    }
                    out.flush();
                    err.flush();
                    if (rs.consumed() > 0) continue;
                }
                if (last) break;
                last = !running.getAsBoolean();
                if (!last) Thread.sleep(POLL_MS);
            }
            exit.complete(0);
        } catch (IOException e) {
            exit.complete(closed ? 0 : 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exit.complete(0);
        }
    }

    @Override
    public OutputStream stdin() {
        return null;
    }

    @Override
    public InputStream stdout() {
        return stdout;
    }

    @Override
    public InputStream stderr() {
        return stderr;
    }

    @Override
    public CompletionStage<Integer> exitCode() {
        return exit;
    }

    @Override
    public void close() {
        closed = true;
    }
}
